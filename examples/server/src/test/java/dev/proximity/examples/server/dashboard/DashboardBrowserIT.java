package dev.proximity.examples.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proximity.examples.server.DemoServerExtension;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the dashboard in headless Chromium against a demo-mode server: register, sign in, deploy
 * from the catalog with live progress, logs, a safe command, mode switch, backup, clone, delete, and
 * a second user who cannot see the admin's app. Screenshots go to {@code target/screenshots/}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver}; skipped where they are absent.
 * Nothing is downloaded: the browser and the driver are given by path, so Selenium Manager never runs.
 */
class DashboardBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String PASSWORD = "a-long-test-password";

  private static DemoServerExtension server;
  private static ChromeDriverService service;
  private static WebDriver driver;
  private static Path profile;
  private static Path screenshots;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is absent (apt-get install chromium)");
    assumeTrue(Files.isExecutable(CHROMEDRIVER),
        "skipped: " + CHROMEDRIVER + " is absent (apt-get install chromium-driver)");
    screenshots = Path.of(System.getProperty("basedir", "."), "target", "screenshots");
    Files.createDirectories(screenshots);
    server = new DemoServerExtension(Clock.systemUTC(), Map.of());
    base = server.server().baseUri().toString();

    profile = Files.createTempDirectory("proximity-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--window-size=1280,900", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogOutput(driverLog())
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  private static java.io.OutputStream driverLog() throws IOException {
    return Files.newOutputStream(screenshots.resolve("chromedriver.log"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (server != null) {
      server.close();
    }
    if (profile != null) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void fullFlow_inARealBrowser() {
    // the page and its security headers load without a CSP violation
    driver.get(base);
    waitFor(By.id("login-submit"));
    screenshot("01-login");

    // register the first user (the admin), which also signs in
    click(By.id("login-toggle"));
    type(By.name("username"), "admin");
    type(By.name("password"), PASSWORD);
    click(By.id("login-submit"));
    waitText(By.id("stat-mode"), "AUTO");
    assertThat(text(By.id("current-user"))).contains("admin");
    assertThat(text(By.id("stat-nodes"))).contains("pve1").contains("pve2");
    assertThat(driver.findElements(By.id("stat-next-backup"))).hasSize(1);

    // sign out and sign in again; the token lives in sessionStorage, never localStorage
    click(By.id("logout"));
    type(By.name("username"), "admin");
    type(By.name("password"), "wrong-password-123");
    click(By.id("login-submit"));
    waitFor(By.cssSelector(".login .error-box:not([hidden])"));
    type(By.name("password"), PASSWORD);
    click(By.id("login-submit"));
    waitText(By.id("stat-mode"), "AUTO");
    assertThat(js("return localStorage.length")).isEqualTo(0L);
    assertThat(js("return sessionStorage.getItem('proximity.token') !== null")).isEqualTo(true);

    // the catalog: search and filter
    waitFor(By.cssSelector("[data-app=hello]"));
    screenshot("02-catalog");
    type(By.id("catalog-search"), "hello");
    wait(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector(".catalog-card")).size() >= 1
        && d.findElements(By.cssSelector(".catalog-card:not([data-app*=hello])")).isEmpty());

    // the deploy dialog validates the name like the server, then shows live progress to the URL
    click(By.cssSelector("[data-deploy=hello]"));
    WebElement hostname = waitFor(By.id("deploy-hostname"));
    hostname.clear();
    hostname.sendKeys("Bad_Name-");
    click(By.id("deploy-submit"));
    assertThat(waitFor(By.cssSelector("#deploy-hostname-error:not([hidden])")).getText()).contains("lower-case");
    assertThat(hostname.getAttribute("aria-invalid")).isEqualTo("true");
    hostname.clear();
    hostname.sendKeys("web1");
    screenshot("03-deploy-dialog");
    click(By.id("deploy-submit"));
    waitFor(By.id("deploy-progress"));
    screenshot("04-deploy-progress");
    wait(Duration.ofSeconds(180)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("deploy-result"), "web1 is running"));
    assertThat(driver.findElements(By.cssSelector("#deploy-steps li"))).isNotEmpty();
    assertThat(driver.findElement(By.id("deploy-progress")).getAttribute("value")).isEqualTo("100");
    screenshot("05-deploy-done");
    click(By.id("deploy-open-app"));

    // the app: status, logs, a safe command
    waitText(By.id("app-status"), "running");
    wait(Duration.ofSeconds(30)).until(d -> {
      String logs = d.findElement(By.id("logs-output")).getText();
      return !logs.isBlank() && !logs.equals("Loading…");
    });
    screenshot("06-app-logs", By.id("tab-logs"));
    click(By.id("tab-commands"));
    click(By.cssSelector("[data-command=status]"));
    wait(Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(
        By.id("command-status"), "exit code"));
    assertThat(text(By.id("command-output"))).isNotBlank();
    screenshot("07-app-command", By.id("tab-commands"));

    // AUTO mode hides PRO controls
    click(By.id("tab-backups"));
    assertThat(driver.findElements(By.id("backup-now"))).isEmpty();
    assertThat(driver.findElements(By.id("clone-open"))).isEmpty();

    // the apps list
    click(By.id("nav-apps"));
    waitFor(By.cssSelector("tr[data-app=web1]"));
    screenshot("08-apps");

    // settings: switch to PRO, add a user, the audit log
    click(By.id("nav-settings"));
    click(By.id("mode-pro"));
    click(By.id("mode-save"));
    waitText(By.id("stat-mode"), "PRO");
    assertThat(driver.findElements(By.id("stat-next-backup"))).isEmpty();
    type(By.id("new-user-name"), "bob");
    type(By.id("new-user-password"), PASSWORD);
    click(By.id("new-user-submit"));
    waitText(By.id("toasts"), "User bob added");
    wait(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#audit-body tr")).size() > 0);
    screenshot("09-settings", By.id("view-title"));

    // PRO: back up now, then clone
    driver.get(base + "#/apps/web1");
    waitText(By.id("app-status"), "running");
    click(By.id("tab-backups"));
    click(By.id("backup-now"));
    wait(Duration.ofSeconds(180)).until(d -> !d.findElements(By.cssSelector("#backups-list tr[data-backup]")).isEmpty());
    screenshot("10-backups", By.id("tab-backups"));
    click(By.cssSelector("#backups-list tr[data-backup] button"));
    click(By.id("restore-new"));
    type(By.id("restore-hostname"), "web1-restored");
    click(By.id("restore-confirm"));
    wait(Duration.ofSeconds(180)).until(ExpectedConditions.urlContains("#/apps/web1-restored"));
    waitText(By.id("view-title"), "web1-restored");
    driver.get(base + "#/apps/web1");
    waitText(By.id("app-status"), "running");
    click(By.id("clone-open"));
    WebElement cloneName = waitFor(By.id("clone-hostname"));
    cloneName.clear();
    cloneName.sendKeys("web1-copy");
    click(By.id("clone-submit"));
    wait(Duration.ofSeconds(180)).until(ExpectedConditions.urlContains("#/apps/web1-copy"));
    waitText(By.id("view-title"), "web1-copy");

    // delete the clone: the confirmation names the app and needs its name typed
    click(By.id("delete-open"));
    WebElement dialog = waitFor(By.id("delete-dialog"));
    assertThat(dialog.getText()).contains("Delete web1-copy?");
    assertThat(driver.findElement(By.id("delete-confirm")).isEnabled()).isFalse();
    type(By.id("delete-confirm-name"), "web1-copy");
    screenshot("11-delete-confirm");
    click(By.id("delete-confirm"));
    wait(Duration.ofSeconds(180)).until(ExpectedConditions.urlMatches("#/apps$"));
    waitFor(By.cssSelector("tr[data-app=web1]"));
    wait(Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("tr[data-app=web1-copy]")).isEmpty());

    // dark mode and a phone-sized screen
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
    screenshot("12-apps-dark");
    driver.manage().window().setSize(new Dimension(390, 844));
    screenshot("13-apps-phone-dark");
    ((ChromeDriver) driver).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
    driver.manage().window().setSize(new Dimension(1280, 900));

    // a second, non-admin user sees neither the admin's app nor admin settings
    click(By.id("logout"));
    type(By.name("username"), "bob");
    type(By.name("password"), PASSWORD);
    click(By.id("login-submit"));
    waitText(By.id("current-user"), "bob");
    click(By.id("nav-apps"));
    waitFor(By.cssSelector("#apps-empty:not([hidden])"));
    assertThat(driver.findElements(By.cssSelector("tr[data-app=web1]"))).isEmpty();
    assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("web1");
    screenshot("14-user-apps");
    driver.get(base + "#/apps/web1");
    waitFor(By.cssSelector(".error-box:not([hidden])"));
    assertThat(text(By.cssSelector(".error-box:not([hidden])"))).containsIgnoringCase("web1");
    click(By.id("nav-settings"));
    waitFor(By.id("acct-title"));
    assertThat(driver.findElements(By.id("mode-save"))).isEmpty();
    assertThat(driver.findElements(By.id("new-user-submit"))).isEmpty();

    assertNoConsoleErrors();
  }

  /** CSP violations and script errors show up as SEVERE console entries; catalog icons are remote. */
  private static void assertNoConsoleErrors() {
    List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("cdn.jsdelivr.net"))
        .filter(m -> !(m.contains("/api/v1/") && m.matches(".*status of (401|404|409) .*")))
        .collect(Collectors.toList());
    assertThat(errors).as("browser console errors").isEmpty();
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) driver).executeScript(script);
  }

  private static WebDriverWait wait(Duration timeout) {
    return new WebDriverWait(driver, timeout);
  }

  private static WebElement waitFor(By by) {
    return wait(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void waitText(By by, String text) {
    wait(Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private static String text(By by) {
    return waitFor(by).getText();
  }

  /** Clicks once clickable; lists re-render every few seconds, so a stale element is looked up again. */
  private static void click(By by) {
    wait(Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
        .ignoring(ElementClickInterceptedException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (element == null) {
        return false;
      }
      // centred, so that a notification in the bottom corner does not cover it
      ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
      element.click();
      return true;
    });
  }

  private static void type(By by, String value) {
    WebElement element = waitFor(by);
    element.clear();
    element.sendKeys(value);
  }

  private static void screenshot(String name, By scrollTo) {
    ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'})",
        driver.findElement(scrollTo));
    screenshot(name);
  }

  private static void screenshot(String name) {
    try {
      Path shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
