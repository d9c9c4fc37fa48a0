package org.caresignal.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Runs axe-core (Deque's engine, the {@code axe.min.js} that Maven Central's {@code
 * com.deque.html.axe-core:selenium} jar carries) on the page a browser shows and fails on serious
 * or critical violations. The script is handed to the page through WebDriver, which evaluates it as
 * the driver and not as a page script, so the pages' strict Content-Security-Policy ({@code
 * script-src 'self'}) stays as it is.
 */
final class Axe {

    /** The impacts that fail a page; minor and moderate ones are reported in the log only. */
    static final Set<String> FAILING = Set.of("serious", "critical");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = load();

    /** One rule a page breaks: its id, impact, help text and the elements (CSS selectors). */
    record Violation(String id, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return id + " (" + impact + "): " + help + " at " + targets;
        }
    }

    private Axe() {}

    /** The violations axe-core finds on the page {@code driver} shows, of every impact. */
    static List<Violation> violations(WebDriver driver) {
        var js = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(SOURCE);
        }
        var result =
                (String)
                        js.executeAsyncScript(
                                "var done = arguments[arguments.length - 1];"
                                        + "window.axe.run(document, {resultTypes: ['violations']})"
                                        + ".then(function (r) { done(JSON.stringify(r.violations)); },"
                                        + " function (e) { done(JSON.stringify({error: String(e)})); });");
        JsonNode parsed;
        try {
            parsed = JSON.readTree(result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (parsed.has("error")) {
            throw new AssertionError(
                    "axe-core failed on " + driver.getCurrentUrl() + ": " + parsed);
        }
        var violations = new ArrayList<Violation>();
        for (var v : parsed) {
            var targets =
                    StreamSupport.stream(v.path("nodes").spliterator(), false)
                            .map(n -> n.path("target").toString())
                            .toList();
            violations.add(
                    new Violation(
                            v.path("id").asText(),
                            v.path("impact").asText(),
                            v.path("help").asText(),
                            targets));
        }
        return violations;
    }

    /**
     * Fails when the page has a serious or critical violation, listing each one's id, impact and
     * elements; {@code page} names the page in the message.
     */
    static void assertAccessible(WebDriver driver, String page) {
        var all = violations(driver);
        var failing = all.stream().filter(v -> FAILING.contains(v.impact())).toList();
        all.stream()
                .filter(v -> !FAILING.contains(v.impact()))
                .forEach(v -> System.out.println("axe-core, " + page + ": " + v));
        if (!failing.isEmpty()) {
            var message = new StringBuilder();
            message.append("axe-core finds ")
                    .append(failing.size())
                    .append(" serious or critical violation(s) on ")
                    .append(page)
                    .append(" (")
                    .append(driver.getCurrentUrl())
                    .append("):");
            failing.forEach(v -> message.append("\n  ").append(v));
            throw new AssertionError(message.toString());
        }
    }

    private static String load() {
        try (var stream = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
            if (stream == null) {
                throw new IllegalStateException(
                        "axe.min.js is not on the classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
