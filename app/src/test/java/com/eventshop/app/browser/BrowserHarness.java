package com.eventshop.app.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Playwright for Java driving Debian's Chromium: never a downloaded browser, a fresh profile
 * per context, headless, and no background traffic (updates, sync, QUIC).
 */
final class BrowserHarness implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("eventshop.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync");

    private final Playwright playwright;
    /** Uncaught JavaScript errors of every page opened, in order. */
    final java.util.List<String> pageErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Path home;

    private BrowserHarness(Path home) {
        this.home = home;
        // Playwright must never download a browser; Chromium writes to XDG folders, not $HOME.
        this.playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1",
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString())));
    }

    /** Skips the calling test class (with the package to install) when there is no Chromium. */
    static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "Browser tests skipped: no Chromium at " + CHROMIUM + ". Install the Debian package `chromium` "
                        + "(apt-get install -y chromium) or set -Deventshop.chromium=<path>.");
    }

    static BrowserHarness start(Path home) {
        return new BrowserHarness(home);
    }

    /** A new browser with a fresh user-data-dir. */
    BrowserContext newContext(String name) throws java.io.IOException {
        Path profile = Files.createDirectories(home.resolve("profile-" + name + "-" + System.nanoTime()));
        BrowserContext context = playwright.chromium().launchPersistentContext(profile,
                new BrowserType.LaunchPersistentContextOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(ARGS)
                        .setViewportSize(1280, 900));
        context.setDefaultTimeout(30_000);
        // an uncaught script error fails the test (see pageErrors)
        context.onPage(page -> page.onPageError(error -> pageErrors.add(page.url() + ": " + error)));
        return context;
    }

    static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
