package openchat.server.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;

/**
 * The system's headless Chromium and chromedriver (Debian's {@code chromium-headless-shell}, or {@code chromium} where
 * it is missing, and {@code chromium-driver}), driven through WebDriver. Both paths are given to Selenium, so Selenium
 * Manager never looks for (or downloads) a browser or a driver. {@code CHROME_BIN} and {@code CHROMEDRIVER} name other
 * ones. The headless shell is the same Blink and V8 without the browser's own layers: it opened the page and joined
 * with a third less CPU (263 and 348 ms against 391 and 488, starting in 1.4 s against 4.1; 2026-12-07), and the
 * browser tests are half of the suite's CPU. Its window is all page (a desktop window of 1280 by 800 shows 800 pixels
 * of page, where the full browser's headless window shows 657), and it reads no language from {@code --lang} or the
 * preferences: each browser is given its language through DevTools as well ({@link #start}).
 *
 * <p>A browser given back ({@link #giveBack}) is kept on a blank page for the next person of the same window and
 * language, so that a test class starts a browser per person at once, not per person per test (Chromium's start
 * was most of each browser test's time). What a page keeps is its origin's, and every test's server has a port
 * of its own, so nothing a page stored reaches the next test's; the tab's session storage, which would take a page
 * back into the chat by itself, is cleared all the same, as a port may come round again, and so are a language chosen
 * on the page and the rooms' keys it kept; a time zone a test put it in is the machine's again. {@link #quitAll}
 * ends the kept ones.
 */
final class Chromium {
    /** A desktop window, a phone's (an iPhone 12-15 viewport) and a small phone's (many Android phones). */
    enum Window {
        DESKTOP(1280, 800),
        PHONE(390, 844),
        SMALL_PHONE(360, 780);

        final int width;
        final int height;

