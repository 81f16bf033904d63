package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;

/**
 * Sealed partnerships (SPEC §6.5, §6.10) on three real nodes over loopback: mm-hub announces a
 * partnership between its organisation and th-hub's, sealed to th-hub (listed), and another one
 * unlisted. th-hub reads the parties and endorses, so both hubs see it confirmed. ap-forum, which follows
 * both and is no recipient, stores and relays the envelopes, but its database file, directory and
 * network endpoints, feeds, exports and bundle hold none of the sealed text: the listed partnership is
 * there by id and kind only, joined to no organisation or hub, "announced" whatever was endorsed; the
 * unlisted one is not there at all.
 */
class SealedPartnershipTest {
    /** Sealed words: distinctive enough that no other byte sequence of a node spells them. */
    private static final String TITLE_WORD = "Zarquellin";

    private static final String DETAIL = "Mivrathorne";

    /** Party organisations' global ids: the sealed fact of who partners with whom. */
    private static final String MM_ORG = "mm-hub/kayin-trelvo";

    private static final String TH_ORG = "th-hub/maesot-quiblor";

    private static final String PARTIES =
            "\"parties\":[{\"organization\":\"" + MM_ORG + "\"},{\"organization\":\"" + TH_ORG + "\",\"role\":\"4\"}]";

    private static final String LISTED = "{\"id\":\"p-border\",\"kind\":\"joint_response\",\"title\":\"" + TITLE_WORD
            + " joint response\",\"description\":\"" + DETAIL + " referrals across the border\"," + PARTIES
            + ",\"audience\":{\"kind\":\"listed\",\"hubs\":[\"th-hub\"]}}";

    private static final String UNLISTED = "{\"id\":\"p-hidden\",\"kind\":\"mou\",\"title\":\"" + TITLE_WORD
            + " understanding\"," + PARTIES + ",\"audience\":{\"kind\":\"unlisted\",\"hubs\":[\"th-hub\"]}}";

    @TempDir
    Path dir;

