package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The server killed with SIGKILL while confirmations stream in: every confirmation answered 200 is kept. */
class CrashRecoveryIT {

    @Test
    void aPageOpenDuringTheCrashEndsOnItsFinalStateOnceTheServerIsBack(@TempDir Path data, @TempDir Path profile)
            throws Exception {
        HeadlessChromium.assumeInstalled();
        WebDriver browser = HeadlessChromium.open(profile);
        try {
            int port;
            try (ServerProcess server = ServerProcess.start(data)) {
                port = server.port();
                Api api = new Api(port);
                JsonNode payment = api.createPayment("{\"value\": 99.90}");
                browser.get(payment.get("page_url").asText());
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                        "live".equals(driver.findElement(By.id("payment")).getAttribute("data-connection")));

                assertThat(api.confirm(payment, "99.90").status()).isEqualTo(200);
                server.kill();
            }

            try (ServerProcess restarted = ServerProcess.start(data, port)) {
                // The page reconnects with backoff (1 s, 2 s, 4 s, … plus jitter) and reads the snapshot again.
                WebElement approved = new WebDriverWait(browser, Duration.ofSeconds(45))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.id("status-paid")));
                assertThat(approved.getText()).contains("Pagamento aprovado");
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void everyConfirmationAcknowledgedBeforeAKillIsPaidAfterTheRestart(@TempDir Path data) throws Exception {
        List<JsonNode> payments = new ArrayList<>();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        CountDownLatch fiftyAcknowledged = new CountDownLatch(50);
        try (ServerProcess server = ServerProcess.start(data)) {
            Api api = new Api(server.port());
            for (int i = 0; i < 200; i++) {
                payments.add(api.createPayment("{\"value\": " + (i + 1) + "}"));
            }
            ExecutorService banks = Executors.newFixedThreadPool(4);
            for (int i = 0; i < payments.size(); i++) {
                JsonNode payment = payments.get(i);
                String value = String.valueOf(i + 1);
                banks.submit(() -> {
                    try {
                        if (api.confirm(payment, value).status() == 200) {
                            acknowledged.add(payment.get("id").asText());
                            fiftyAcknowledged.countDown();
                        }
                    } catch (RuntimeException connectionLost) {
                        // the kill cut this one off: no acknowledgement, no promise
                    }
                });
            }
            assertThat(fiftyAcknowledged.await(60, TimeUnit.SECONDS)).isTrue();
            server.kill();
            banks.shutdown();
            assertThat(banks.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        try (ServerProcess restarted = ServerProcess.start(data)) {
            Api api = new Api(restarted.port());
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(50);
            for (String id : acknowledged) {
                assertThat(api.payment(id).get("status").asText()).as("payment %s", id).isEqualTo("PAID");
            }
            // Payments created before the crash are all still there.
            for (JsonNode payment : payments) {
                assertThat(api.get("payments/pix/" + payment.get("id").asText(), "application/json").status())
                        .isEqualTo(200);
            }
        }
    }
}
