package org.tsunagu.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

class OrganizationAdminTest {
    private static final String JANIC = "{\"id\":\"janic\",\"name\":\"国際協力NGOセンター\",\"country\":\"JP\"}";

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

    @Test
    void create_validRecord_201WithLocationAndSignedUpdate() {
        TestClient.Reply reply = node.admin.postJson("/admin/v1/organizations", JANIC);
        assertEquals(201, reply.status(), reply.body());
        assertTrue(reply.header("Location").endsWith("/v1/directory/organizations/jp-janic/janic"));
        JsonNode result = reply.json();
        assertEquals("jp-janic/janic", result.get("global_id").asText());
        assertEquals("org.upsert", result.get("type").asText());
        assertEquals(headSeq(), result.get("seq").longValue());
        assertEquals(200, node.anyone.get(reply.header("Location")).status());
    }

    @Test
    void create_withoutId_assignsOne() {
        TestClient.Reply reply =
                node.admin.postJson("/admin/v1/organizations", "{\"name\":\"Anonymous\",\"country\":\"JP\"}");
        assertEquals(201, reply.status(), reply.body());
        String globalId = reply.json().get("global_id").asText();
        assertTrue(globalId.matches("jp-janic/[0-9a-f-]{36}"), globalId);
    }

    @Test
    void create_takenId_409AndNothingSigned() {
        assertEquals(201, node.admin.postJson("/admin/v1/organizations", JANIC).status());
        long before = headSeq();
        TestClient.Reply reply = node.admin.postJson("/admin/v1/organizations", JANIC);
        assertEquals(409, reply.status(), reply.body());
        assertEquals(before, headSeq());
    }

    @Test
    void create_invalidRecord_422WithRequestPathsAndNothingSigned() {
        long before = headSeq();
        TestClient.Reply reply = node.admin.postJson("/admin/v1/organizations", "{\"id\":\"x\",\"country\":\"JP\"}");
        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        assertEquals("$.name", reply.json().get("errors").get(0).get("path").asText());
        assertEquals(before, headSeq());
    }

    @Test
    void create_severalBadFields_everyOneNamed() {
        TestClient.Reply reply = node.admin.postJson(
                "/admin/v1/organizations",
                "{\"id\":\"x\",\"name\":\"n\",\"country\":\"Japan\",\"sectors\":[\"15150\",\"99999\"]}");
        assertEquals(422, reply.status(), reply.body());
        java.util.List<String> paths = new java.util.ArrayList<>();
        reply.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertTrue(paths.contains("$.country"), paths.toString());
        assertTrue(paths.contains("$.sectors[1]"), paths.toString());
    }

    @Test
    void create_unknownMember_refused() {
        TestClient.Reply reply = node.admin.postJson(
                "/admin/v1/organizations", "{\"id\":\"x\",\"name\":\"n\",\"country\":\"JP\",\"colour\":\"red\"}");
        assertEquals(422, reply.status(), reply.body());
        assertEquals("$.colour", reply.json().get("errors").get(0).get("path").asText());
    }

    @Test
    void create_malformedOrNonObjectJson_400() {
        assertEquals(
                400, node.admin.postJson("/admin/v1/organizations", "{\"id\":").status());
        assertEquals(
                400, node.admin.postJson("/admin/v1/organizations", "[1,2]").status());
        assertEquals(
                400,
                node.admin
                        .postJson("/admin/v1/organizations", "{\"a\":1,\"a\":2}")
                        .status());
    }

    @Test
    void write_withoutToken_401AndNothingSigned() {
        long before = headSeq();
        TestClient.Reply reply = node.anyone.postJson("/admin/v1/organizations", JANIC);
        assertEquals(401, reply.status());
        assertEquals(401, node.anyone.delete("/admin/v1/organizations/janic").status());
        assertEquals(before, headSeq());
    }

    @Test
    void replace_existing_200AndNewRecordServed() {
        node.admin.postJson("/admin/v1/organizations", JANIC);
        TestClient.Reply reply = node.admin.putJson(
                "/admin/v1/organizations/janic", "{\"name\":\"JANIC\",\"country\":\"JP\",\"sectors\":[\"15150\"]}");
        assertEquals(200, reply.status(), reply.body());
        JsonNode served =
                node.anyone.get("/v1/directory/organizations/jp-janic/janic").json();
        assertEquals("JANIC", served.get("record").get("name").asText());
        assertEquals(
                reply.json().get("seq").longValue(),
                served.get("provenance").get("seq").longValue());
    }

