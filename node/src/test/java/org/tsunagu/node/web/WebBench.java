package org.tsunagu.node.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.tsunagu.node.Main;
import org.tsunagu.node.NodeConfig;
import org.tsunagu.node.admin.AdminToken;
import org.tsunagu.node.bench.SearchBench;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Time from navigation start to the first results on screen, measured by the page itself in
 * headless Chromium ({@code performance.now()} when the result list is rendered), on a directory
 * loaded by node-core's generator ({@link SearchBench}). Prints figures; asserts nothing. Run it
 * with {@code scripts/bench-web}.
 *
 * <p>Arguments: {@code --rows N} (default 1,000,000), {@code --origins N} (50), {@code --runs N}
 * page loads per scenario (20), {@code --data DIR} (a node data folder; its tsunagu.db is reused
 * when it already holds a directory).
 */
public final class WebBench {
    /** Searches a regional forum would open, in the scripts the generator writes. */
    private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("directory, no search", "/");
        SCENARIOS.put("English word", "/?q=education");
        SCENARIOS.put("Japanese, 2 chars", "/?q=%E6%95%99%E8%82%B2");
        SCENARIOS.put("Thai", "/?q=%E0%B8%A1%E0%B8%B9%E0%B8%A5%E0%B8%99%E0%B8%B4%E0%B8%98%E0%B8%B4");
        SCENARIOS.put("country + sector filter", "/?country=TH&sector=122");
        SCENARIOS.put("text + filters", "/?q=community&country=PH");
    }

    /** Held so the level sticks: Jersey's start-up chatter would bury the figures. */
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");

    private WebBench() {}

    public static void main(String[] args) throws Exception {
        GLASSFISH.setLevel(java.util.logging.Level.SEVERE);
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String rows = opts.getOrDefault("rows", "1000000");
        String origins = opts.getOrDefault("origins", "50");
        int runs = Integer.parseInt(opts.getOrDefault("runs", "20"));
        Path data =
                opts.containsKey("data") ? Path.of(opts.get("data")) : Files.createTempDirectory("tsunagu-bench-web");
        Files.createDirectories(data);
        Path db = data.resolve(NodeConfig.DATABASE_FILE);

        // node-core's loader: generated multilingual organisations, signed and indexed for real;
        // an existing database is reused. One search run each, as a sanity check of the load.
        SearchBench.main(new String[] {"--db", db.toString(), "--rows", rows, "--origins", origins, "--runs", "1"});

        NodeConfig config = NodeConfig.of(data, HubId.of("xx-bench"), "Bench node", "JP", "http://127.0.0.1/");
        try (Main.Node node = Main.openNode(config, Ed25519KeyPair.generate(new SecureRandom()), Clock.systemUTC());
                ApiServer server =
                        Main.startHttp(node, AdminToken.of(AdminToken.generate(new SecureRandom())), "127.0.0.1", 0);
                Browser browser = Browser.start("en-US,en")) {
            System.out.printf("%nWEB: first results after page load, %d loads per scenario (target <= 500 ms)%n", runs);
            System.out.printf(
                    "%-26s %8s %8s %8s %8s   %s%n",
                    "scenario", "cold", "p50", "p95", "max", "status line at first results");
            for (Map.Entry<String, String> scenario : SCENARIOS.entrySet()) {
                String url = server.baseUri().resolve(scenario.getValue()).toString();
                double cold = load(browser, url);
                List<Double> warm = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    warm.add(load(browser, url));
                }
                browser.screenshot("bench-"
                        + scenario.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
                double[] sorted =
                        warm.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                Object status = ((JavascriptExecutor) browser.driver)
                        .executeScript("return document.getElementById('status').textContent;");
                System.out.printf(
                        "%-26s %6.0f ms %5.0f ms %5.0f ms %5.0f ms   %s%n",
                        scenario.getKey(), cold, pct(sorted, 50), pct(sorted, 95), sorted[sorted.length - 1], status);
            }
            System.out.println("cold = the scenario's first load in this browser (the first scenario's also"
                    + " fetches every script and style); p50/p95/max over the loads that follow.");
        }
    }

    /** Navigates to {@code url} and returns the page's own figure: ms from navigation start to results. */
    private static double load(Browser browser, String url) {
        browser.driver.get(url);
        Object ms = browser.await(d -> ((JavascriptExecutor) d)
                .executeScript("return document.documentElement.dataset.firstResultsMs || null;"));
        return Double.parseDouble(ms.toString());
    }

    private static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
