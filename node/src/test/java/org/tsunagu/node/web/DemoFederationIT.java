package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * Issue 19's "done when", as a forum admin meets it: {@code scripts/demo-federation} runs for real
 * (four nodes from the built jar, seeded and following each other, the jp–th partnership co-signed),
 * and headless Chromium opens the forum's page: the map shades countries, the network draws the
 * co-signed partnership, and the Myanmar crisis view lists records from every hub. Its HXL download
 * is then read as a spreadsheet reads it: a UTF-8 BOM, parsed as CSV, the hashtag row in place, and
 * each organisation's Thai or Burmese name exactly as its hub's seed file wrote it.
 */
class DemoFederationIT {
    private static final Set<String> HUBS = Set.of("jp-janic", "th-ngocoord", "ph-code-ngo");

    @TempDir
    Path dir;

    /** A port offset whose four demo ports (8081, 8082, 8083, 8090 + offset) are free now. */
    private static int freeOffset() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = 20_000 + (int) (Math.random() * 20_000);
            boolean free = true;
            for (int port : List.of(8081, 8082, 8083, 8090)) {
                try (ServerSocket probe =
                        new ServerSocket(port + offset, 1, java.net.InetAddress.getLoopbackAddress())) {
                    probe.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return offset;
            }
        }
        throw new IOException("no free demo ports");
    }

    @Test
    void demoFederation_forumSeesMapNetworkAndMyanmarCrisisFromEveryHub_andItsHxlKeepsThaiAndBurmese()
            throws Exception {
        Browser.requireChromium();
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("scripts/demo-federation"))) {
            root = root.getParent();
        }
        int offset = freeOffset();
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", root.resolve("scripts/demo-federation").toString())
                .directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("TSUNAGU_DEMO_PORT_OFFSET", String.valueOf(offset));
        pb.environment().put("TSUNAGU_DEMO_DIR", dir.resolve("demo").toString());
        pb.environment().put("TSUNAGU_NO_BUILD", "1"); // verify built the jar this test runs
        Process demo = pb.start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> up = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean ready = false;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    ready |= line.startsWith("The federation is up");
                    if (ready) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        Browser browser = null;
        try {
            // Four cold JVMs on a shared machine: the script itself waits up to 120 s per step.
            assertTrue(up.get(6, TimeUnit.MINUTES), () -> "the demo did not come up:\n" + output);
            URI forum = URI.create("http://127.0.0.1:" + (8090 + offset) + "/");
            browser = Browser.start("en-US,en");
            browser.driver.manage().window().setSize(new Dimension(1280, 1600));

            browser.driver.get(forum.toString());
            Browser b = browser;
            b.await(d ->
                    !d.findElements(By.cssSelector("#map path.country.shaded")).isEmpty());
            b.await(d ->
                    !d.findElements(By.cssSelector("#search-network .node")).isEmpty());
            assertTrue(
                    shown(b, "#map path.country.shaded", "data-country").containsAll(Set.of("JP", "TH", "PH", "MM")),
                    "the map shades the hubs' countries");
            assertEquals(
                    Set.of("jp-janic/myanmar-border-response-2026"),
                    shown(b, "#search-network line.edge-confirmed", "data-partnership"),
                    "the network draws the co-signed jp–th partnership");
            b.screenshot("demo-forum");

            browser.driver.get(forum.resolve("crisis?country=MM").toString());
            b.await(d ->
                    !d.findElements(By.cssSelector("#crisis-view tr[data-org]")).isEmpty());
            Set<String> listed = shown(b, "#crisis-view tr[data-org]", "data-org");
            assertEquals(
                    HUBS,
                    listed.stream().map(id -> id.substring(0, id.indexOf('/'))).collect(Collectors.toSet()),
                    "records from each hub: " + listed);
            assertTrue(listed.contains("th-ngocoord/border-relief-th"), "working in Myanmar from Thailand");
            assertTrue(listed.contains("ph-code-ngo/bayanihan-relief"), "working in Myanmar from the Philippines");
            assertTrue(!browser.driver
                    .findElements(By.cssSelector("#crisis-network line.edge-confirmed"))
                    .isEmpty());
            b.screenshot("demo-crisis-mm");
            String hxl = browser.driver.findElement(By.id("crisis-hxl")).getAttribute("href");
            assertEquals(List.of(), browser.consoleErrors());

            HttpResponse<byte[]> download = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(hxl))
                                    .timeout(Duration.ofSeconds(60))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, download.statusCode());
            byte[] bytes = download.body();
            assertEquals(
                    List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF),
                    List.of(bytes[0], bytes[1], bytes[2]),
                    "a UTF-8 BOM, so a spreadsheet reads the file as UTF-8");
            String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
            List<CSVRecord> rows =
                    CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
            List<String> tags = rows.get(1).toList();
            int name = tags.indexOf("#org+name");
            int code = tags.indexOf("#org+code");
            assertTrue(name >= 0 && code >= 0, "the hashtag row: " + tags);
            Map<String, String> seeded = seededNames(root);
            Map<String, String> exported = new HashMap<>();
            rows.subList(2, rows.size()).forEach(r -> exported.put(r.get(code), r.get(name)));
            assertEquals(
                    listed, new TreeSet<>(exported.keySet()), "the HXL file holds the crisis view's organisations");
            exported.forEach((id, text) -> assertEquals(seeded.get(id), text, id + "'s name as its hub wrote it"));
            assertTrue(
                    exported.values().stream().anyMatch(t -> t.codePoints().anyMatch(c -> c >= 0x1000 && c <= 0x109F)),
                    "Burmese text");
            assertTrue(
                    exported.values().stream().anyMatch(t -> t.codePoints().anyMatch(c -> c >= 0x0E00 && c <= 0x0E7F)),
                    "Thai text");
        } finally {
            if (browser != null) {
                browser.close();
            }
            // SIGTERM: the script's trap stops the four nodes it started; then make sure of it.
            List<ProcessHandle> children = demo.descendants().toList();
            demo.destroy();
            if (!demo.waitFor(60, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
            for (ProcessHandle child : children) {
                child.destroy();
            }
        }
    }

    private static Set<String> shown(Browser browser, String selector, String attribute) {
        return browser.driver.findElements(By.cssSelector(selector)).stream()
                .map(e -> e.getAttribute(attribute))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Global id -> name, from the seed files the demo's hubs imported. */
    private static Map<String, String> seededNames(Path root) throws IOException {
        Map<String, String> names = new HashMap<>();
        Map<String, String> seeds =
                Map.of("seed-jp.json", "jp-janic", "seed-th.json", "th-ngocoord", "seed-ph.json", "ph-code-ngo");
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, String> seed : seeds.entrySet()) {
            JsonNode records = json.readTree(
                    root.resolve("scripts/demo").resolve(seed.getKey()).toFile());
            records.forEach(r -> names.put(
                    seed.getValue() + "/" + r.get("id").asText(), r.get("name").asText()));
        }
        return names;
    }
}
