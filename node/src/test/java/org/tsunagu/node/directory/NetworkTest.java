package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

/** The partnership network of a search, one by one and grouped by hub past the limit. */
class NetworkTest {
    @TempDir
    Path dir;

    private Database db;
    private DirectoryService directory;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("tsunagu.db"));
        Clock clock = Clock.fixed(TestHub.T0, ZoneOffset.UTC);
        Publisher jp = new Publisher(db, HubId.of("jp-janic"), TestHub.keyPair(1), clock);
        Publisher th = new Publisher(db, HubId.of("th-ngocoord"), TestHub.keyPair(2), clock);
        jp.publish(UpdateType.ORG_UPSERT, TestHub.org("j1", "Japan One", "JP"));
        ObjectNode j2 = TestHub.org("j2", "Japan Two", "JP");
        j2.putArray("countries_of_operation").add("MM");
        jp.publish(UpdateType.ORG_UPSERT, j2);
        th.publish(UpdateType.ORG_UPSERT, TestHub.org("t1", "Thai One", "TH"));
        th.publish(UpdateType.ORG_UPSERT, TestHub.org("t2", "Yangon One", "MM"));
        Envelope cross =
                jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, partnership("cross", "jp-janic/j1", "th-ngocoord/t1"));
        th.publish(
                UpdateType.PARTNERSHIP_ENDORSE,
                TestHub.json("{\"partnership\": \"jp-janic/cross\", \"announcement\": \"" + cross.hash() + "\"}"));
        jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, partnership("home", "jp-janic/j1", "jp-janic/j2"));
        jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, partnership("asked", "jp-janic/j2", "th-ngocoord/t2"));
        jp.publish(UpdateType.PARTNERSHIP_ANNOUNCE, partnership("gone", "jp-janic/j2", "th-ngocoord/t1"));
        jp.publish(UpdateType.PARTNERSHIP_RETRACT, TestHub.json("{\"partnership\": \"jp-janic/gone\"}"));
        directory = new DirectoryService(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static ObjectNode partnership(String id, String a, String b) {
        return (ObjectNode) TestHub.json("{\"id\": \"" + id + "\", \"kind\": \"mou\", \"title\": \"T " + id + "\","
                + " \"parties\": [{\"organization\": \"" + a + "\", \"hub\": \"" + a.substring(0, a.indexOf('/'))
                + "\"}, {\"organization\": \"" + b + "\", \"hub\": \"" + b.substring(0, b.indexOf('/')) + "\"}]}");
    }

    private static OrganizationQuery where(String country, String operatesIn) {
        return new OrganizationQuery(null, country, null, null, null, 0, null, operatesIn);
    }

    private static Set<String> edges(Network n) {
        return n.edges().stream()
                .map(e -> e.from() + "-" + e.to() + ":" + e.status() + (e.count() == null ? "" : "x" + e.count()))
                .collect(Collectors.toSet());
    }

    @Test
    void network_underTheLimit_organisationsAndTheirLivePartnerships() {
        Network all = directory.network(where(null, null), 10);
        assertEquals(Network.ORGANIZATION, all.groupedBy());
        assertEquals(4, all.nodes().size());
        assertEquals(
                Set.of(
                        "jp-janic/j1-th-ngocoord/t1:confirmed",
                        "jp-janic/j1-jp-janic/j2:confirmed",
                        "jp-janic/j2-th-ngocoord/t2:announced"),
                edges(all),
                "the retracted one is gone");
        Network.Edge cross = all.edges().stream()
                .filter(e -> "jp-janic/cross".equals(e.partnership()))
                .findFirst()
                .orElseThrow();
        assertEquals("jp-janic", cross.hub());
        assertEquals("T cross", cross.title());

        Network japan = directory.network(where("JP", null), 10);
        assertEquals(Set.of("jp-janic/j1-jp-janic/j2:confirmed"), edges(japan), "both parties in the search");

        Network myanmar = directory.network(where(null, "MM"), 10);
        assertEquals(
                Set.of("jp-janic/j2", "th-ngocoord/t2"),
                myanmar.nodes().stream().map(Network.Node::id).collect(Collectors.toSet()));
        assertEquals(Set.of("jp-janic/j2-th-ngocoord/t2:announced"), edges(myanmar));
    }

    @Test
    void network_overTheLimit_partnershipsCountedPerPairOfHubs() {
        Network all = directory.network(where(null, null), 2);
        assertEquals(Network.HUB, all.groupedBy());
        assertEquals(
                Set.of(
                        "jp-janic-th-ngocoord:confirmedx1",
                        "jp-janic-jp-janic:confirmedx1",
                        "jp-janic-th-ngocoord:announcedx1"),
                edges(all));
        Network japan = directory.network(where("JP", null), 1);
        assertEquals(Network.HUB, japan.groupedBy());
        assertEquals(Set.of("jp-janic-jp-janic:confirmedx1"), edges(japan), "parties outside the search left out");
    }
}
