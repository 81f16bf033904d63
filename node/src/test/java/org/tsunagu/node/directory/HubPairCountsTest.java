package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;

/**
 * The whole directory's network grouped by hub, as the writers keep it ({@link HubPairCounts}),
 * against the pass over every partnership's parties it replaced ({@link NetworkReader#fromParties}),
 * after every step of random histories over a few hubs, organisations and partnerships: organisations
 * created, edited, removed, brought back and erased; partnerships announced (public, re-announced
 * with other parties, sealed so that this node cannot read them), endorsed and retracted; origins
 * rolled back, blocked and unblocked. Parties include organisations never published and a hub this
 * node never hears from. Then the migration's backfill against the same pass.
 */
class HubPairCountsTest {
    private static final List<String> HUBS = List.of("jp-janic", "th-ngocoord", "ph-caucus");
    /** Named by parties, never published: its organisations are never live here. */
    private static final String GHOST = "kh-ghost";

    private static final OrganizationQuery EVERYTHING =
            new OrganizationQuery(null, null, null, null, null, 0, null, null);

    private enum Step {
        UPSERT,
        REMOVE,
        ERASE,
        ANNOUNCE,
        ANNOUNCE_SEALED,
        ENDORSE,
        RETRACT,
        ROLL_BACK,
        BLOCK,
        UNBLOCK
    }

    /** How often each step is drawn: the ones that take much out rarely, so the directory grows. */
    private static final List<Step> DRAWN = drawn(Map.of(
            Step.UPSERT, 5,
            Step.REMOVE, 1,
            Step.ERASE, 1,
            Step.ANNOUNCE, 5,
            Step.ANNOUNCE_SEALED, 1,
            Step.ENDORSE, 5,
            Step.RETRACT, 1,
            Step.ROLL_BACK, 1,
            Step.BLOCK, 1,
            Step.UNBLOCK, 1));

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void byHub_randomHistories_keptCountsEqualTheCountOverEveryPartnershipAfterEveryStep() {
        for (int seed = 1; seed <= 6; seed++) {
            History h = new History(seed, dir.resolve("seed-" + seed + ".db"));
            Map<Step, Integer> done = new EnumMap<>(Step.class);
            int moved = 0;
            Network before = network();
            for (int i = 0; i < 300; i++) {
                Step step = h.step();
                if (step != null) {
                    done.merge(step, 1, Integer::sum);
                }
                Network after = assertSameNetwork("seed " + seed + " step " + i + " " + step);
                moved += after.equals(before) ? 0 : 1;
                before = after;
            }
            assertTrue(done.keySet().containsAll(Set.of(Step.values())), "seed " + seed + " did only " + done);
            assertTrue(moved > 50, "seed " + seed + ": only " + moved + " steps changed the network");
            db.close();
            db = null;
        }
    }

