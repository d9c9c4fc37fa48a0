package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium with a profile of its own, driven through chromedriver. Both come from
 * the system ({@code apt-get install chromium chromium-driver}, done by .ci/run), never from a test
 * tool's own download; {@code -Dcaresignal.chromium} and {@code -Dcaresignal.chromedriver} point
 * elsewhere.
 */
final class Chromium implements AutoCloseable {

    static final int WIDTH = 1280;

    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;

    private Chromium(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    }

    static Chromium open() {
        var chromium = Path.of(System.getProperty("caresignal.chromium", "/usr/bin/chromium"));
        var chromedriver =
                Path.of(System.getProperty("caresignal.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium)
                .as("Chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .isExecutable();
        assertThat(chromedriver)
                .as("chromedriver (apt-get install chromium-driver)")
                .isExecutable();
        Path profile;
        try {
            profile = Files.createTempDirectory("caresignal-chromium-");
            Files.createDirectories(Path.of("target/e2e-logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                // Screenshots look the same on every machine: no scrollbars, one pixel per pixel.
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--lang=en-US",
                "--window-size=" + WIDTH + ",900",
                "--user-data-dir=" + profile);
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(chromedriver.toFile())
                        .usingAnyFreePort()
                        .withLogFile(new File("target/e2e-logs/chromedriver.log"))
                        .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Chromium(driver, profile);
    }

    /**
     * Opens {@code url}, which must send the browser to Keycloak's login page, signs the role's
     * demo user in there and waits until the browser is back on a page whose URL starts with {@code
     * landing}.
     */
    void signIn(E2eSystem e2e, String url, String role, String landing) {
        driver.get(url);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        assertThat(driver.getCurrentUrl()).startsWith(e2e.keycloak.realmUrl());
        driver.findElement(By.id("username")).sendKeys("demo-" + role);
        driver.findElement(By.id("password")).sendKeys(e2e.secrets.password(role));
        driver.findElement(By.id("kc-login")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(landing));
        assertThat(driver.findElement(By.cssSelector(".username")).getText())
                .isEqualTo("demo-" + role);
    }

    /**
     * Waits until {@code element}'s page has been replaced (a form posted, a link followed). While
     * the old document is being torn down, chromedriver may answer a question about one of its
     * nodes with "Node with given id does not belong to the document" instead of a stale-element
     * error (seen in CI): that node is gone too, which {@link ExpectedConditions#stalenessOf} does
     * not know.
     */
    void awaitReplaced(WebElement element) {
        wait.until(
                d -> {
                    try {
                        element.isEnabled();
                        return false;
                    } catch (StaleElementReferenceException gone) {
                        return true;
                    } catch (WebDriverException e) {
                        if (e.getMessage() != null
                                && e.getMessage().contains("does not belong to the document")) {
                            return true;
                        }
                        throw e;
                    }
                });
    }

    /**
     * Writes a PNG of the whole page (not only the window) to {@code file}: the window is made as
     * tall as the document for the shot, then set back.
     */
    void screenshot(Path file) {
        var js = (JavascriptExecutor) driver;
        var height =
                ((Number)
                                js.executeScript(
                                        "return Math.max(document.documentElement.scrollHeight,"
                                                + " document.body ? document.body.scrollHeight : 0)"))
                        .intValue();
        var before = driver.manage().window().getSize();
        try {
            driver.manage()
                    .window()
                    .setSize(new Dimension(WIDTH, Math.min(Math.max(height, 600), 8000)));
            var png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.copy(png.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var paths = Files.walk(profile)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A profile left in the temporary directory is harmless; the test's outcome stands.
            }
        }
    }
}
