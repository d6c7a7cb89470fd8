package io.pixflow.adapter.rest;

import static io.pixflow.adapter.rest.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's shell recipe for a signed confirmation, run as written against a live-mode server. */
class ReadmeSigningExampleTest {

    /** Exactly the README's lines; only SECRET, URL and the body's bank_payment_id are supplied by the test. */
    private static final String RECIPE = """
            t=$(date +%s)
            body='{"bank_payment_id": "'"$BANK_PAYMENT_ID"'", "value": 1500.00}'
            sig=$(printf '%s.%s' "$t" "$body" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.* //')
            curl -sS -X POST "$URL/payments/pix/confirmation" -H 'Content-Type: application/json' \\
              -H "X-Pixflow-Signature: t=$t,v1=$sig" --data-binary "$body"
            """;

    private static boolean installed(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void theShellRecipeSignsAConfirmationTheServerAccepts() throws Exception {
        assumeTrue(installed("openssl") && installed("curl"), "needs openssl and curl on the PATH");
        PaymentApp app = new PaymentApp();
        // date +%s reads the real clock, so the server's must agree within the tolerance.
        app.clock.set(Instant.now());
        try (LiveMode live = LiveMode.start(app)) {
            JsonNode payment = live.createPayment();
            ProcessBuilder shell = new ProcessBuilder("sh", "-c", RECIPE).redirectErrorStream(true);
            shell.environment().put("SECRET", LiveMode.NEW_SECRET);
            shell.environment().put("URL", live.server.base().toString().replaceAll("/$", ""));
            shell.environment().put("BANK_PAYMENT_ID", payment.get("bank_payment_id").asText());

            Process process = shell.start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(output).isZero();
            assertThat(TestServer.JSON.readTree(output).get("message").asText())
                    .isEqualTo("The payment has been confirmed");
            assertThat(live.statusOf(payment)).isEqualTo("PAID");
        }
    }
}
