package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.ErasureReceipt;
import org.tsunagu.protocol.HubId;

/** Bad input at {@code POST /v1/erasure-receipts}: nothing forged or misdirected is kept. */
class ErasureReceiptTest {
    @TempDir
    Path dir;

    @Test
    void receive_forgedOrMisdirectedReceipts_refusedWithPathAndNothingKept() {
        try (TestNode origin = TestNode.start(dir.resolve("origin"), "mm-hub")) {
            origin.adminPost(
                    "/admin/v1/organizations", FederationFixtures.org("x", "X").toString());
            long seq = origin.adminPost("/admin/v1/organizations/x/erase", "")
                    .get("seq")
                    .longValue();
            Envelope erase = origin.node().log().envelope(origin.hub, seq).orElseThrow();
            ErasureReceipt good = ErasureReceipt.sign(erase, HubId.of("th-hub"), Instant.now(), TestHub.keyPair(5));

            TestClient.Reply tampered = post(origin, good.canonicalJson().replace("th-hub", "th-hux"));
            assertEquals(400, tampered.status(), tampered.body());
            assertTrue(tampered.contentType().startsWith("application/problem+json"));
            assertTrue(tampered.body().contains("$.sig"), tampered.body());

            TestClient.Reply unknown = post(origin, good.canonicalJson().replace("\"seq\":" + seq, "\"seq\":1"));
            assertEquals(400, unknown.status(), "the signature covers seq: " + unknown.body());

            // Correctly signed, but about seq 1 (a hub.profile): not an erase of this hub.
            Envelope notErase = origin.node().log().envelope(origin.hub, 1).orElseThrow();
            ErasureReceipt unsigned =
                    new ErasureReceipt(notErase.hash(), origin.hub, 1, HubId.of("th-hub"), good.key(), good.ts(), "x");
            ErasureReceipt aboutProfile = new ErasureReceipt(
                    notErase.hash(),
                    origin.hub,
                    1,
                    HubId.of("th-hub"),
                    good.key(),
                    good.ts(),
                    Base64Url.encode(TestHub.keyPair(5).sign(unsigned.signingBytes())));
            TestClient.Reply misdirected = post(origin, aboutProfile.canonicalJson());
            assertEquals(422, misdirected.status(), misdirected.body());
            assertEquals(0, erasure(origin).get("acknowledged").intValue());

            TestClient.Reply kept = post(origin, good.canonicalJson());
            assertEquals(202, kept.status(), kept.body());
            assertEquals(1, erasure(origin).get("acknowledged").intValue());

            TestClient.Reply member = post(origin, good.canonicalJson().replace("{", "{\"x\":1,"));
            assertEquals(400, member.status(), member.body());
            assertTrue(member.body().contains("$.x"), member.body());
            assertEquals(1, erasure(origin).get("acknowledged").intValue());
        }
    }

    private static JsonNode erasure(TestNode origin) {
        return origin.admin.get("/admin/v1/erasures").json().get("items").get(0);
    }

    private static TestClient.Reply post(TestNode n, String body) {
        return n.admin.postJson("/v1/erasure-receipts", body);
    }
}
