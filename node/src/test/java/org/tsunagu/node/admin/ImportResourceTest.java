package org.tsunagu.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

class ImportResourceTest {
    private static final String CSV_PATH = "/admin/v1/import/organizations";
    private static final String GOOD = "\uFEFFid,name,names.en,alternate_names,sectors,languages,city\r\n"
            + "janic,国際協力NGOセンター,Japan NGO Center for International Cooperation,JANIC,15150,ja|en,東京\r\n"
            + "pwj,Peace Winds Japan,,PWJ;ピースウィンズ,72010;72040,en,\"Jinsekikogen, Hiroshima\"\r\n"
            + "shapla,シャプラニール,Shapla Neer,,43060,ja,\r\n";

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() {
        node = TestNode.start(dir, "jp-janic", "JP");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private long headSeq() {
        return node.node.log().head(node.hub()).orElseThrow().seq();
    }

    private TestClient.Reply csv(String query, String body) {
        return node.admin.post(CSV_PATH + query, "text/csv", body);
    }

    private int found(String q) {
        return node.anyone
                .get("/v1/directory/organizations?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                .json()
                .get("items")
                .size();
    }

    @Test
    void csv_validSpreadsheet_oneSignedUpsertPerRow() {
        long before = headSeq();
        TestClient.Reply reply = csv("", GOOD);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(3, reply.json().get("created").intValue());
        assertEquals(before + 3, headSeq());
        assertEquals(1, found("国際協力"));
        assertEquals(1, found("ピースウィンズ"));
        JsonNode pwj = node.anyone
                .get("/v1/directory/organizations/jp-janic/pwj")
                .json()
                .get("record");
        assertEquals(2, pwj.get("sectors").size());
        assertEquals(
                "Jinsekikogen, Hiroshima",
                pwj.get("locations").get(0).get("city").asText());
        assertEquals("JP", pwj.get("country").asText(), "the hub's country fills the missing column");
    }

    @Test
    void csv_sameFileAgain_nothingNewSigned() {
        csv("", GOOD);
        long before = headSeq();
        JsonNode report = csv("", GOOD).json();
        assertEquals(3, report.get("unchanged").intValue());
        assertEquals(before, headSeq());
    }

    @Test
    void csv_oneBadRow_allOrNothingRefusesWithLineAndColumn() {
        long before = headSeq();
        String bad = GOOD + "broken,,,,,,\r\nworse,Worse,,,,,\r\n";
        TestClient.Reply reply = csv("", bad.replace("worse,Worse,,,,,", "worse,Worse,,,,,,extra"));
        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        JsonNode errors = reply.json().get("errors");
        assertEquals(5, errors.get(0).get("line").intValue());
        assertEquals("name", errors.get(0).get("field").asText());
        assertEquals(6, errors.get(1).get("line").intValue());
        assertEquals(before, headSeq(), "nothing is stored");
        assertEquals(0, found("国際協力"));
    }

    @Test
    void csv_badCode_reportedWithItsColumn() {
        TestClient.Reply reply = csv("", GOOD.replace("43060,ja,", "43060|99999,ja,"));
        assertEquals(422, reply.status(), reply.body());
        JsonNode error = reply.json().get("errors").get(0);
        assertEquals(4, error.get("line").intValue());
        assertEquals("sectors", error.get("field").asText());
        assertEquals("$.sectors[1]", error.get("path").asText());
    }

    @Test
    void csv_oneBadRowPartial_keepsTheGoodOnes() {
        TestClient.Reply reply = csv("?partial=true", GOOD + "broken,,,,,,\r\n");
        assertEquals(200, reply.status(), reply.body());
        JsonNode report = reply.json();
        assertEquals(3, report.get("created").intValue());
        assertEquals(1, report.get("failed").intValue());
        assertEquals(5, report.get("errors").get(0).get("line").intValue());
        assertEquals(1, found("国際協力"));
    }

    /** A decimal comma, as many locales write it: one error that says what to write, not two. */
    @Test
    void csv_coordinateWithDecimalComma_oneClearError() {
        TestClient.Reply reply = csv("", "id,name,latitude,longitude\r\nchiangmai,Chiang Mai NGO,\"18,79\",98.98\r\n");
        assertEquals(422, reply.status(), reply.body());
        JsonNode errors = reply.json().get("errors");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("latitude", errors.get(0).get("field").asText());
        assertEquals(2, errors.get(0).get("line").intValue());
        assertTrue(
                errors.get(0).get("message").asText().contains("write decimals with a point (18.79)"),
                errors.toString());
    }

    @Test
    void csv_buddhistEraYear_saysSo() {
        TestClient.Reply reply = csv("", "id,name,year_incorporated\r\nthai,Thai NGO,2545\r\n");
        assertEquals(422, reply.status(), reply.body());
        JsonNode error = reply.json().get("errors").get(0);
        assertEquals("year_incorporated", error.get("field").asText());
        assertTrue(
                error.get("message").asText().startsWith("looks like a Buddhist-era year; use 2002"), error.toString());
    }

    @Test
    void csv_ownExportOfAnotherHub_refusedWithTheOrigin() {
        TestClient.Reply reply = csv("", "global_id,origin,id,name\r\nth-other/a,th-other,a,A\r\n");
        assertEquals(422, reply.status(), reply.body());
        JsonNode error = reply.json().get("errors").get(0);
        assertEquals("origin", error.get("field").asText());
        assertTrue(error.get("message").asText().contains("a record of hub th-other"), error.toString());
    }

    @Test
    void csv_unknownColumn_refusedOnLineOne() {
        TestClient.Reply reply = csv("?partial=true", "id,name,colour\n1,a,red\n");
        assertEquals(422, reply.status());
        JsonNode error = reply.json().get("errors").get(0);
        assertEquals(1, error.get("line").intValue());
        assertEquals("colour", error.get("field").asText());
    }

    @Test
    void json_hsdsRecords_imported() {
        String hsds = "[{\"id\":\"d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610\",\"name\":\"Example Organization\","
                + "\"alternate_name\":\"Example Org\",\"description\":\"d\",\"tax_status\":\"x\","
                + "\"phones\":[{\"id\":\"p1\",\"number\":\"+81 3 0000 0000\",\"extension\":100}]},"
                + "{\"id\":\"native\",\"name\":\"Native record\",\"country\":\"TH\"}]";
        TestClient.Reply reply = node.admin.postJson(CSV_PATH, hsds);
        assertEquals(200, reply.status(), reply.body());
        assertEquals(2, reply.json().get("created").intValue());
        assertEquals(1, found("Example"));
    }

    @Test
    void json_duplicateIds_reportedWithBothLines() {
        TestClient.Reply reply =
                node.admin.postJson(CSV_PATH, "[\n{\"id\":\"a\",\"name\":\"A\"},\n{\"id\":\"a\",\"name\":\"B\"}\n]");
        assertEquals(422, reply.status());
        JsonNode error = reply.json().get("errors").get(0);
        assertEquals(3, error.get("line").intValue());
        assertEquals("$[1].id", error.get("path").asText());
        assertTrue(error.get("message").asText().contains("line 2"), error.toString());
    }

    @Test
    void import_withoutToken_401() {
        assertEquals(401, node.anyone.post(CSV_PATH, "text/csv", GOOD).status());
    }

    @Test
    void csv_rowUpdatingSealedOrganisation_refusedAtAudienceAndStaysSealed() {
        node.adminPost("/admin/v1/protocol", "{\"version\":2}");
        assertEquals(
                201,
                node.admin
                        .postJson(
                                "/admin/v1/organizations",
                                "{\"id\":\"shapla\",\"name\":\"Shapla\",\"country\":\"JP\","
                                        + "\"audience\":{\"kind\":\"unlisted\",\"hubs\":[\"jp-janic\"]}}")
                        .status());
        long before = headSeq();
        TestClient.Reply refused = csv("", GOOD);
        assertEquals(422, refused.status(), refused.body());
        JsonNode error = refused.json().get("errors").get(0);
        assertEquals(4, error.get("line").intValue(), error.toString());
        assertEquals("audience", error.get("field").asText(), error.toString());
        assertTrue(error.get("message").asText().contains("jp-janic/shapla is sealed"), error.toString());
        assertEquals(before, headSeq(), "all or nothing: nothing signed");

        JsonNode report = csv("?partial=true", GOOD).json();
        assertEquals(2, report.get("created").intValue(), report.toString());
        assertEquals(1, report.get("failed").intValue(), report.toString());
        assertEquals(before + 2, headSeq(), "the other rows only");
        JsonNode served =
                node.admin.get("/v1/directory/organizations/jp-janic/shapla").json();
        assertEquals("unlisted", served.get("sealed").get("audience").asText(), served.toString());
        assertEquals("Shapla", served.get("record").get("name").asText(), "the row did not replace it");
    }
}
