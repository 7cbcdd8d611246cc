package dev.ichie.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium, sized like a phone (412×915) for web banking or like a
 * branch PC (1280×900) for the branch console, for the browser tests. Uses Debian's {@code
 * /usr/bin/chromium} and {@code /usr/bin/chromedriver}; without them a test fails with a message
 * that says how to install them, it is never skipped. Elements are found the way a customer finds
 * them: links and buttons by their visible text, fields by their label. Each instance has a fresh
 * profile directory, deleted on {@link #close()}.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final int WIDTH = 412;
  public static final int HEIGHT = 915;
  public static final int DESKTOP_WIDTH = 1280;
  public static final int DESKTOP_HEIGHT = 900;

  /** Where every screenshot goes. */
  private static final Path TARGET_SHOTS = Path.of("target", "screenshots");

  /** Where the README's screenshots live (written only with {@code -Dichie.screenshots=true}). */
  private static final Path DOC_SHOTS = Path.of("..", "docs", "images");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;
  private final String base;
  private final int width;
  private final int height;

  private Browser(
      ChromeDriverService service,
      ChromeDriver driver,
      Path profile,
      String base,
      int width,
      int height) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
    this.base = base;
    this.width = width;
    this.height = height;
  }

  /**
   * Starts Chromium for the server on this loopback port.
   *
   * @param port the server's port
   * @param language the browser's language (its Accept-Language), e.g. "ja"
   * @return the browser; close it
   */
  public static Browser start(int port, String language) {
    return start(port, language, false, "127.0.0.1");
  }

  /**
   * Starts the phone-sized Chromium on a host name of the server, e.g. {@code localhost} for pages
   * whose passkeys have the relying party ID {@code localhost}.
   *
   * @param port the server's port
   * @param language the browser's language
   * @param host the host name the pages are opened on
   * @return the browser; close it
   */
  public static Browser start(int port, String language, String host) {
    return start(port, language, false, host);
  }

  /**
   * Starts Chromium sized like a branch PC (1280×900, no phone emulation), for the branch console.
   *
   * @param port the server's port
   * @param language the browser's language (its Accept-Language), e.g. "ja"
   * @return the browser; close it
   */
  public static Browser desktop(int port, String language) {
    return start(port, language, true, "127.0.0.1");
  }

  private static Browser start(int port, String language, boolean desktop, String host) {
    int width = desktop ? DESKTOP_WIDTH : WIDTH;
    int height = desktop ? DESKTOP_HEIGHT : HEIGHT;
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "the browser tests need Debian's Chromium and its driver at %s and %s: run"
                + " 'apt-get install -y chromium chromium-driver' (.ci/run does)",
            CHROMIUM, CHROMEDRIVER)
        .isTrue();
    Path profile;
    try {
      profile = Files.createTempDirectory("ichie-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--lang=" + language,
        "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    if (!desktop) {
      // A desktop window is at least 500 px wide; the phone's size comes from mobile emulation.
      options.setExperimentalOption(
          "mobileEmulation",
          Map.of("deviceMetrics", Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", 1.0)));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    if (desktop) {
      // The viewport itself, whatever the window's frame takes.
      driver.executeCdpCommand(
          "Emulation.setDeviceMetricsOverride",
          Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }
    return new Browser(service, driver, profile, "http://" + host + ":" + port, width, height);
  }

  /** The driver itself, for what the helpers here do not cover. */
  public ChromeDriver driver() {
    return driver;
  }

  /** The tab shown, to come back to with {@link #toTab(String)}. */
  public String tab() {
    return driver.getWindowHandle();
  }

  /** Opens a new tab and shows it, as a phone's second app or browser tab. */
  public Browser newTab() {
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    return this;
  }

  /** Shows this tab again. */
  public Browser toTab(String tab) {
    driver.switchTo().window(tab);
    return this;
  }

  /** Opens a path of the server, e.g. {@code /netbank/login}. */
  public Browser open(String path) {
    driver.get(base + path);
    return this;
  }

  /** The path (and query) of the page shown. */
  public String path() {
    String url = driver.getCurrentUrl();
    return url == null ? "" : url.substring(base.length());
  }

  /** Clicks the link with this visible text and waits for the next page. */
  public Browser clickLink(String text) {
    return andWait(driver.findElement(By.linkText(text)));
  }

  /** Clicks the button with this visible text and waits for the next page. */
  public Browser clickButton(String text) {
    return andWait(button(text));
  }

  /** Clicks the button with this visible text, expecting no new page (e.g. the form is held). */
  public Browser pressButton(String text) {
    button(text).click();
    return this;
  }

  /** Reloads the page and waits for it. */
  public Browser reload() {
    markPage();
    driver.navigate().refresh();
    waitForNewPage();
    return this;
  }

  /** Clicks this element (a button or link found some other way) and waits for the next page. */
  public Browser click(WebElement element) {
    return andWait(element);
  }

  /**
   * The HTTP status this browser's session gets for a GET of a path of the server, fetched from the
   * page shown (its cookies, redirects not followed: a redirect answers 0).
   */
  public int status(String path) {
    Object status =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], {redirect: 'manual', credentials: 'same-origin'})"
                + ".then(r => done(r.status), e => done(-1));",
            base + path);
    return status instanceof Number n ? n.intValue() : -1;
  }

  private Browser andWait(WebElement element) {
    markPage();
    element.click();
    waitForNewPage();
    return this;
  }

  /** Marks the page's window object, which the next page will not have. */
  private void markPage() {
    script("window.ichieOldPage = true;");
  }

  private void waitForNewPage() {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .withMessage(() -> "a new page after " + path())
        .until(
            d ->
                Boolean.TRUE.equals(
                    script(
                        "return window.ichieOldPage === undefined"
                            + " && document.readyState === 'complete';")));
  }

  /** The button with this visible text. */
  public WebElement button(String text) {
    return driver.findElement(By.xpath("//button[normalize-space(.)=" + literal(text) + "]"));
  }

  /** Whether a link with this visible text is on the page. */
  public boolean hasLink(String text) {
    return !driver.findElements(By.linkText(text)).isEmpty();
  }

  /** The input or select that the label with this visible text is for. */
  public WebElement field(String label) {
    List<WebElement> labels =
        driver.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"));
    assertThat(labels).as("a field labelled %s on %s", label, path()).hasSize(1);
    return driver.findElement(By.id(labels.get(0).getDomAttribute("for")));
  }

  /** Types into the field with this label, after clearing it. */
  public Browser type(String label, String text) {
    WebElement f = field(label);
    f.clear();
    f.sendKeys(text);
    return this;
  }

  /** The text of the page's main part. */
  public String main() {
    return driver.findElement(By.tagName("main")).getText();
  }

  /** The page's heading. */
  public String heading() {
    return driver.findElement(By.tagName("h1")).getText();
  }

  /**
   * Waits until the page's heading is this text, and returns the page's main text; a page that goes
   * on by itself (a script's submit) may replace the heading while it is read.
   */
  public String waitFor(String heading) {
    new WebDriverWait(driver, Duration.ofSeconds(10))
        // A page replaced while read: stale elements, or the inspector's "node does not belong".
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .withMessage(() -> "heading " + heading + " on " + path())
        .until(d -> heading.equals(d.findElement(By.tagName("h1")).getText()));
    return main();
  }

  /** The value shown for this term in a definition list (dt/dd), e.g. the サービスID. */
  public String definition(String term) {
    return driver
        .findElement(
            By.xpath("//dt[normalize-space(.)=" + literal(term) + "]/following-sibling::dd[1]"))
        .getText();
  }

  /** Waits until the page's main part shows this text, and returns the main text. */
  public String waitForText(String text) {
    // A page replaced while it is read answers "stale" or "node does not belong to the document".
    return new WebDriverWait(driver, Duration.ofSeconds(10))
        .ignoring(org.openqa.selenium.WebDriverException.class)
        .withMessage(() -> "text " + text + " on " + path())
        .until(
            d -> {
              var main = d.findElement(By.tagName("main")).getText();
              return main.contains(text) ? main : null;
            });
  }

  /** The text of the element with this id. */
  public String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  /** Runs a script in the page. */
  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Saves the whole page (not just the screen) as {@code name}.png in target/screenshots and, for
   * the README's pictures with {@code -Dichie.screenshots=true}, in docs/images.
   *
   * @param name the file name without .png, e.g. {@code netbank-01-login}
   * @param forDocs whether it is one of the README's pictures
   */
  public void screenshot(String name, boolean forDocs) {
    script("if (document.activeElement) { document.activeElement.blur(); }");
    byte[] png = fullPage();
    try {
      List<Path> dirs =
          forDocs && Boolean.getBoolean("ichie.screenshots")
              ? List.of(TARGET_SHOTS, DOC_SHOTS)
              : List.of(TARGET_SHOTS);
      for (Path dir : dirs) {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] fullPage() {
    Object page =
        script("return Math.ceil(document.documentElement.getBoundingClientRect().height)");
    int h = page instanceof Number n ? Math.max(height, n.intValue()) : height;
    try {
      Map<String, Object> shot =
          driver.executeCdpCommand(
              "Page.captureScreenshot",
              Map.of(
                  "format",
                  "png",
                  "captureBeyondViewport",
                  true,
                  "clip",
                  Map.of("x", 0, "y", 0, "width", width, "height", h, "scale", 1)));
      if (shot.get("data") instanceof String data) {
        return Base64.getDecoder().decode(data);
      }
    } catch (RuntimeException e) {
      // An older driver without the DevTools command: the visible part will do.
    }
    return driver.getScreenshotAs(OutputType.BYTES);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  private static String literal(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // Chromium may still be writing; the temp dir is cleaned eventually.
                }
              });
    } catch (IOException e) {
      // Nothing to clean.
    }
  }
}
