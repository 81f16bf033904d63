package org.tsunagu.node.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

/**
 * Our own exports are import files: random valid records are imported, the directory is exported as
 * CSV and as HSDS, and importing each export signs nothing (any member read back differently would
 * sign an update), and a new node of the same hub gets the very same records from either file.
 */
class ExportRoundTripTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private static final String HUB = "th-hub";
    private static Path dir;
    private static TestNode node;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("export-round-trip");
        node = TestNode.start(dir.resolve("a"), HUB, "TH");
    }

    @AfterContainer
    static void stop() {
        node.close();
        delete(dir);
    }

    @Provide
    Arbitrary<List<ObjectNode>> records() {
        return RandomRecords.lists(6);
    }

    private static long head(TestNode on) {
        return on.node.log().head(on.hub()).orElseThrow().seq();
    }

    private static String export(String file) {
        TestClient.Reply reply = node.anyone.get("/v1/directory/export." + file + "?hub=" + HUB);
        assertEquals(200, reply.status(), reply.body());
        return reply.body();
    }

    @Property(tries = 25)
    void csvExport_importedBack_signsNothing(@ForAll("records") List<ObjectNode> records) throws Exception {
        node.node.importer().importJson(JSON.writeValueAsBytes(records), false);
        String csv = export("csv");
        assertTrue(csv.startsWith("\uFEFF"), "spreadsheets need the BOM");
        long before = head(node);
        String held = all();
        ImportReport report = node.node.importer().importCsv(csv.getBytes(StandardCharsets.UTF_8), false);
        assertTrue(report.records() >= records.size(), report::toString);
        assertEquals(report.records(), report.unchanged(), () -> report + " changed:\n" + changes(held, all()));
        assertEquals(before, head(node));
    }

    @Property(tries = 25)
    void hsdsExport_importedBack_signsNothing(@ForAll("records") List<ObjectNode> records) throws Exception {
        node.node.importer().importJson(JSON.writeValueAsBytes(records), false);
        String hsds = export("hsds.json");
        long before = head(node);
        String held = all();
        ImportReport report = node.node.importer().importJson(hsds.getBytes(StandardCharsets.UTF_8), false);
        assertTrue(report.records() >= records.size(), report::toString);
        assertEquals(report.records(), report.unchanged(), () -> report + " changed:\n" + changes(held, all()));
        assertEquals(before, head(node));
    }

    /** A hub restoring its directory from its own export into a new node gets the same records. */
    @Property(tries = 3)
    void exports_intoNewNodeOfTheHub_sameRecords(@ForAll("records") List<ObjectNode> records) throws Exception {
        node.node.importer().importJson(JSON.writeValueAsBytes(records), false);
        for (String file : List.of("csv", "hsds.json")) {
            Path fresh = Files.createTempDirectory(dir, "fresh");
            try (TestNode copy = TestNode.start(fresh, HUB, "TH")) {
                byte[] bytes = export(file).getBytes(StandardCharsets.UTF_8);
                if (file.equals("csv")) {
                    copy.node.importer().importCsv(bytes, false);
                } else {
                    copy.node.importer().importJson(bytes, false);
                }
                for (ObjectNode record : records) {
                    String path = "/v1/directory/organizations/" + HUB + "/"
                            + record.get("id").asText();
                    JsonNode original = node.anyone.get(path).json().get("record");
                    JsonNode imported = copy.anyone.get(path).json().get("record");
                    assertTrue(SameRecord.same(original, imported), file + ": " + original + "\nbecame " + imported);
                }
            }
        }
    }

    /** Every record this hub holds, one per line, for showing what an import changed. */
    private static String all() {
        StringBuilder out = new StringBuilder();
        String cursor = null;
        do {
            JsonNode page = node.anyone
                    .get("/v1/directory/organizations?limit=100&hub=" + HUB
                            + (cursor == null
                                    ? ""
                                    : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                    .json();
            page.get("items").forEach(item -> out.append(item.get("record")).append('\n'));
            cursor = page.path("next_cursor").isTextual()
                    ? page.get("next_cursor").asText()
                    : null;
        } while (cursor != null);
        return out.toString();
    }

    private static String changes(String before, String after) {
        List<String> old = List.of(before.split("\n"));
        StringBuilder out = new StringBuilder();
        for (String line : after.split("\n")) {
            if (!old.contains(line)) {
                out.append("now: ").append(line).append('\n');
            }
        }
        for (String line : old) {
            if (!after.contains(line)) {
                out.append("was: ").append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static void delete(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
