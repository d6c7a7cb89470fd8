package io.pixflow.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server ({@code bootstrap/target/pixflow.jar}) in its own JVM: the client and the server never share
 * a classpath, as in production.
 */
final class PixFlowServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("PixFlow listening on (http://[^ ]+)");

    private final Process process;
    private final URI baseUrl;

    private PixFlowServerProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static PixFlowServerProcess start(Path dataDirectory) throws Exception {
        Path jar = Path.of(System.getProperty("pixflow.server.jar", "../bootstrap/target/pixflow.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run mvn package first");
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PIXFLOW_"));
        env.put("PIXFLOW_PORT", "0");
        env.put("PIXFLOW_CREATE_RATE_LIMIT", "1000/1000");
        env.put("PIXFLOW_DB_URL", "jdbc:h2:file:" + dataDirectory.resolve("pixflow").toAbsolutePath());
        Process process = builder.start();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread output = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1) + "/"));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            listening.completeExceptionally(new IllegalStateException("the server exited before listening"));
        }, "pixflow-server-output");
        output.setDaemon(true);
        output.start();
        try {
            return new PixFlowServerProcess(process, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
