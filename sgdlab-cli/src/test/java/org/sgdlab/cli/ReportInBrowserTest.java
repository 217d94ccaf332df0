package org.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A check report and a train report, written by the command line and opened in headless Chromium: every image
 * decodes, the browser logs no error, the check report has its verdict table, and no page shows a Java identity
 * string such as {@code [D@1bd4fdd}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them when it can); without
 * them the tests are skipped and say why. Paths: {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, or the
 * system properties {@code sgdlab.chromium} and {@code sgdlab.chromedriver}. Both executables are given to Selenium
 * explicitly, so Selenium Manager never runs and nothing is downloaded.
 */
class ReportInBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("sgdlab.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("sgdlab.chromedriver", "/usr/bin/chromedriver"));
    /** {@code Object.toString()} of an array or of a class without its own toString: {@code [D@1bd4fdd}, {@code Foo@1f}. */
    private static final Pattern IDENTITY = Pattern.compile("\\[[ZBCSIJFDL][\\w.$]*;?@[0-9a-f]{3,}|\\b[A-Z]\\w+@[0-9a-f]{5,}\\b");

    @TempDir
    static Path dir;

    private static WebDriver browser;
    /** Why the tests are skipped (each test reports it: an assumption in @BeforeAll would show as 0 tests run). */
    private static String missing;

    @BeforeAll
    static void startBrowser() {
        missing = null;
        if (!Files.isExecutable(CHROMIUM)) {
            missing = "no Chromium at " + CHROMIUM + " (Debian: apt-get install chromium chromium-driver; .ci/run "
                    + "does it as root)";
            return;
        }
        if (!Files.isExecutable(DRIVER)) {
            missing = "no ChromeDriver at " + DRIVER + " (Debian: apt-get install chromium-driver; .ci/run does it "
                    + "as root)";
            return;
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI containers run as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1024");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @BeforeEach
    void needsTheBrowser() {
        Assumptions.assumeTrue(missing == null, () -> "headless browser test skipped: " + missing);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void checkReportReads(TestReporter reporter) throws Exception {
        Path out = dir.resolve("check");
        CliTest.Result r = CliTest.run("check", "--quick", "--out", out.toString(), "steepest.lp-direction",
                "steepest.sphere");
        assertTrue(r.code() == 0 || r.code() == 1, "check exit " + r.code() + ": " + r.err());
        Page page = open(out.resolve("index.html"), reporter);
        List<WebElement> verdicts = browser.findElements(By.cssSelector("table.verdicts tr"));
        assertTrue(verdicts.size() >= 3, "verdict table with a header and two claims, got " + verdicts.size() + " rows");
        String table = browser.findElement(By.cssSelector("table.verdicts")).getText();
        assertTrue(table.contains("steepest.lp-direction") && table.contains("steepest.sphere"), table);
        assertTrue(page.images() >= 2, "images on the check report: " + page.images());
        page.assertReadable();
    }

    @Test
    void trainReportReads(TestReporter reporter) throws Exception {
        Path out = dir.resolve("train");
        CliTest.Result r = CliTest.run("train", "--generate", "separable", "--loss", "logistic", "--optimizer", "gd",
                "--lr", "1", "--steps", "300", "--reference", "svm", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Page page = open(out.resolve("index.html"), reporter);
        assertTrue(page.images() >= 2, "images on the train report: " + page.images());
        page.assertReadable();
    }

    /**
     * The checks themselves, on a page made to fail each: a PNG that does not decode, a script error, and a Java
     * identity string. Without this a browser that logged nothing or an image check that passed everything would let
     * the two tests above pass on a broken report.
     */
    @Test
    void theChecksCatchABrokenPage(TestReporter reporter) throws Exception {
        Path page = dir.resolve("broken");
        Files.createDirectories(page);
        Files.write(page.resolve("bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        Files.writeString(page.resolve("index.html"), "<!doctype html><html><head><meta charset=\"utf-8\"></head><body>"
                + "<p>w = [D@1bd4fdd</p><img src=\"bad.png\" alt=\"bad\"><img src=\"missing.png\" alt=\"gone\">"
                + "<script>undefinedFunction();</script></body></html>");
        Page p = open(page.resolve("index.html"), reporter);
        assertEquals(2, p.images());
        assertEquals(List.of("bad.png", "missing.png"), p.broken());
        assertTrue(p.errors().stream().anyMatch(e -> e.contains("undefinedFunction")), "console errors: " + p.errors());
        assertTrue(IDENTITY.matcher(p.text()).find(), p.text());
    }

    /** What the browser made of one page. */
    private record Page(Path file, int images, List<String> broken, List<String> errors, String text, String html) {
        void assertReadable() {
            assertEquals(List.of(), broken, file + ": images that did not decode");
            assertEquals(List.of(), errors, file + ": browser console errors");
            for (String s : List.of(text, html)) {
                Matcher m = IDENTITY.matcher(s);
                assertFalse(m.find(), () -> file + " shows a Java identity string: " + m.group());
            }
        }
    }

    private static Page open(Path html, TestReporter reporter) {
        assertTrue(Files.isRegularFile(html), html + " written");
        long start = System.nanoTime();
        browser.get(html.toUri().toString());
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // wait until every image has either decoded or failed (complete), then list those without pixels
        @SuppressWarnings("unchecked")
        Map<String, Object> images = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const imgs = Array.from(document.images);"
                        + "Promise.all(imgs.map(i => i.decode().catch(() => null))).then(() => done({"
                        + "  count: imgs.length,"
                        + "  broken: imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.getAttribute('src'))"
                        + "}));");
        List<String> broken = new ArrayList<>();
        for (Object o : (List<?>) images.get("broken")) {
            broken.add(String.valueOf(o));
        }
        List<String> errors = new ArrayList<>();
        for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        String text = (String) js.executeScript("return document.body.innerText;");
        reporter.publishEntry("page " + html.getParent().getFileName(),
                String.format("%.2f s in the browser", (System.nanoTime() - start) / 1e9));
        return new Page(html, ((Number) images.get("count")).intValue(), broken, errors, text,
                browser.getPageSource());
    }
}
