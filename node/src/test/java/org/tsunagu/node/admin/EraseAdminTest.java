package org.tsunagu.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.ops.OpsCli;
import org.tsunagu.protocol.Envelope;

/** The protocol move (SPEC §11) and the admin erase (SPEC §6.9) on one real node. */
class EraseAdminTest {
    private static final String SECRET = "Quokkaberrian staff work underground";
    private static final String ORG =
            "{\"id\":\"a1b2\",\"name\":\"Delta Network\",\"country\":\"MM\",\"description\":\"" + SECRET + "\"}";

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() {
        node = TestNode.start(dir, "mm-hub", "MM");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private List<Envelope> log() {
        return node.node.log().feed(node.hub(), 0, 1000);
    }

    private TestClient.Reply v2Feed(String path) {
        return node.anyone.send(node.anyone.request(path).header("Tsunagu-Versions", "1, 2"));
    }

    @Test
    void feed_version2LogToReaderWithoutV2_pageEndsBeforeItThen406NamingSinceSeq() {
        long v1Head = log().size();
        moveToV2();
        long since = v1Head + 1;
        TestClient.Reply v1Page = node.anyone.get("/v1/feeds/mm-hub");
        assertEquals(200, v1Page.status(), v1Page.body());
        assertEquals(v1Head, v1Page.body().lines().count());
        assertFalse(v1Page.body().contains("\"v\":2"));

        TestClient.Reply refused = node.anyone.get("/v1/feeds/mm-hub?after=" + v1Head);
        assertEquals(406, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"));
        assertEquals("urn:tsunagu:problem:version", refused.json().get("type").asText());
        assertEquals("mm-hub", refused.json().get("origin").asText());
        assertEquals(since, refused.json().get("since_seq").longValue());
        assertEquals(
                "Tsunagu-Versions",
                refused.json().get("errors").get(0).get("path").asText());

        TestClient.Reply declared = v2Feed("/v1/feeds/mm-hub?after=" + v1Head);
        assertEquals(200, declared.status());
        assertEquals(1, declared.body().lines().count());
        assertTrue(node.anyone
                .get("/.well-known/tsunagu")
                .json()
                .get("versions")
                .toString()
                .equals("[1,2]"));
    }

    private int hits(String q) {
        return node.anyone
                .get("/v1/directory/organizations?q=" + q)
                .json()
                .get("items")
                .size();
    }

    private void moveToV2() {
        TestClient.Reply r = node.admin.postJson("/admin/v1/protocol", "{\"version\":2}");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void protocol_moveToVersion2_signsProfileV2AndEveryLaterEnvelopeWithFreshSalt() {
        assertEquals(
                1, node.admin.get("/admin/v1/protocol").json().get("version").intValue());
        TestClient.Reply r = node.admin.postJson("/admin/v1/protocol", "{\"version\":2}");
        assertEquals(200, r.status(), r.body());
        JsonNode state = r.json();
        assertEquals(2, state.get("version").intValue());
        long since = state.get("since_seq").longValue();
        assertEquals("hub.profile", state.get("signed").get("type").asText());
        assertEquals(since, state.get("signed").get("seq").longValue());

        assertEquals(201, node.admin.postJson("/admin/v1/organizations", ORG).status());
        assertEquals(
                201,
                node.admin
                        .postJson("/admin/v1/organizations", "{\"name\":\"Other\",\"country\":\"MM\"}")
                        .status());
        Set<String> salts = new HashSet<>();
        for (Envelope e : log()) {
            assertEquals(e.seq() >= since ? 2 : 1, e.version(), e.toString());
            if (e.version() == 2) {
                assertTrue(salts.add(e.salt()), "salt reused: " + e.salt());
            }
        }
        assertEquals(3, salts.size());
        // Moving again signs nothing; going back is refused with the field named.
        long head = log().size();
        assertTrue(node.admin
                .postJson("/admin/v1/protocol", "{\"version\":2}")
                .json()
                .get("signed")
                .isNull());
        assertEquals(head, log().size());
        TestClient.Reply back = node.admin.postJson("/admin/v1/protocol", "{\"version\":1}");
        assertEquals(422, back.status(), back.body());
        assertEquals("$.version", back.json().get("errors").get(0).get("path").asText());
        assertEquals(head, log().size());
    }

    @Test
    void erase_ownOrganization_redactsBodiesLeavesDirectoryAndFileAndStillVerifies() throws Exception {
        moveToV2();
        assertEquals(201, node.admin.postJson("/admin/v1/organizations", ORG).status());
        assertEquals(
                200,
                node.admin
                        .putJson("/admin/v1/organizations/a1b2", ORG.replace("Delta Network", "Delta Network 2"))
                        .status());
        assertEquals(
                200,
                node.anyone.get("/v1/directory/organizations?q=quokkaberrian").status());
        assertEquals(1, hits("quokkaberrian"));

        TestClient.Reply r = node.admin.postJson("/admin/v1/organizations/a1b2/erase", "{\"reason\":\"at risk\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode result = r.json();
        assertEquals("org.erase", result.get("type").asText());
        assertEquals(2, result.get("redacted").intValue());
        assertEquals(0, result.get("kept_version1").intValue());
        assertTrue(result.get("wal_checkpointed").booleanValue());

        for (Envelope e : log()) {
            assertFalse(e.canonicalJson().contains("Quokkaberrian"), e.toString());
        }
        assertEquals(
                404, node.anyone.get("/v1/directory/organizations/mm-hub/a1b2").status());
        assertEquals(0, hits("quokkaberrian"));
        TestClient.Reply feed = v2Feed("/v1/feeds/mm-hub");
        assertEquals(200, feed.status());
        assertFalse(feed.body().contains("Quokkaberrian"));
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = Path.of(node.node.database().file() + suffix);
            if (Files.exists(f)) {
                String bytes = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertFalse(bytes.contains("Quokkaberrian"), f.toString());
                assertFalse(bytes.contains("quokkaberrian"), f.toString());
            }
        }
        node.node.config().write();
        OpsCli.Run verify = OpsCli.run("verify", "--data", dir.toString());
        assertEquals(0, verify.status(), verify.toString());
    }

    @Test
    void erase_unknownOrganization_404AndNothingSigned() {
        long before = log().size();
        TestClient.Reply r = node.admin.postJson("/admin/v1/organizations/nope/erase", "");
        assertEquals(404, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        assertEquals(before, log().size());
    }

    @Test
    void erase_unknownMember_422NamingItAndNothingSigned() {
        assertEquals(201, node.admin.postJson("/admin/v1/organizations", ORG).status());
        long before = log().size();
        TestClient.Reply r = node.admin.postJson("/admin/v1/organizations/a1b2/erase", "{\"why\":\"x\"}");
        assertEquals(422, r.status(), r.body());
        assertEquals("$.why", r.json().get("errors").get(0).get("path").asText());
        assertEquals(before, log().size());
    }

    @Test
    void erase_onVersion1Log_movesToVersion2AndCountsBodiesItCannotRedact() {
        assertEquals(201, node.admin.postJson("/admin/v1/organizations", ORG).status());
        TestClient.Reply r = node.admin.postJson("/admin/v1/organizations/a1b2/erase", "");
        assertEquals(200, r.status(), r.body());
        assertEquals(0, r.json().get("redacted").intValue());
        assertEquals(1, r.json().get("kept_version1").intValue());
        assertEquals(
                2, node.admin.get("/admin/v1/protocol").json().get("version").intValue());
        assertNotEquals(404, node.anyone.get("/v1/feeds/mm-hub").status());
        assertEquals(
                404, node.anyone.get("/v1/directory/organizations/mm-hub/a1b2").status());
    }
}
