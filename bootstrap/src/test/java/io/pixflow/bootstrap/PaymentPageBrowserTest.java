package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium opens the payment page; the payment is confirmed through the API, and the page must
 * show "Pagamento aprovado" by itself. Uses Debian's chromium and chromedriver at fixed paths, so nothing is
 * downloaded; without them the test is skipped, not failed.
 */
class PaymentPageBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static PixFlowServer server;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        HeadlessChromium.assumeInstalled();
        server = PixFlowServer.start(TestServers.sandbox(data));
        browser = HeadlessChromium.open(profile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void thePageFlipsToApprovedWithoutAReloadWhenTheBankConfirms() throws Exception {
        Api api = new Api(server.port());
        JsonNode payment = api.createPayment("{\"value\": 1500, \"description\": \"Pedido 123\"}");
        browser.get(payment.get("page_url").asText());
        WebElement pending = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("status-pending")));
        assertThat(browser.findElement(By.id("amount")).getText()).contains("R$ 1.500,00");
        assertThat(browser.findElement(By.id("pix-copy-paste")).getAttribute("value"))
                .isEqualTo(payment.get("pix_copy_paste").asText());
        assertThat(pending.isDisplayed()).isTrue();
        // The socket is open once the page has its snapshot; confirming earlier would test the snapshot instead.
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver ->
                "live".equals(driver.findElement(By.id("payment")).getAttribute("data-connection")));
        screenshot("payment-pending.png");
        String pageBefore = (String) ((JavascriptExecutor) browser)
                .executeScript("window.__pixflowMarker = 'same page'; return window.__pixflowMarker;");

        assertThat(api.confirm(payment, "1500").status()).isEqualTo(200);

        WebElement approved = new WebDriverWait(browser, Duration.ofSeconds(2))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("status-paid")));
        assertThat(approved.getText()).contains("Pagamento aprovado");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pixflowMarker;"))
                .as("the page was not reloaded").isEqualTo(pageBefore);
        assertThat(browser.findElement(By.id("status-pending")).isDisplayed()).isFalse();
        screenshot("payment-approved.png");
    }

    private static void screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
