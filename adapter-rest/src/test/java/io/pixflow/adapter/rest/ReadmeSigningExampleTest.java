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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's shell recipe for a signed confirmation, run as written against a live-mode server. */
class ReadmeSigningExampleTest {

    /** The README's lines, read from it; only SECRET, URL and the body's bank_payment_id come from the test. */
    private static String recipe() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("A live confirmation carries"));
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("the README's signing recipe").isTrue();
        return block.group(1);
    }

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
            ProcessBuilder shell = new ProcessBuilder("sh", "-c", recipe()).redirectErrorStream(true);
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
