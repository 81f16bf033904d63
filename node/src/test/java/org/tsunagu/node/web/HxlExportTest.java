package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.UpdateType;

/**
 * The HXL-tagged export from a real node, parsed back as a spreadsheet or an HXL tool would: the BOM,
 * the header, the hashtag row under it, and each value under its hashtag with Thai and Burmese intact.
 */
class HxlExportTest {
    @TempDir
    static Path dir;

    private static TestNode node;

    @BeforeAll
    static void start() {
        node = WebFixture.start(dir);
        node.node.publisher().publish(UpdateType.ORG_UPSERT, TestHub.json("""
                {"id": "kmss", "name": "ကရင်အမျိုးသမီးအစည်းအရုံး",
                 "names": {"my": "ကရင်အမျိုးသမီးအစည်းအရုံး", "en": "Karen Women Network"},
                 "country": "MM", "countries_of_operation": ["MM", "TH"], "organization_type": "22",
                 "sectors": ["12220", "72010"], "email": "info@example.org",
                 "locations": [{"city": "Hpa-An", "region": "ကရင်ပြည်နယ်"},
                               {"city": "Mawlamyine", "region": "Mon", "latitude": 16.49, "longitude": 97.63}]}
                """));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String download(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(node.server.baseUri().resolve(pathAndQuery))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        byte[] body = response.body();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(body[0], body[1], body[2]), "a BOM");
        return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    }

    /** Each organisation's row as hashtag -> value, read the way HXL tools find columns: by the tag row. */
    private static Map<String, Map<String, String>> byGlobalId(String csv) throws Exception {
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        List<String> tags = rows.get(1).toList();
        assertTrue(tags.stream().allMatch(t -> t.startsWith("#")), "the second row is the hashtag row: " + tags);
        int codeColumn = tags.indexOf("#org+code");
        return rows.subList(2, rows.size()).stream().collect(Collectors.toMap(r -> r.get(codeColumn), r -> {
            Map<String, String> cells = new java.util.LinkedHashMap<>();
            for (int i = 0; i < tags.size(); i++) {
                cells.put(tags.get(i), r.get(i));
            }
            return cells;
        }));
    }

    @Test
    void hxl_search_parsesBackWithHashtagsOverTheRightValuesAndScriptsIntact() throws Exception {
        String csv = download("v1/directory/export.hxl.csv");
        List<String> header =
                Arrays.asList(csv.substring(0, csv.indexOf("\r\n")).split(","));
        assertEquals("Organisation", header.get(0));
        Map<String, Map<String, String>> rows = byGlobalId(csv);
        assertEquals(5, rows.size(), rows.keySet().toString());

        Map<String, String> kmss = rows.get("jp-janic/kmss");
        assertEquals("ကရင်အမျိုးသမီးအစည်းအရုံး", kmss.get("#org+name"));
        assertEquals("Karen Women Network", kmss.get("#org+name+i_en"));
        assertEquals("22", kmss.get("#org+type+code"));
        assertEquals("12220; 72010", kmss.get("#sector+code"));
        assertEquals("MM", kmss.get("#country+code+iso2"));
        assertEquals("MM; TH", kmss.get("#country+code+iso2+operations"));
        assertEquals("ကရင်ပြည်နယ်", kmss.get("#adm1+name"), "the first location's region");
        assertEquals("16.49", kmss.get("#geo+lat"), "the first location with coordinates");
        assertEquals("97.63", kmss.get("#geo+lon"));
        assertEquals("info@example.org", kmss.get("#contact+email"));
        assertEquals("jp-janic", kmss.get("#meta+source"));

        Map<String, String> mekong = rows.get("th-ngocoord/mekong");
        assertEquals("มูลนิธิเพื่อการพัฒนาลุ่มน้ำโขง", mekong.get("#org+name"));
        assertEquals("th-ngocoord", mekong.get("#meta+source"));
        assertEquals("", mekong.get("#geo+lat"));
        // A record's text that looks like markup or a formula is still only text.
        assertEquals(WebFixture.INJECTION, rows.get("jp-janic/evil").get("#org+name"));
    }

    @Test
    void hxl_filters_exportOnlyTheSearch() throws Exception {
        Map<String, Map<String, String>> rows = byGlobalId(download("v1/directory/export.hxl.csv?country=MM"));
        assertEquals(List.of("jp-janic/kmss"), List.copyOf(rows.keySet()));
    }
}
