package io.pixflow.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.payment.domain.IdempotencyKey;
import io.pixflow.payment.domain.Payment;
import io.pixflow.payment.domain.PaymentId;
import io.pixflow.payment.domain.PaymentStatus;
import io.pixflow.payment.domain.port.out.PaymentRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A payment the repository acknowledged survives the process being killed right after (SIGKILL: no shutdown
 * hook, no H2 close). Without {@code WRITE_DELAY=0}, the commits of the last half second are lost.
 */
class DurabilityTest {

    /** Enough writes that the kill lands while the writers are busy, well past start-up. */
    private static final int ACKNOWLEDGEMENTS_BEFORE_KILL = 200;

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedWriteSurvivesAKillNineRightAfterIt() throws Exception {
        String url = "jdbc:h2:file:" + directory.resolve("data").resolve("pixflow");
        Path errors = directory.resolve("probe-stderr.txt");
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DurabilityProbe.class.getName(), url)
                .redirectError(errors.toFile())
                .start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGEMENTS_BEFORE_KILL && (line = output.readLine()) != null) {
                acknowledged.add(line);
            }
            // SIGKILL through the process handle: Process.destroyForcibly would also close our end of the pipe,
            // and the lines still in it were acknowledged before the kill too.
            probe.toHandle().destroyForcibly();
            while ((line = output.readLine()) != null) {
                acknowledged.add(line);
            }
        } finally {
            probe.destroyForcibly();
            probe.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acknowledged).as("acknowledgements; probe stderr: %s", Files.readString(errors))
                .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGEMENTS_BEFORE_KILL);

        Map<String, String> keyOfCreated = new HashMap<>();
        List<String> paid = new ArrayList<>();
        for (String line : acknowledged) {
            String[] fields = line.split(" ");
            if (fields[0].equals("CREATED")) {
                keyOfCreated.put(fields[1], fields[2]);
            } else {
                paid.add(fields[1]);
            }
        }
        List<String> lost = new ArrayList<>();
        try (Database reopened = Database.open(new DatabaseSettings(url, "sa", ""))) {
            PaymentRepository payments = reopened.paymentRepository();
            keyOfCreated.forEach((id, key) -> {
                Optional<PaymentId> stored = payments.findByIdempotencyKey(new IdempotencyKey(key))
                        .map(creation -> creation.payment().id());
                if (!stored.equals(Optional.of(new PaymentId(id)))) {
                    lost.add("CREATED " + id);
                }
            });
            for (String id : paid) {
                if (payments.findById(new PaymentId(id)).map(Payment::status).orElse(null) != PaymentStatus.PAID) {
                    lost.add("PAID " + id);
                }
            }
        }
        assertThat(lost).as("acknowledged writes lost, of %d", acknowledged.size()).isEmpty();
    }
}
