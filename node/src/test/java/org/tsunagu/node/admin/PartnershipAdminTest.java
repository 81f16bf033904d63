package org.tsunagu.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

class PartnershipAdminTest {
    @TempDir
    Path dir;

    private TestNode node;
    private TestHub thai;
    private Envelope thaiAnnouncement;

    @BeforeEach
    void start() {
        node = TestNode.start(dir, "jp-janic", "JP");
        for (String id : List.of("pwj", "shapla")) {
            assertEquals(
                    201,
                    node.admin
                            .postJson(
                                    "/admin/v1/organizations",
                                    "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"country\":\"JP\"}")
                            .status());
        }
        // A Thai hub whose log reaches this node: its profile, one organisation, one partnership with pwj.
        thai = new TestHub("th-ngocoord", 7);
        Envelope profile = thai.profile();
        Envelope org = thai.next(
                UpdateType.ORG_UPSERT, TestHub.json("{\"id\":\"relief\",\"name\":\"Relief\",\"country\":\"TH\"}"));
        thaiAnnouncement =
                thai.next(UpdateType.PARTNERSHIP_ANNOUNCE, TestHub.json(announce("border", "th-ngocoord/relief")));
        var report = new Ingestor(node.node.database(), Clock.systemUTC(), hub -> true)
                .ingest(List.of(profile, org, thaiAnnouncement));
        assertTrue(report.clean(), report.toString());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static String announce(String id, String other) {
        return "{\"id\":\"" + id + "\",\"kind\":\"joint_response\",\"title\":\"Border response\",\"parties\":["
                + "{\"organization\":\"" + other + "\"," + "\"hub\":\"" + other.substring(0, other.indexOf('/'))
                + "\"},{\"organization\":\"jp-janic/pwj\",\"hub\":\"jp-janic\"}]}";
    }

    private JsonNode partnership(String origin, String id) {
        TestClient.Reply reply = node.anyone.get("/v1/directory/partnerships/" + origin + "/" + id);
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void announce_allPartiesLocal_confirmedAtOnce() {
        String body = "{\"id\":\"local\",\"kind\":\"consortium\",\"title\":\"Local consortium\",\"parties\":["
                + "{\"organization\":\"jp-janic/pwj\"},{\"organization\":\"jp-janic/shapla\"}]}";
        TestClient.Reply reply = node.admin.postJson("/admin/v1/partnerships", body);
        assertEquals(201, reply.status(), reply.body());
        assertTrue(reply.header("Location").endsWith("/v1/directory/partnerships/jp-janic/local"));
        assertEquals("confirmed", reply.json().get("partnership").get("status").asText());
        assertEquals(
                "partnership.announce", reply.json().get("write").get("type").asText());
        JsonNode confirmed =
                node.anyone.get("/v1/directory/partnerships?status=confirmed").json();
        assertEquals(
                "jp-janic/local", confirmed.get("items").get(0).get("global_id").asText());
    }

    @Test
    void announce_crossBorder_announcedUntilOtherHubEndorses() {
        TestClient.Reply reply = node.admin.postJson("/admin/v1/partnerships", announce("flood", "th-ngocoord/relief"));
        assertEquals(201, reply.status(), reply.body());
        assertEquals("announced", reply.json().get("partnership").get("status").asText());
        assertEquals(
                409,
                node.admin
                        .postJson("/admin/v1/partnerships", announce("flood", "th-ngocoord/relief"))
                        .status());
    }

    @Test
    void endorse_otherHubsAnnouncement_confirmsItOnce() {
        TestClient.Reply reply = node.admin.postJson("/admin/v1/partnerships/th-ngocoord/border/endorse", "");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(
                "partnership.endorse", reply.json().get("write").get("type").asText());
        assertEquals(
                "th-ngocoord/border", reply.json().get("write").get("global_id").asText());
        assertEquals(
                "confirmed", partnership("th-ngocoord", "border").get("status").asText());
        Envelope endorsement = node.node
                .log()
                .envelope(node.hub(), reply.json().get("write").get("seq").longValue())
                .orElseThrow();
        assertEquals(
                thaiAnnouncement.hash(), endorsement.body().get("announcement").asText());

        TestClient.Reply again = node.admin.postJson("/admin/v1/partnerships/th-ngocoord/border/endorse", "{}");
        assertEquals(200, again.status());
        assertTrue(again.json().get("write").isNull(), "nothing new is signed");
    }

    @Test
    void endorse_unknownOrNotAParty_refused() {
        assertEquals(
                404,
                node.admin
                        .postJson("/admin/v1/partnerships/th-ngocoord/none/endorse", "")
                        .status());
        Envelope other = thai.next(
                UpdateType.PARTNERSHIP_ANNOUNCE,
                TestHub.json("{\"id\":\"solo\",\"kind\":\"other\",\"title\":\"t\",\"parties\":["
                        + "{\"organization\":\"th-ngocoord/relief\",\"hub\":\"th-ngocoord\"},"
                        + "{\"organization\":\"th-ngocoord/other\",\"hub\":\"th-ngocoord\"}]}"));
        new Ingestor(node.node.database(), Clock.systemUTC(), hub -> true).ingest(List.of(other));
        assertEquals(
                409,
                node.admin
                        .postJson("/admin/v1/partnerships/th-ngocoord/solo/endorse", "")
                        .status());
        assertEquals(
                422,
                node.admin
                        .postJson("/admin/v1/partnerships/th-ngocoord/border/endorse", "{\"please\":true}")
                        .status());
    }

    @Test
    void retract_party_retractedAndIdempotent() {
        TestClient.Reply reply = node.admin.postJson(
                "/admin/v1/partnerships/th-ngocoord/border/retract", "{\"reason\":\"programme ended\"}");
        assertEquals(200, reply.status(), reply.body());
        assertEquals(
                "partnership.retract", reply.json().get("write").get("type").asText());
        assertEquals(
                "retracted", partnership("th-ngocoord", "border").get("status").asText());
        TestClient.Reply again = node.admin.postJson("/admin/v1/partnerships/th-ngocoord/border/retract", "");
        assertTrue(again.json().get("write").isNull());
        assertEquals(
                409,
                node.admin
                        .postJson("/admin/v1/partnerships/th-ngocoord/border/endorse", "")
                        .status());
    }

    @Test
    void directoryPartnerships_organizationRepeated_partnershipsOfAnyOfThem_badOneNamedByIndex() {
        String local = "{\"id\":\"local\",\"kind\":\"consortium\",\"title\":\"Local consortium\",\"parties\":["
                + "{\"organization\":\"jp-janic/pwj\"},{\"organization\":\"jp-janic/shapla\"}]}";
        assertEquals(201, node.admin.postJson("/admin/v1/partnerships", local).status());
        assertEquals(
                201,
                node.admin
                        .postJson("/admin/v1/partnerships", announce("flood", "th-ngocoord/relief"))
                        .status());

        JsonNode both = node.anyone
                .get("/v1/directory/partnerships?organization=jp-janic/shapla&organization=th-ngocoord/relief")
                .json();
        List<String> ids = new java.util.ArrayList<>();
        both.get("items").forEach(item -> ids.add(item.get("global_id").asText()));
        // The same as asking for each organisation apart, each partnership once, in (origin, id) order.
        java.util.TreeSet<String> apart = new java.util.TreeSet<>();
        for (String org : List.of("jp-janic/shapla", "th-ngocoord/relief")) {
            node.anyone
                    .get("/v1/directory/partnerships?organization=" + org)
                    .json()
                    .get("items")
                    .forEach(item -> apart.add(item.get("global_id").asText()));
        }
        assertTrue(apart.containsAll(List.of("jp-janic/flood", "jp-janic/local")), apart.toString());
        assertEquals(List.copyOf(apart), ids);
        assertEquals(apart.size(), both.get("total").asInt());

        TestClient.Reply bad =
                node.anyone.get("/v1/directory/partnerships?organization=jp-janic/pwj&organization=nope");
        assertEquals(400, bad.status(), bad.body());
        assertEquals(
                "organization[1]", bad.json().get("errors").get(0).get("path").asText(), bad.body());
    }
}
