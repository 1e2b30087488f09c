package dev.leadpact.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and chromedriver, for the browser tests of the reporting service and of
 * the system tests (installed by closed-loop-reporting-service's ensure-chromium.sh).
 */
public final class Chromium {
    private Chromium() {}

    public static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        // Debian's binaries, so that Selenium Manager never tries to download one
        options.setBinary("/usr/bin/chromium");
        try {
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1500,1700",
                    "--user-data-dir="
                            + Files.createTempDirectory("chromium-profile-").toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