    @Test
    void migration_databaseFromBeforeHubPairCounts_backfillsWhatTheCountOverEveryPartnershipGives() throws Exception {
        Path file = dir.resolve("upgrade.db");
        History h = new History(7, file);
        for (int i = 0; i < 300; i++) {
            h.step();
        }
        // And, for sure, parties left out at either end of a partnership's party order: removed, never held.
        Clock clock = Clock.fixed(TestHub.T0, ZoneOffset.UTC);
        Publisher mm = new Publisher(db, HubId.of("mm-hub"), TestHub.keyPair(11), clock);
        Publisher vn = new Publisher(db, HubId.of("vn-hub"), TestHub.keyPair(12), clock);
        for (String id : List.of("a", "b", "x")) {
            mm.publish(UpdateType.ORG_UPSERT, TestHub.org(id, "Org " + id, "MM"));
        }
        for (String id : List.of("c", "d")) {
            vn.publish(UpdateType.ORG_UPSERT, TestHub.org(id, "Org " + id, "VN"));
        }
        mm.publish(UpdateType.PARTNERSHIP_ANNOUNCE, parties("last-gone", "mm-hub/a", "mm-hub/b", "vn-hub/c"));
        mm.publish(UpdateType.PARTNERSHIP_ANNOUNCE, parties("first-gone", "mm-hub/x", "vn-hub/d"));
        mm.publish(UpdateType.PARTNERSHIP_ANNOUNCE, parties("never-held", "mm-hub/a", "vn-hub/never"));
        vn.publish(UpdateType.ORG_REMOVE, TestHub.json("{\"id\": \"c\"}"));
        mm.publish(UpdateType.ORG_REMOVE, TestHub.json("{\"id\": \"x\"}"));
        Map<String, Long> kept = db.read(c -> HubPairCounts.all(c));
        assertTrue(kept.size() > 4, "too few pairs to mean much: " + kept);
        assertEquals(1L, kept.get("mm-hub\nmm-hub\nannounced"));
        assertFalse(kept.containsKey("mm-hub\nvn-hub\nannounced"));
        // Back to the schema before V023, as a node of the previous release left it.
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE hub_pair_counts");
                s.execute("PRAGMA user_version = 22");
            }
            return null;
        });
        db.close();
        db = Database.open(file);
        assertEquals(kept, db.read(c -> HubPairCounts.all(c)));
        assertSameNetwork("after the backfill");
    }

    @Test
    void network_wholeDirectoryPastTheLimit_readsTheKeptCounts() {
        History h = new History(8, dir.resolve("service.db"));
        for (int i = 0; i < 100; i++) {
            h.step();
        }
        Network expected = network();
        assertFalse(expected.edges().isEmpty());
        assertEquals(
                expected.edges(),
                new DirectoryService(db).network(EVERYTHING, 1).edges());
        // Not from the pass: the kept counts are what the service answers with.
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE hub_pair_counts SET n = n + 1000 WHERE n > 0");
            }
            return null;
        });
        Network.Edge first =
                new DirectoryService(db).network(EVERYTHING, 1).edges().get(0);
        assertEquals(expected.edges().get(0).count() + 1000, first.count());
    }

    /** A partnership {@code id} between {@code organizations} (global ids), announced by the first one's hub. */
    private static ObjectNode parties(String id, String... organizations) {
        ObjectNode body = (ObjectNode)
                TestHub.json("{\"id\": \"" + id + "\", \"kind\": \"consortium\", \"title\": \"Work together\"}");
        ArrayNode parties = body.putArray("parties");
        for (String organization : organizations) {
            parties.addObject()
                    .put("organization", organization)
                    .put("hub", organization.substring(0, organization.indexOf('/')));
        }
        return body;
    }

    /** The network counted over every partnership, which the kept one must equal. */
    private Network assertSameNetwork(String when) {
        Network counted = network();
        assertEquals(counted, db.read(c -> NetworkReader.byHub(c, EVERYTHING, 1)), when);
        return counted;
    }

    private Network network() {
        return db.read(c -> NetworkReader.fromParties(c, SearchQuery.Match.EVERYTHING, 1));
    }

    private static List<Step> drawn(Map<Step, Integer> weights) {
        List<Step> out = new ArrayList<>();
        for (Step step : Step.values()) {
            for (int i = 0; i < weights.get(step); i++) {
                out.add(step);
            }
        }
        return out;
    }

    /** One random history on its own database, a step at a time. */
    private final class History {
        private final Random random;
        private final Map<String, Publisher> publishers = new LinkedHashMap<>();
        private final Map<String, EncryptionKeyId> encryptionKeys = new HashMap<>();
        private final Ingestor ingestor;
        private final Set<String> blocked = new HashSet<>();

        History(long seed, Path file) {
            random = new Random(seed);
            db = Database.open(file);
            new DirectoryService(db);
            Clock clock = Clock.fixed(TestHub.T0, ZoneOffset.UTC);
            for (int i = 0; i < HUBS.size(); i++) {
                publishers.put(HUBS.get(i), new Publisher(db, HubId.of(HUBS.get(i)), TestHub.keyPair(i + 1), clock));
            }
            SecureRandom keys = new SecureRandom();
            for (String hub : HUBS) {
                encryptionKeys.put(hub, EncryptionKeyPair.generate(keys).keyId());
            }
            encryptionKeys.put(GHOST, EncryptionKeyPair.generate(keys).keyId());
            ingestor = new Ingestor(db, clock, origin -> true);
        }

        /** One random step; null when the one drawn was not possible here (and nothing changed). */
        Step step() {
            Step step = DRAWN.get(random.nextInt(DRAWN.size()));
            String hub = HUBS.get(random.nextInt(HUBS.size()));
            if (blocked.contains(hub)) {
                step = Step.UNBLOCK; // its envelopes are refused meanwhile: it does nothing else
            }
            Publisher p = publishers.get(hub);
            String org = "o" + random.nextInt(6);
            try {
                switch (step) {
                    case UPSERT -> p.publish(UpdateType.ORG_UPSERT, TestHub.org(org, "Org " + org, "JP"));
                    case REMOVE -> p.publish(UpdateType.ORG_REMOVE, TestHub.json("{\"id\": \"" + org + "\"}"));
                    case ERASE -> p.erase(org, null);
                    case ANNOUNCE -> p.publish(UpdateType.PARTNERSHIP_ANNOUNCE, partnership(hub));
                    case ANNOUNCE_SEALED -> {
                        ObjectNode body = partnership(hub);
                        Map<HubId, EncryptionKeyId> audience = new HashMap<>();
                        body.get("parties")
                                .forEach(party -> audience.put(
                                        HubId.of(party.get("hub").asText()),
                                        encryptionKeys.get(party.get("hub").asText())));
                        // Sealed to the parties' hubs only: this node reads it by id (listed) or not at all.
                        p.publish(p.prepareSealed(
                                UpdateType.PARTNERSHIP_ANNOUNCE,
                                body,
                                new Publisher.Audience(random.nextBoolean(), audience)));
                    }
                    case ENDORSE, RETRACT -> {
                        String[] partnership = partnership();
                        if (partnership == null) {
                            return null;
                        }
                        String named = "{\"partnership\": \"" + partnership[0] + "\"";
                        p.publish(
                                step == Step.ENDORSE ? UpdateType.PARTNERSHIP_ENDORSE : UpdateType.PARTNERSHIP_RETRACT,
                                TestHub.json(
                                        step == Step.ENDORSE
                                                ? named + ", \"announcement\": \"" + partnership[1] + "\"}"
                                                : named + "}"));
                    }
                    case ROLL_BACK -> {
                        // The last few envelopes, as a halt resolved on the other branch takes back.
                        long head = head(hub);
                        ingestor.rollBack(HubId.of(hub), Math.max(0, head - 1 - random.nextInt(6)), false);
                    }
                    case BLOCK -> {
                        ingestor.block(HubId.of(hub), "test", false);
                        blocked.add(hub);
                    }
                    case UNBLOCK -> {
                        if (!ingestor.unblock(HubId.of(hub))) {
                            return null;
                        }
                        blocked.remove(hub);
                    }
                }
            } catch (ValidationException e) {
                return null; // e.g. removing what is not live, endorsing as a hub that is not a party
            }
            return step;
        }

        /**
         * A partnership announced by {@code hub} (ids drawn from a few, so later ones re-announce
         * earlier ones) between 2 to 4 organisations, one of them the hub's own: any of the hubs', live
         * or not, published or not, and now and then the ghost hub's.
         */
        private ObjectNode partnership(String hub) {
            Set<String> named = new LinkedHashSet<>();
            int count = 2 + random.nextInt(3);
            while (named.size() < count) {
                String partyHub =
                        named.isEmpty() ? hub : random.nextInt(8) == 0 ? GHOST : HUBS.get(random.nextInt(HUBS.size()));
                named.add(partyHub + "/o" + random.nextInt(7));
            }
            return parties("p" + random.nextInt(6), named.toArray(String[]::new));
        }

        /** A random partnership held: its global id and current announcement hash; null if none. */
        private String[] partnership() {
            List<String[]> held = db.read(c -> {
                List<String[]> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                                "SELECT origin || '/' || id, announcement FROM partnerships ORDER BY origin, id");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                return out;
            });
            return held.isEmpty() ? null : held.get(random.nextInt(held.size()));
        }

        private long head(String hub) {
            return db.read(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT coalesce(max(seq), 0) FROM log WHERE origin = ?")) {
                    ps.setString(1, hub);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
        }
    }
}
