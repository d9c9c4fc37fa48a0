package org.caresignal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium: the demo responder opens an incident's page, signs in on Keycloak's
 * page, acknowledges the incident with the dashboard's button, and the audit log names them.
 * Chromium and its driver come from the system ({@code apt-get install chromium chromium-driver},
 * done by .ci/run); {@code -Dcaresignal.chromium} and {@code -Dcaresignal.chromedriver} point
 * elsewhere.
 */
class DashboardBrowserIT {

    private static E2eSystem e2e;

    private WebDriver browser;
    private Path profile;

    @BeforeAll
    static void start() {
        e2e = E2eSystem.shared();
    }

    @BeforeEach
    void openChromium() throws Exception {
        var chromium = Path.of(System.getProperty("caresignal.chromium", "/usr/bin/chromium"));
        var driver =
                Path.of(System.getProperty("caresignal.chromedriver", "/usr/bin/chromedriver"));
        assertThat(chromium)
                .as("Chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .isExecutable();
        assertThat(driver).as("chromedriver (apt-get install chromium-driver)").isExecutable();
        profile = Files.createTempDirectory("caresignal-chromium-");
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
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(driver.toFile())
                        .usingAnyFreePort()
                        .withLogFile(new File("target/e2e-logs/chromedriver.log"))
                        .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterEach
    void closeChromium() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theDemoResponderSignsInAcknowledgesAnIncidentAndTheAuditNamesThem() throws Exception {
        var id = Incidents.criticalPost(e2e, Incidents.uniqueBrand("browser"));
        var incidentPage = e2e.system.dashboardUrl() + "/incidents/" + id;
        var wait = new WebDriverWait(browser, Duration.ofSeconds(60));

        browser.get(incidentPage);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("kc-form-login")));
        assertThat(browser.getCurrentUrl()).startsWith(e2e.keycloak.realmUrl());
        browser.findElement(By.id("username")).sendKeys("demo-responder");
        browser.findElement(By.id("password")).sendKeys(e2e.secrets.password("responder"));
        browser.findElement(By.id("kc-login")).click();

        wait.until(ExpectedConditions.urlToBe(incidentPage));
        assertThat(browser.findElement(By.cssSelector(".username")).getText())
                .isEqualTo("demo-responder");
        assertThat(browser.getPageSource()).contains("OPEN");

        browser.findElement(By.cssSelector("form[action$='/acknowledge'] button[type=submit]"))
                .click();
        wait.until(
                d ->
                        d.getCurrentUrl().startsWith(incidentPage)
                                && d.findElements(By.cssSelector("form[action$='/acknowledge']"))
                                        .isEmpty());

        assertThat(e2e.api.incidentStatus(id)).isEqualTo("ACKNOWLEDGED");
        var audit = e2e.api.alertAudit("demo-responder", "incident.acknowledge");
        assertThat(audit.get("items").findValuesAsText("target")).contains(id);
        assertThat(browser.getPageSource()).contains("demo-responder");
    }
}