        Window(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    /** The browser's language: what {@code navigator.language} says to the page. */
    enum Language {
        KOREAN("ko-KR", "ko-KR,ko"),
        ENGLISH("en-US", "en-US,en");

        final String tag;
        final String acceptLanguages;

        Language(String tag, String acceptLanguages) {
            this.tag = tag;
            this.acceptLanguages = acceptLanguages;
        }
    }

    /**
     * The headless shell's own binary, not Debian's {@code /usr/bin/chromium-headless-shell}: that is a script that
     * runs it without {@code exec}, so chromedriver's quit ended the script and left the browser running (130 of them
     * after a day's runs).
     */
    private static final Path BROWSER = find(
            "CHROME_BIN",
            "/usr/lib/chromium/chromium-headless-shell",
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser");

    private static final Path DRIVER = find("CHROMEDRIVER", "/usr/bin/chromedriver");
    /**
     * Selenium's own logger, held so that its level sticks: quiet about the DevTools version it has no classes
     * for (these tests use WebDriver only, so any Chromium works).
     */
    private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(Level.SEVERE);
    }

    /** Browsers given back, by window and language; only the test thread touches them. */
    private static final Map<Window, Map<Language, Deque<ChromeDriver>>> IDLE = new EnumMap<>(Window.class);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Chromium::quitAll, "chromium-quit"));
    }

    private Chromium() {}

    /**
     * Skips the calling test when Chromium or chromedriver is missing on a developer's machine, saying so; fails
     * it on CI ({@code CI=true}), where {@code .ci/run} installs both and a skip would hide the web client.
     */
    static void assumeInstalled() {
        List<String> missing = new ArrayList<>();
        if (BROWSER == null) {
            missing.add("chromium-headless-shell or chromium (or CHROME_BIN)");
        }
        if (DRIVER == null) {
            missing.add("chromedriver (or CHROMEDRIVER)");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "browser tests need " + String.join(" and ", missing)
                + ": apt-get install chromium-headless-shell chromium-driver (.ci/run installs them)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the browser tests, but " + message);
        }
        Assumptions.abort(message);
    }

    /** A headless browser with one window of that size, speaking that language: a kept one, or a new one. */
    static synchronized ChromeDriver borrow(Window window, Language language) {
        ChromeDriver kept = idle(window, language).poll();
        return kept != null ? kept : start(window, language);
    }

    /**
     * Keeps the browser for the next {@link #borrow} of its window and language, off the chat page (which closes the
     * page's connections) with its console log read out; one that no longer answers is ended instead.
     */
    static synchronized void giveBack(ChromeDriver driver, Window window, Language language) {
        try {
            // The tab's session would take a page of a later test's server on the same port back into the chat.
            driver.executeScript("try { sessionStorage.clear(); localStorage.removeItem('openchat.lang');"
                    + " Object.keys(localStorage).filter((k) => k.startsWith('openchat.roomKey'))"
                    + ".forEach((k) => localStorage.removeItem(k)); } catch (e) {}");
            leavePage(driver);
            // The machine's time zone again, after a test that put the page in another (ChatPage.inTimeZone).
            driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", ""));
            driver.manage().logs().get(LogType.BROWSER);
            idle(window, language).push(driver);
        } catch (WebDriverException broken) {
            driver.quit();
        }
    }

    /**
     * Unloads the page, closing its connections and ending its timers: to a small file of the same server (its icon),
     * about 100 ms where {@code about:blank} took 270 and made the next test's page slower to open too (230 ms against
     * 350; 2026-12-07); to {@code about:blank} when the page is not one of a server's, or its server is gone.
     */
    private static void leavePage(ChromeDriver driver) {
        URI page = URI.create(driver.getCurrentUrl());
        if ("http".equals(page.getScheme()) || "https".equals(page.getScheme())) {
            try {
                driver.get(page.resolve("/favicon.svg").toString());
                return;
            } catch (WebDriverException serverGone) {
                // an error page, or a navigation refused: about:blank below
            }
        }
        driver.get("about:blank");
    }

    /** Ends every kept browser. */
    static synchronized void quitAll() {
        IDLE.values().forEach(byLanguage -> byLanguage.values().forEach(drivers -> {
            for (ChromeDriver driver; (driver = drivers.poll()) != null; ) {
                driver.quit();
            }
        }));
    }

    private static Deque<ChromeDriver> idle(Window window, Language language) {
        return IDLE.computeIfAbsent(window, w -> new EnumMap<>(Language.class))
                .computeIfAbsent(language, l -> new ArrayDeque<>());
    }

    private static ChromeDriver start(Window window, Language language) {
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=" + window.width + "," + window.height,
                        "--lang=" + language.tag,
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--disable-extensions",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--hide-scrollbars",
                        // A DNS name for the server, as a page opened by name has: *.test is 127.0.0.1 here.
                        "--host-resolver-rules=MAP *.test 127.0.0.1");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language.acceptLanguages));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // for the page's uncaught errors
        if (window != Window.DESKTOP) {
            // A window cannot be narrower than 500 pixels; the phone's viewport is emulated, touch included.
            options.setExperimentalOption(
                    "mobileEmulation",
                    Map.of(
                            "deviceMetrics",
                            Map.of("width", window.width, "height", window.height, "pixelRatio", 2, "touch", true)));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The language again for the tab, which is what the headless shell goes by: navigator.language(s), Intl, and
        // the Accept-Language of its requests (the page's WebSocket's included).
        String userAgent = (String)
                driver.executeCdpCommand("Browser.getVersion", Map.of()).get("userAgent");
        driver.executeCdpCommand(
                "Emulation.setUserAgentOverride",
                Map.of("userAgent", userAgent, "acceptLanguage", language.acceptLanguages));
        driver.executeCdpCommand("Emulation.setLocaleOverride", Map.of("locale", language.tag));
        return driver;
    }

    private static Path find(String variable, String... candidates) {
        String named = System.getenv(variable);
        return Stream.concat(Stream.ofNullable(named), Stream.of(candidates))
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}
