package io.pixflow.benchmarks.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's CPU went during a Flight Recorder window: Java execution samples ({@code jdk.ExecutionSample})
 * grouped by library, counted both where the sample was taken (self) and anywhere on its stack (inclusive), and
 * the methods most often on top. The same numbers {@code jfr print --events jdk.ExecutionSample} would give,
 * added up.
 */
record Profile(int samples, Map<String, Integer> selfByComponent, Map<String, Integer> inclusiveByComponent,
               Map<String, Integer> topMethods, Map<String, Integer> inclusiveMarkers) {

    /** Package prefixes, first match wins; order matters (jersey before glassfish). */
    private static final Map<String, String> COMPONENTS = orderedMap(
            "io.pixflow.", "PixFlow",
            "org.h2.", "H2",
            "com.zaxxer.hikari.", "HikariCP",
            "org.flywaydb.", "Flyway",
            "com.fasterxml.jackson.", "Jackson",
            "org.glassfish.jersey.", "Jersey",
            "org.glassfish.hk2.", "HK2",
            "org.jvnet.hk2.", "HK2",
            "org.glassfish.tyrus.", "Tyrus",
            "org.glassfish.grizzly.", "Grizzly",
            "com.google.zxing.", "ZXing",
            "ch.qos.logback.", "Logback",
            "org.slf4j.", "SLF4J",
            "java.", "JDK",
            "javax.", "JDK",
            "jdk.", "JDK",
            "sun.", "JDK",
            "com.sun.", "JDK");

    /**
     * Frames worth naming on their own, inclusive: the stages of one request, so the report can say e.g. how much
     * of the create path is the database commit.
     */
    private static final Map<String, String> MARKERS = orderedMap(
            "org.h2.mvstore.MVStore.commit", "H2 MVStore.commit (write of each commit, WRITE_DELAY=0)",
            "org.h2.mvstore.MVStore.store", "H2 MVStore.store (chunk serialisation and write)",
            "org.h2.mvstore.FileStore.writeFully", "H2 file write",
            "org.h2.command.Command.executeUpdate", "H2 executeUpdate (whole statement)",
            "org.h2.command.Command.executeQuery", "H2 executeQuery (whole statement)",
            "com.zaxxer.hikari.pool.HikariPool.getConnection", "HikariCP getConnection",
            "io.pixflow.adapter.persistence.JdbcPaymentRepository", "PixFlow JDBC repository",
            "io.pixflow.payment.application.PaymentService.create", "PaymentService.create",
            "io.pixflow.payment.domain.pix.BrCode", "BrCode (build + CRC)",
            "java.security.SecureRandom", "SecureRandom",
            "com.fasterxml.jackson.databind.ObjectMapper", "Jackson ObjectMapper",
            "org.glassfish.jersey.server.ServerRuntime.process", "Jersey request processing",
            "org.glassfish.jersey.message.internal.WriterInterceptorExecutor", "Jersey entity writing",
            "org.glassfish.grizzly.nio.transport.TCPNIOTransport.write", "Grizzly socket write",
            "ch.qos.logback", "Logback");

    static Profile read(Path recording, int topCount) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> markers = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            String top = name(frames.get(0));
            self.merge(component(top), 1, Integer::sum);
            methods.merge(top, 1, Integer::sum);
            Set<String> seenComponents = new HashSet<>();
            Set<String> seenMarkers = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String name = name(frame);
                seenComponents.add(component(name));
                MARKERS.forEach((prefix, label) -> {
                    if (name.startsWith(prefix)) {
                        seenMarkers.add(label);
                    }
                });
            }
            seenComponents.forEach(c -> inclusive.merge(c, 1, Integer::sum));
            seenMarkers.forEach(m -> markers.merge(m, 1, Integer::sum));
        }
        return new Profile(samples, sorted(self, Integer.MAX_VALUE), sorted(inclusive, Integer.MAX_VALUE),
                sorted(methods, topCount), sorted(markers, Integer.MAX_VALUE));
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    private static String component(String frame) {
        for (Map.Entry<String, String> prefix : COMPONENTS.entrySet()) {
            if (frame.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return "other";
    }

    private static Map<String, Integer> sorted(Map<String, Integer> counts, int limit) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
