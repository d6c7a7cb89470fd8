package io.pixflow.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through Debian's chromedriver, both at fixed paths, so nothing is downloaded. Tests
 * that need it are skipped, with a message saying how to install it, on a machine without it.
 */
final class HeadlessChromium {

    private static final Path CHROMIUM = Path.of(System.getProperty("pixflow.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("pixflow.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser test skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
    }

    /** A phone-sized window of a Brazilian payer's browser, with its own empty profile. */
    static WebDriver open(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // As root and on a closed network: no sandbox, and none of Chromium's background calls home.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=412,915", "--user-data-dir=" + profile);
        // Headless Chromium ignores --lang for Accept-Language.
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "pt-BR,pt"));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(driver, options);
    }
}
