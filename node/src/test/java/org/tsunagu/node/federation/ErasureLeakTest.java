package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.protocol.ErasureReceipt;

/**
 * Issue 13's leak test: a federation of four real nodes over loopback (the origin hub, a second hub
 * following it, a relay following it, a forum following only the relay) learns an organisation whose
 * description holds a distinctive word; the origin erases it; once every node holds the erase, the word
 * is in no node's database, WAL or SHM file, search index, feeds, public or admin exports (CSV, HXL,
 * HSDS), bundle or later backup ({@code GET /admin/v1/backup} and {@code tsunagu backup}), every node
 * sent the origin a receipt, and {@code verify} still passes on every node. {@code SealedLeakTest} does
 * the same for a sealed record.
 */
class ErasureLeakTest {
    /** Distinctive enough that no other byte sequence of a node spells it. */
    private static final String WORD = "Zanzorquillet";

    private static final String ORG = "{\"id\":\"5d1e7c2a\",\"name\":\"Kayin Women Network\",\"country\":\"MM\","
            + "\"description\":\"" + WORD + " staff work underground near Hpa-an\"}";

    @TempDir
    Path dir;

    private TestNode node(String hub) {
        return TestNode.start(dir.resolve(hub), hub);
    }

    @Test
    void erase_atOrigin_reachesEveryNodeAndLeavesNoTrace() throws Exception {
        try (TestNode origin = node("mm-hub");
                TestNode hub = node("th-hub");
                TestNode relay = node("jp-relay");
                TestNode forum = node("ap-forum")) {
            List<TestNode> all = List.of(origin, hub, relay, forum);
            origin.adminPost("/admin/v1/protocol", "{\"version\":2}");
            hub.follow(origin);
            relay.follow(origin);
            forum.follow(relay);
            origin.adminPost("/admin/v1/organizations", ORG);
            origin.adminPost(
                    "/admin/v1/organizations",
                    FederationFixtures.org("other", "Other Network").toString());
            long before = origin.head(origin);
            for (TestNode n : all) {
                FederationFixtures.await(
                        Duration.ofSeconds(90), n.hub + " holds the record", () -> n.head(origin) == before);
                assertEquals(1, hits(n, WORD), n.hub.value());
                // The test can see the word where it is: in the file before the erasure.
                assertTrue(LeakProbes.fileText(n).contains(WORD.toLowerCase(Locale.ROOT)), n.hub.value());
            }

            JsonNode erased = origin.adminPost("/admin/v1/organizations/5d1e7c2a/erase", "{\"reason\":\"at risk\"}");
            long eraseSeq = erased.get("seq").longValue();
            assertEquals(1, erased.get("redacted").intValue());
            for (TestNode n : all) {
                FederationFixtures.await(
                        Duration.ofSeconds(90), n.hub + " holds the erase", () -> n.head(origin) >= eraseSeq);
            }
            // Every node acknowledged it to the origin with a receipt anyone can check (SPEC §6.11).
            FederationFixtures.await(
                    Duration.ofSeconds(90),
                    "every receipt",
                    () -> erasure(origin).get("acknowledged").intValue() == 3);
            JsonNode erasure = erasure(origin);
            assertEquals("erased on 3 of 3 nodes", erasure.get("summary").asText());
            List<String> acknowledged = new ArrayList<>();
            for (JsonNode r : erasure.get("receipts")) {
                ErasureReceipt receipt =
                        ErasureReceipt.parseVerified(r.get("receipt").toString().getBytes(StandardCharsets.UTF_8));
                assertEquals(erased.get("hash").asText(), receipt.erase());
                acknowledged.add(receipt.hub().value());
                // The origin holds the keys of the hubs that follow it, not of the forum behind the relay.
                assertEquals(
                        !receipt.hub().value().equals("ap-forum"),
                        r.get("key_known").booleanValue());
            }
            assertEquals(List.of("ap-forum", "jp-relay", "th-hub"), acknowledged);
            assertTrue(origin.admin.get("/metrics").body().contains("\ntsunagu_erasures_waiting 0.0\n"));
            for (TestNode n : all) {
                String where = n.hub.value();
                assertEquals(0, hits(n, WORD), where);
                assertEquals(0, LeakProbes.ftsTerms(n, "zanzorq"), where + " search index terms");
                // Database files, feeds, public and admin exports, a bundle and backups taken now.
                LeakProbes.assertNowhere(n, dir.resolve("scratch"), List.of(WORD));
                // The other record is still there, and the erased one's envelopes still chain and verify.
                assertEquals(1, hits(n, "Other"), where);
                LeakProbes.verify(n);
            }
        }
    }

    private static JsonNode erasure(TestNode origin) {
        return origin.admin.get("/admin/v1/erasures").json().get("items").get(0);
    }

    private static int hits(TestNode n, String q) {
        return n.admin
                .get("/v1/directory/organizations?q=" + q)
                .json()
                .get("items")
                .size();
    }
}
