package dev.proximity.examples.server.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.proximity.examples.server.DemoServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the dashboard in headless Chromium (Debian's {@code chromium} and {@code chromium-driver});
 * skipped with a reason where they are not installed. Screenshots go to {@code target/screenshots}.
 */
class DashboardBrowserIT {
  private static final String PASSWORD = "browser-test-secret";

  private DemoServerExtension demo;
  private WebDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() {
    Optional<Path> browser = firstExecutable("/usr/bin/chromium", "/usr/bin/chromium-browser");
    Optional<Path> chromedriver = firstExecutable("/usr/bin/chromedriver");
    assumeTrue(browser.isPresent() && chromedriver.isPresent(),
        "chromium and chromium-driver are not installed (Debian packages; .ci/run installs them)");
    demo = new DemoServerExtension(Clock.systemUTC(), Map.of());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.get().toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(90));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (demo != null) {
      demo.close();
    }
  }

  @Test
  void dashboard_registerDeployOperateProModeCloneDelete_andAnotherUserSeesNothing() throws IOException {
    driver.get(demo.server().baseUri() + "/");
    signIn("admin", true);
    screenshot("apps-empty");

    click(By.id("tab-catalog"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-deploy='hello']")));
    screenshot("catalog");
    click(By.cssSelector("[data-deploy='hello']"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("deploy-hostname"))).sendKeys("web1");
    click(By.id("deploy-submit"));
    wait.until(ExpectedConditions.attributeToBe(By.id("deploy-result"), "data-state", "succeeded"));
    screenshot("deploy-progress");
    click(By.id("deploy-close"));

    click(By.id("tab-apps"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("app-web1"), "running"));
    click(By.cssSelector("[data-open='web1']"));
    click(By.id("show-logs"));
    wait.until(d -> !d.findElement(By.id("app-output")).getText().isBlank());
    String logs = driver.findElement(By.id("app-output")).getText();
    click(By.cssSelector("[data-command='status']"));
    wait.until(d -> !d.findElement(By.id("app-output")).getText().equals(logs));
    screenshot("app-detail");

    click(By.id("tab-settings"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode-value"), "AUTO"));
    click(By.id("mode-switch"));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mode-value"), "PRO"));
    screenshot("settings");
    driver.findElement(By.id("new-username")).sendKeys("bob");
    driver.findElement(By.id("new-password")).sendKeys(PASSWORD);
    driver.findElement(By.cssSelector("#user-form button[type='submit']")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-body"), "auth.register"));

    click(By.id("tab-apps"));
    click(By.cssSelector("[data-open='web1']"));
    click(By.id("backup-now"));
    wait.until(d -> !d.findElements(By.cssSelector("#backup-list li")).isEmpty());
    click(By.id("clone-app"));
    wait.until(ExpectedConditions.alertIsPresent()).sendKeys("web2");
    driver.switchTo().alert().accept();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("app-web2")));
    click(By.cssSelector("[data-open='web2']"));
    click(By.cssSelector("[data-delete='web2']"));
    wait.until(ExpectedConditions.alertIsPresent()).accept();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.id("app-web2"), 0));
    screenshot("apps");

    click(By.id("logout"));
    signIn("bob", false);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("apps-empty")));
  }

  private void signIn(String user, boolean register) {
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("auth-username"))).clear();
    driver.findElement(By.id("auth-username")).sendKeys(user);
    driver.findElement(By.id("auth-password")).clear();
    driver.findElement(By.id("auth-password")).sendKeys(PASSWORD);
    click(By.id(register ? "register" : "login"));
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("main-view")));
  }

  /** Clicks once the element is clickable; the page re-renders lists, so a stale element is looked up again. */
  private void click(By by) {
    wait.ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
      if (element == null) {
        return false;
      }
      element.click();
      return true;
    });
  }

  private void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(dir.resolve(name + ".png"), png);
  }

  private static Optional<Path> firstExecutable(String... candidates) {
    return List.of(candidates).stream().map(Path::of).filter(Files::isExecutable).findFirst();
  }
}
