package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (Deque's accessibility engine) run in the page under test: no serious or critical
 * violation is allowed. axe.min.js is not on the Maven repository this build can reach, so
 * {@code scripts/fetch-axe} takes it from the npm registry into {@code node/target/axe-core/}
 * ({@code .ci/run} does that before the build); without it the check is skipped locally and fails
 * in CI.
 */
final class Axe {
    static final Path SCRIPT = Path.of(System.getenv().getOrDefault("TSUNAGU_AXE", "target/axe-core/axe.min.js"));
    private static String source;

    private Axe() {}

    static synchronized boolean available() {
        if (source == null && Files.isReadable(SCRIPT)) {
            try {
                source = Files.readString(SCRIPT);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (source == null && Browser.inCi()) {
            Assertions.fail("axe-core is missing at " + SCRIPT + ": run scripts/fetch-axe (CI=true: not skipped)");
        }
        return source != null;
    }

    /** Runs axe on the page as it is; fails listing each serious or critical violation. */
    @SuppressWarnings("unchecked")
    static void check(WebDriver driver, String what) {
        if (!available()) {
            return;
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(source);
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.filter("
                        + "v => v.impact === 'serious' || v.impact === 'critical').map(v => ({id: v.id, impact:"
                        + " v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))"
                        + ".catch(e => done([{id: 'axe-error', help: String(e)}]));");
        assertEquals(List.of(), violations, what + ": serious or critical accessibility violations");
    }
}
