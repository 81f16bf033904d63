package org.tsunagu.node.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.tsunagu.node.NodeProcess;
import org.tsunagu.node.bench.SearchBench;
import org.tsunagu.node.home.NodeConfig;

/**
 * Time from navigation start to the first results on screen, measured by the page itself in
 * headless Chromium ({@code performance.now()} when the result list is rendered), on a directory
 * loaded by node-core's generator ({@link SearchBench}), served by the node as a real process with
 * the flags and class-data sharing archive of scripts/tsunagu. Prints figures; asserts nothing. Run it
 * with {@code scripts/bench-web}.
 *
 * <p>Two parts. <b>Cold</b>: for each of several starts, a new node process and a new browser with an
 * empty cache; the page is opened the moment {@code /healthz} answers, so the first load pays for
 * everything a fresh JVM and a fresh browser do. <b>Warm</b>: scenario by scenario on the last node,
 * each scenario's first load and then {@code --runs} more.
 *
 * <p>Arguments: {@code --rows N} (default 1,000,000), {@code --origins N} (50), {@code --runs N}
 * page loads per scenario (20), {@code --starts N} cold starts (5), {@code --data DIR} (a node data
 * folder; its tsunagu.db is reused when it already holds a directory).
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

    private static final String HUB = "xx-web-bench";

    private WebBench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String rows = opts.getOrDefault("rows", "1000000");
        String origins = opts.getOrDefault("origins", "50");
        int runs = Integer.parseInt(opts.getOrDefault("runs", "20"));
        int starts = Integer.parseInt(opts.getOrDefault("starts", "5"));
        Path data =
                opts.containsKey("data") ? Path.of(opts.get("data")) : Files.createTempDirectory("tsunagu-bench-web");
        Files.createDirectories(data);
        Path db = data.resolve(NodeConfig.DATABASE_FILE);

        // node-core's loader: generated multilingual organisations, signed and indexed for real;
        // an existing database is reused. One search run each, as a sanity check of the load.
        SearchBench.main(new String[] {"--db", db.toString(), "--rows", rows, "--origins", origins, "--runs", "1"});
        identity(data);
        System.out.printf(
                "%nmachine: %d cores, load average before: %s%n",
                Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());

        NodeProcess last = cold(data, starts);
        try (NodeProcess node = last;
                Browser browser = Browser.start("en-US,en")) {
            warm(node, browser, runs);
        }
    }

    /** Several fresh starts; the page opened in a fresh browser as soon as the node answers. */
    private static NodeProcess cold(Path data, int starts) throws Exception {
        double[] firstLoad = new double[starts];
        long[] startMs = new long[starts];
        String status = "";
        String timeline = "";
        NodeProcess node = null;
        for (int i = 0; i < starts; i++) {
            if (node != null) {
                node.stop();
            }
            try (Browser browser = Browser.start("en-US,en")) {
                browser.driver.get("about:blank");
                Thread.sleep(2000); // the browser itself settles: its start-up is not the node's
                long t0 = System.nanoTime();
                node = NodeProcess.serve(data);
                startMs[i] = (System.nanoTime() - t0) / 1_000_000;
                firstLoad[i] = load(browser, node.base().resolve("/").toString());
                status = statusLine(browser);
                if (i == 0) {
                    browser.screenshot("bench-cold-first-load");
                    timeline = timeline(browser);
                }
            }
        }
        // Idle memory of a node on this directory: a start left alone (the warm-up included).
        node.stop();
        node = NodeProcess.serve(data);
        Thread.sleep(3000);
        long idleKib = node.rssKib();

        double[] sorted = firstLoad.clone();
        Arrays.sort(sorted);
        long[] startSorted = startMs.clone();
        Arrays.sort(startSorted);
        System.out.printf(
                "%nWEB COLD: first page load right after JVM start, fresh browser, %d starts" + " (target <= 500 ms)%n",
                starts);
        System.out.printf(
                "first results  median %4.0f ms   min %4.0f ms   max %4.0f ms   each: %s%n",
                sorted[starts / 2], sorted[0], sorted[starts - 1], Arrays.toString(firstLoad));
        System.out.printf(
                "start to first answer  median %d ms   max %d ms (target <= 1500 ms)%n",
                startSorted[starts / 2], startSorted[starts - 1]);
        System.out.printf("RSS idle, 3 s after start: %.0f MiB (target <= 150 MiB)%n", idleKib / 1024.0);
        System.out.printf("status line at first results: %s%n", status);
        System.out.printf("first start's requests (ms from navigation start: sent-answered):%n%s", timeline);
        return node;
    }

    private static void warm(NodeProcess node, Browser browser, int runs) {
        System.out.printf(
                "%nWEB WARM: first results after page load, %d loads per scenario (target <= 500 ms)%n", runs);
        System.out.printf(
                "%-26s %8s %8s %8s %8s   %s%n",
                "scenario", "first", "p50", "p95", "max", "status line at first results");
        for (Map.Entry<String, String> scenario : SCENARIOS.entrySet()) {
            String url = node.base().resolve(scenario.getValue()).toString();
            double first = load(browser, url);
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                warm.add(load(browser, url));
            }
            browser.screenshot("bench-"
                    + scenario.getKey().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            double[] sorted =
                    warm.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(
                    "%-26s %6.0f ms %5.0f ms %5.0f ms %5.0f ms   %s%n",
                    scenario.getKey(),
                    first,
                    pct(sorted, 50),
                    pct(sorted, 95),
                    sorted[sorted.length - 1],
                    statusLine(browser));
        }
        System.out.println("first = the scenario's first load on the running node (browser cache warm);"
                + " p50/p95/max over the loads that follow.");
    }

    /**
     * Gives the data folder a node identity (node.json, key, token) once, from {@code init} run
     * beside it, so the loaded database can be served by the real command line.
     */
    static void identity(Path data) throws Exception {
        if (NodeConfig.isInitialised(data)) {
            return;
        }
        Path fresh = Files.createTempDirectory("tsunagu-bench-web-init");
        Path init = fresh.resolve("node");
        NodeProcess.Result result = NodeProcess.run("init", "--data", init.toString(), "--hub", HUB, "--country", "JP");
        if (result.status() != 0) {
            throw new IllegalStateException(result.out());
        }
        for (String file : List.of("node.key", "admin.token", "node.json")) {
            Files.move(init.resolve(file), data.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Where the first load's time went: every request, when it was sent and when it was answered. */
    private static String timeline(Browser browser) {
        return String.valueOf(((JavascriptExecutor) browser.driver)
                .executeScript("const nav = performance.getEntriesByType('navigation')[0];"
                        + "return [nav, ...performance.getEntriesByType('resource'),"
                        + " ...performance.getEntriesByType('mark')]"
                        + ".map(e => '  ' + Math.round(e.startTime) + '-' + Math.round(e.responseEnd || e.startTime) + ' '"
                        + " + e.name.replace(location.origin, '')).join('\\n') + '\\n';"));
    }

    private static String statusLine(Browser browser) {
        return String.valueOf(((JavascriptExecutor) browser.driver)
                .executeScript("return document.getElementById('status').textContent;"));
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
