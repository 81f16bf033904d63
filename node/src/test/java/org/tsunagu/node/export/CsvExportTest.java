package org.tsunagu.node.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.http.ApiServer;

class CsvExportTest {
    private static HttpResponse<byte[]> get(ExportFixtures.ListPages pages, String pathAndQuery) throws Exception {
        try (ApiServer server = ExportFixtures.server(pages)) {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.baseUri().resolve(pathAndQuery))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void csv_manyPages_streamsHeaderThenEveryRow() throws Exception {
        List<OrganizationView> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(ExportFixtures.minimal("th-ngocoord", "org-" + i, "องค์กร " + i));
        }
        ExportFixtures.ListPages pages = new ExportFixtures.ListPages(all, 3);
        HttpResponse<byte[]> response = get(pages, "v1/directory/export.csv");
        assertEquals(200, response.statusCode());
        assertEquals(
                "text/csv;charset=utf-8;header=present",
                response.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        assertTrue(
                response.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        String[] lines = text(response).split("\r\n");
        assertEquals(8, lines.length);
        assertEquals("\uFEFF" + String.join(",", CsvRow.HEADER), lines[0], "a BOM, then the header");
        assertTrue(lines[7].startsWith("th-ngocoord/org-6,th-ngocoord,org-6,องค์กร 6,"), lines[7]);
        assertEquals(3, pages.queries.size(), "three pages of three");
        assertEquals(OrganizationQuery.MAX_LIMIT, pages.queries.get(0).limit());
    }

    @Test
    void csv_filters_reachTheSearchUnchanged() throws Exception {
        ExportFixtures.ListPages pages = new ExportFixtures.ListPages(List.of(), 10);
        get(pages, "v1/directory/export.csv?q=%E6%97%A5%E6%9C%AC&country=jp&sector=151&language=ja&hub=jp-janic");
        OrganizationQuery query = pages.queries.get(0);
        assertEquals("日本", query.q());
        assertEquals("JP", query.country());
        assertEquals("151", query.sector());
        assertEquals("ja", query.language());
        assertEquals("jp-janic", query.hub());
    }

    @Test
    void csv_badFilter_isProblemBeforeAnyRow() throws Exception {
        ExportFixtures.ListPages pages = new ExportFixtures.ListPages(List.of(), 10);
        HttpResponse<byte[]> response = get(pages, "v1/directory/export.csv?country=Japan");
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, "" + response.statusCode());
        assertEquals(
                "application/problem+json",
                response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(text(response).contains("$.country"), text(response));
        assertEquals(0, pages.queries.size());
    }

    @Test
    void csv_fullRecord_keepsEveryFieldReadable() throws Exception {
        HttpResponse<byte[]> response =
                get(new ExportFixtures.ListPages(List.of(ExportFixtures.full()), 10), "v1/directory/export.csv");
        String body = text(response);
        assertTrue(body.contains("\"ja: 日本国際ボランティアセンター\nen: Japan International Volunteer Center\""), body);
        assertTrue(body.contains(",15160; 311; 72010,"), body);
        assertTrue(body.contains("\"Human rights\n"), body);
        assertTrue(body.contains(",JP-JCN-3000020278670; XI-EXAMPLE-1,"), body);
        assertTrue(body.contains(",office: +81 3 1234 5678,"), "phone numbers keep their +: " + body);
        assertTrue(body.contains(",jp-janic,2026-11-29T02:00:00Z,7,ed25519:"), body);
    }

    @Test
    void cell_formulaLikeText_isDefused() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvCells.cell("=HYPERLINK(\"x\")"));
        assertEquals("'@SUM(A1)", CsvCells.cell("@SUM(A1)"));
        assertEquals("'+cmd|' /C calc'!A0", CsvCells.cell("+cmd|' /C calc'!A0"));
        assertEquals("'-2+3", CsvCells.cell("-2+3"));
        assertEquals("+81 3 1234 5678", CsvCells.cell("+81 3 1234 5678"));
        assertEquals("-12.5", CsvCells.cell("-12.5"));
        assertEquals("\"+81 3 1234\n+66 2 123 4567\"", CsvCells.cell("+81 3 1234\n+66 2 123 4567"));
        assertEquals("\"a,b\"", CsvCells.cell("a,b"));
        assertEquals("\"two\nlines\"", CsvCells.cell("two\nlines"));
        assertEquals("", CsvCells.cell(null));
    }

    /** Excel on Windows reads a CSV without a BOM in the system code page and garbles Thai and Japanese. */
    @Test
    void csv_byDefault_startsWithByteOrderMark() throws Exception {
        byte[] body = get(new ExportFixtures.ListPages(List.of(), 10), "v1/directory/export.csv")
                .body();
        assertEquals((byte) 0xEF, body[0]);
        assertEquals((byte) 0xBB, body[1]);
        assertEquals((byte) 0xBF, body[2]);
        assertEquals('g', body[3]);
    }

    @Test
    void csv_bomFalse_startsWithTheHeader() throws Exception {
        byte[] body = get(new ExportFixtures.ListPages(List.of(), 10), "v1/directory/export.csv?bom=false")
                .body();
        assertEquals('g', body[0]);
    }
}