    @Test
    void replace_new_201() {
        assertEquals(
                201,
                node.admin
                        .putJson("/admin/v1/organizations/new-one", "{\"name\":\"New\",\"country\":\"JP\"}")
                        .status());
    }

    @Test
    void replace_idDiffersFromPath_422() {
        TestClient.Reply reply = node.admin.putJson("/admin/v1/organizations/a", JANIC);
        assertEquals(422, reply.status());
        assertEquals("$.id", reply.json().get("errors").get(0).get("path").asText());
    }

    @Test
    void remove_existing_tombstonedAndGone() {
        node.admin.postJson("/admin/v1/organizations", JANIC);
        TestClient.Reply reply = node.admin.delete("/admin/v1/organizations/janic?reason=merged");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("org.remove", reply.json().get("type").asText());
        assertEquals(
                404,
                node.anyone.get("/v1/directory/organizations/jp-janic/janic").status());
        assertEquals(404, node.admin.delete("/admin/v1/organizations/janic").status());
        assertNotNull(node.node
                .log()
                .envelope(node.hub(), reply.json().get("seq").longValue())
                .orElseThrow());
    }

    /** A sealed organisation's write (SPEC §6.10), sealed to this hub alone: it needs no other hub's key. */
    private static final String SEALED_TO_SELF = "\"audience\":{\"kind\":\"listed\",\"hubs\":[\"jp-janic\"]}";

    private JsonNode signedBody() {
        return node.node.log().envelope(node.hub(), headSeq()).orElseThrow().body();
    }

    private void createSealed() {
        node.adminPost("/admin/v1/protocol", "{\"version\":2}");
        TestClient.Reply sealed = node.admin.postJson(
                "/admin/v1/organizations", JANIC.substring(0, JANIC.length() - 1) + "," + SEALED_TO_SELF + "}");
        assertEquals(201, sealed.status(), sealed.body());
        assertTrue(signedBody().has("sealed"), signedBody().toString());
    }

    @Test
    void replace_sealedWithoutAudience_422AtAudienceAndNothingSigned() {
        createSealed();
        long before = headSeq();
        TestClient.Reply reply =
                node.admin.putJson("/admin/v1/organizations/janic", "{\"name\":\"JANIC shelter\",\"country\":\"JP\"}");
        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"));
        JsonNode error = reply.json().get("errors").get(0);
        assertEquals("$.audience", error.get("path").asText());
        assertTrue(error.get("message").asText().contains("jp-janic/janic is sealed"), error.toString());
        assertEquals(before, headSeq(), "nothing signed");
        JsonNode served =
                node.admin.get("/v1/directory/organizations/jp-janic/janic").json();
        assertEquals("listed", served.get("sealed").get("audience").asText(), served.toString());
    }

    @Test
    void replace_sealedWithPublicAudience_unsealedOnPurpose() {
        createSealed();
        TestClient.Reply reply = node.admin.putJson(
                "/admin/v1/organizations/janic",
                "{\"name\":\"JANIC\",\"country\":\"JP\",\"audience\":{\"kind\":\"public\"}}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals("JANIC", signedBody().get("name").asText());
        assertTrue(!signedBody().has("sealed"), "signed in clear: " + signedBody());
        JsonNode served =
                node.anyone.get("/v1/directory/organizations/jp-janic/janic").json();
        assertTrue(!served.has("sealed"), served.toString());
        // Public now: a later write without an audience is an ordinary replacement.
        assertEquals(
                200,
                node.admin
                        .putJson("/admin/v1/organizations/janic", "{\"name\":\"JANIC 2\",\"country\":\"JP\"}")
                        .status());
    }

    @Test
    void replace_sealedWithAudience_staysSealed() {
        createSealed();
        long before = headSeq();
        TestClient.Reply reply = node.admin.putJson(
                "/admin/v1/organizations/janic",
                "{\"name\":\"JANIC\",\"country\":\"JP\",\"description\":\"shelter behind the school\"," + SEALED_TO_SELF
                        + "}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(before + 1, headSeq());
        assertTrue(signedBody().has("sealed"), signedBody().toString());
        assertTrue(!signedBody().toString().contains("shelter"), "the new details are sealed: " + signedBody());
        JsonNode served =
                node.admin.get("/v1/directory/organizations/jp-janic/janic").json();
        assertEquals("listed", served.get("sealed").get("audience").asText(), served.toString());
        assertEquals(
                "shelter behind the school",
                served.get("record").get("description").asText(),
                "opened here, a recipient");
    }
}
