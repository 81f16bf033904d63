package org.tsunagu.node.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tsunagu.node.TestNode;

/**
 * Re-importing what was just imported signs nothing: random valid records, as JSON and as CSV, every
 * member included and coordinates written as a spreadsheet writes them ({@code 13.7500}, {@code 100}).
 */
class ImportIdempotenceTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();
    private static Path dir;
    private static TestNode node;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("import-idempotence");
        node = TestNode.start(dir, "th-hub", "TH");
    }

    @AfterContainer
    static void stop() {
        node.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<ObjectNode>> records() {
        return RandomRecords.lists(8);
    }

    private static long head() {
        return node.node.log().head(node.hub()).orElseThrow().seq();
    }

    @Property(tries = 40)
    void importJson_sameRecordsTwice_secondSignsNothing(@ForAll("records") List<ObjectNode> records) throws Exception {
        byte[] file = JSON.writeValueAsBytes(records);
        node.node.importer().importJson(file, false);
        long before = head();
        ImportReport again = node.node.importer().importJson(file, false);
        assertEquals(
                records.size(), again.unchanged(), () -> again + " for " + new String(file, StandardCharsets.UTF_8));
        assertEquals(before, head(), "the second import signed something");
    }

    @Property(tries = 40)
    void importCsv_sameRowsTwice_secondSignsNothing(@ForAll("records") List<ObjectNode> records) {
        byte[] file = ImportCsvFiles.of(records).getBytes(StandardCharsets.UTF_8);
        node.node.importer().importCsv(file, false);
        long before = head();
        ImportReport again = node.node.importer().importCsv(file, false);
        assertEquals(
                records.size(), again.unchanged(), () -> again + " for " + new String(file, StandardCharsets.UTF_8));
        assertEquals(before, head(), "the second import signed something");
    }
}
