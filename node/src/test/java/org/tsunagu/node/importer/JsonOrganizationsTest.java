package org.tsunagu.node.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonOrganizationsTest {
    private static List<ImportRecord> read(String json) {
        return JsonOrganizations.read(json.getBytes(StandardCharsets.UTF_8), "TH");
    }

    @Test
    void read_hsdsExample_mapsToUpsertBody() throws Exception {
        byte[] example;
        try (InputStream in = getClass().getResourceAsStream("/importer/hsds-organization_full.json")) {
            example = in.readAllBytes();
        }
        String array = "[" + new String(example, StandardCharsets.UTF_8) + "]";
        ImportRecord record = read(array).get(0);
        assertTrue(record.errors().isEmpty(), record.errors().toString());
        ObjectNode body = record.body();
        assertEquals("Example Org", body.get("alternate_names").get(0).asText());
        assertFalse(body.has("funding"));
        assertFalse(body.get("phones").get(0).has("id"));
        assertTrue(body.get("phones").get(0).has("number"));
        assertTrue(body.get("contacts").get(0).has("phone"), "the contact's first phone is kept");
        assertTrue(body.get("locations").get(0).has("city"), "the first address is flattened");
        assertTrue(body.get("identifiers").size() > 0);
    }

    @Test
    void read_organisationIdentifierWithScheme_prefixesListCode() {
        ImportRecord record = read("[{\"id\":\"a\",\"name\":\"n\",\"organization_identifiers\":"
                        + "[{\"identifier_scheme\":\"JP-JCN\",\"identifier_type\":\"x\",\"identifier\":\"3000020278670\"}]}]")
                .get(0);
        assertEquals(
                "JP-JCN-3000020278670", record.body().get("identifiers").get(0).asText());
        assertEquals("TH", record.body().get("country").asText());
    }

    @Test
    void read_unknownMember_reportedWithIndexPathAndLine() {
        List<ImportRecord> records = read("[\n{\"id\":\"a\",\"name\":\"n\"},\n{\"id\":\"b\",\"nmae\":\"n\"}\n]");
        assertTrue(records.get(0).errors().isEmpty());
        RowError error = records.get(1).errors().get(0);
        assertEquals("$[1].nmae", error.path());
        assertEquals(3, error.line());
        assertEquals("nmae", error.field());
    }

    /** Found by HsdsImportFuzzTest: the import answered 500 for a number Jackson cannot read. */
    @Test
    void read_numberWithAHugeExponent_typedErrorAtItsElement() {
        ImportException e = assertThrows(
                ImportException.class,
                () -> read("[{\"id\":\"a\",\"name\":\"n\"},\n{\"id\":\"b\",\"x\":1e99999999999}]"));
        assertEquals("$[1]", e.errors().get(0).path());
        assertEquals(2, e.errors().get(0).line());
        assertThrows(ImportException.class, () -> read("[6666e66666666666666666666666666666666666666]"));
    }

    @Test
    void read_notAnArrayOrMalformed_refused() {
        assertThrows(ImportException.class, () -> read("{\"id\":\"a\"}"));
        ImportException e = assertThrows(ImportException.class, () -> read("[\n{\"id\":\"a\",}\n]"));
        assertEquals(2, e.errors().get(0).line());
        assertThrows(ImportException.class, () -> read("[{\"id\":\"a\",\"id\":\"b\"}]"));
    }
}