    @Test
    void sealedPartnership_partyHubReadsAndConfirms_forumHoldsNoTrace() throws Exception {
        try (TestNode mm = TestNode.start(dir.resolve("mm"), "mm-hub");
                TestNode th = TestNode.start(dir.resolve("th"), "th-hub");
                TestNode forum = TestNode.start(dir.resolve("forum"), "ap-forum")) {
            mm.adminPost("/admin/v1/protocol", "{\"version\":2}");
            th.adminPost("/admin/v1/protocol", "{\"version\":2}");
            mm.follow(th);
            th.follow(mm);
            forum.follow(mm);
            forum.follow(th);
            mm.adminPost("/admin/v1/organizations", "{\"id\":\"kayin-trelvo\",\"name\":\"Kayin\",\"country\":\"MM\"}");
            th.adminPost(
                    "/admin/v1/organizations", "{\"id\":\"maesot-quiblor\",\"name\":\"Clinic\",\"country\":\"TH\"}");
            // mm-hub seals to the key in th-hub's latest profile: wait until it holds th-hub's log.
            awaitHeads(List.of(mm, forum), th);

            // Refused before anything is signed: a party's hub left out, a named hub with no encryption key.
            TestClient.Reply left = mm.admin.postJson(
                    "/admin/v1/partnerships", LISTED.replace("\"hubs\":[\"th-hub\"]", "\"hubs\":[\"mm-hub\"]"));
            assertEquals(422, left.status(), left.body());
            assertTrue(left.header("Content-Type").startsWith("application/problem+json"), left.body());
            assertTrue(left.body().contains("\"$.audience.hubs\""), left.body());
            assertTrue(left.body().contains("th-hub, the hub of $.parties[1]"), left.body());
            TestClient.Reply keyless = mm.admin.postJson(
                    "/admin/v1/partnerships",
                    LISTED.replace("\"hubs\":[\"th-hub\"]", "\"hubs\":[\"th-hub\",\"ap-forum\"]"));
            assertEquals(422, keyless.status(), keyless.body());
            assertTrue(keyless.body().contains("$.audience.hubs[1]"), keyless.body());
            long beforeSealed = mm.head(mm);

            JsonNode announced = mm.adminPost("/admin/v1/partnerships", LISTED);
            assertEquals(
                    "mm-hub/p-border", announced.get("write").get("global_id").asText());
            mm.adminPost("/admin/v1/partnerships", UNLISTED);
            assertEquals(beforeSealed + 2, mm.head(mm), "nothing was signed for the refused writes");
            awaitHeads(List.of(th, forum), mm);

            // The party hub reads the whole announcement and endorses it: confirmed on both hubs.
            JsonNode opened = partnership(th, "mm-hub/p-border").json();
            assertTrue(opened.get("sealed").get("opened").booleanValue(), opened.toString());
            assertEquals(
                    TITLE_WORD + " joint response",
                    opened.get("record").get("title").asText());
            assertEquals(List.of(MM_ORG, TH_ORG), texts(opened.get("record").get("parties"), "organization"));
            assertEquals(
                    2,
                    listing(th, "organization=" + TH_ORG + "&status=announced").size());
            th.adminPost("/admin/v1/partnerships/mm-hub/p-border/endorse", "");
            for (TestNode n : List.of(th, mm)) {
                FederationFixtures.await(
                        Duration.ofSeconds(90),
                        "confirmed on " + n.hub,
                        () -> "confirmed".equals(status(n, "mm-hub/p-border")));
            }
            assertEquals(
                    List.of("mm-hub", "th-hub"),
                    texts(partnership(mm, "mm-hub/p-border").json().get("endorsed_by"), null));
            assertEquals(2, listing(th, "hub=th-hub").size(), "both partnerships, opened, name th-hub's organisation");
            JsonNode edges = th.admin.get("/v1/directory/network").json().get("edges");
            assertEquals(2, edges.size(), edges.toString());
            assertTrue(edges.toString().contains(TITLE_WORD + " joint response"), "titled as opened: " + edges);

            // The forum holds every envelope, and the endorsement too.
            awaitHeads(List.of(forum), th);
            assertTrue(feed(forum).contains("\"sealed\":{\"ct\":"), "relayed as signed");
            // Listed: by id and kind, with the notice; its status counts no endorsement (its parties are sealed).
            JsonNode listed = partnership(forum, "mm-hub/p-border").json();
            assertEquals(List.of("id", "kind"), names(listed.get("record")), listed.toString());
            assertEquals("joint_response", listed.get("record").get("kind").asText());
            assertEquals(
                    "details shared with named hubs only",
                    listed.get("sealed").get("notice").asText());
            assertFalse(listed.get("sealed").get("opened").booleanValue());
            assertEquals("announced", listed.get("status").asText());
            assertEquals(List.of("mm-hub"), texts(listed.get("endorsed_by"), null));
            assertEquals(1, listing(forum, "").size(), "the listed one only");
            assertEquals(0, listing(forum, "status=confirmed").size());
            for (String filter :
                    List.of("organization=" + TH_ORG, "organization=" + MM_ORG, "hub=th-hub", "hub=mm-hub")) {
                assertEquals(0, listing(forum, filter).size(), filter);
            }
            // Unlisted: not there at all.
            TestClient.Reply hidden = partnership(forum, "mm-hub/p-hidden");
            assertEquals(404, hidden.status(), hidden.body());
            assertFalse(hidden.body().contains(TITLE_WORD), hidden.body());
            // No edge of the network joins the two organisations.
            JsonNode network = forum.admin.get("/v1/directory/network").json();
            assertEquals(0, network.get("edges").size(), network.toString());

            List<String> secrets = List.of(TITLE_WORD, DETAIL, MM_ORG, TH_ORG, "referrals", "understanding");
            String files = LeakProbes.fileText(forum);
            for (String secret : secrets) {
                assertFalse(files.contains(secret.toLowerCase(Locale.ROOT)), "ap-forum's database holds " + secret);
            }
            List<String> published = new ArrayList<>(LeakProbes.feeds(forum));
            published.add(LeakProbes.bundle(forum));
            for (String path : LeakProbes.PUBLIC_EXPORTS) {
                published.add(LeakProbes.get(forum, path));
            }
            for (String path : LeakProbes.ADMIN_EXPORTS) {
                published.add(LeakProbes.get(forum, path));
            }
            published.add(
                    forum.admin.get("/v1/directory/partnerships?limit=100").body());
            for (String text : published) {
                for (String secret : List.of(TITLE_WORD, DETAIL, "referrals", "understanding")) {
                    assertFalse(text.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)), secret);
                }
            }
            // The party hub keeps the opened announcement, and never re-publishes it in clear.
            assertTrue(LeakProbes.fileText(th).contains(TITLE_WORD.toLowerCase(Locale.ROOT)));
            for (String text : LeakProbes.feeds(th)) {
                assertFalse(text.contains(TITLE_WORD), "th-hub's feeds");
            }
            // A re-announcement that forgets the audience is refused, not published in clear.
            long head = mm.head(mm);
            String plain = LISTED.substring(0, LISTED.indexOf(",\"audience\"")) + "}";
            TestClient.Reply forgot = mm.admin.putJson("/admin/v1/partnerships/p-border", plain);
            assertEquals(422, forgot.status(), forgot.body());
            assertTrue(forgot.body().contains("\"$.audience\""), forgot.body());
            assertEquals(head, mm.head(mm));
            for (TestNode n : List.of(th, forum)) {
                LeakProbes.verify(n);
            }
        }
    }

    private static void awaitHeads(List<TestNode> readers, TestNode origin) {
        long head = origin.head(origin);
        for (TestNode n : readers) {
            FederationFixtures.await(
                    Duration.ofSeconds(90), n.hub + " holds " + origin.hub, () -> n.head(origin) >= head);
        }
    }

    private static TestClient.Reply partnership(TestNode n, String globalId) {
        return n.admin.get("/v1/directory/partnerships/" + globalId);
    }

    private static String status(TestNode n, String globalId) {
        TestClient.Reply r = partnership(n, globalId);
        return r.status() == 200 ? r.json().get("status").asText() : "absent";
    }

    private static JsonNode listing(TestNode n, String query) {
        TestClient.Reply r = n.admin.get("/v1/directory/partnerships?" + query);
        assertEquals(200, r.status(), r.body());
        return r.json().get("items");
    }

    private static String feed(TestNode n) {
        return String.join("\n", LeakProbes.feeds(n));
    }

    private static List<String> texts(JsonNode array, String member) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(member == null ? v.asText() : v.get(member).asText()));
        return out;
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        o.fieldNames().forEachRemaining(out::add);
        out.sort(null);
        return out;
    }
}
