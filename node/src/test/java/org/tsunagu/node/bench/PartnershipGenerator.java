package org.tsunagu.node.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Partnerships between the organisations {@link SearchBench} generates, loaded through each origin's
 * {@link Publisher} as the hubs would sign them: a {@code partnership.announce} by one party's hub,
 * then a {@code partnership.endorse} by every other party's hub for a confirmed one, by some of them
 * for a pending one. Same data, rows and seed: same partnerships.
 *
 * <p>Partners are drawn from organisations working in the same country in the same sector, mostly
 * abroad where the announcer works abroad (a field partner, a joint response: 85 in 100), three in
 * four from the same home country (national networks, most of them another hub's members), and some organisations and hubs far more often than others:
 * about 1.6 partnerships per organisation on average, most of them between two organisations, about
 * one in four a consortium of 3 to 11. So a search for one country's organisations working in one
 * place in one sector holds a community, as a forum's search would, not a random sample of the
 * graph.
 */
public final class PartnershipGenerator {
    /** Partnerships announced per organisation, before the organisation's and its hub's weight. */
    private static final double RATE = 0.2;

    private static final String[] PAIR_KINDS = {"mou", "implementing", "funding"};
    private static final String[] GROUP_KINDS = {"consortium", "joint_response", "network_membership"};

    private final List<OrgGenerator.Hub> hubs;
    private final int rows;
    private final Random random;
    /** (operating country, sector) → organisations; and the same per home country. */
    private final Map<Integer, IntList> bySector = new HashMap<>();

    private final Map<Long, IntList> byHome = new HashMap<>();
    private final Map<String, Integer> countries = new HashMap<>();
    private final Map<String, Integer> sectors = new HashMap<>();

    private PartnershipGenerator(List<OrgGenerator.Hub> hubs, int rows, long seed) {
        this.hubs = hubs;
        this.rows = rows;
        this.random = new Random(seed);
    }

    /** What {@link #load} did. */
    public record Loaded(long partnerships, long confirmed, long endorsements, long memberships) {}

    /**
     * Adds partnerships to a database {@link SearchBench#load} filled with {@code rows} organisations
     * across {@code origins}. Organisation {@code i} is {@code org-(i / origins)} of origin {@code i %
     * origins}, as the load wrote it.
     */
    public static Loaded load(Database db, int rows, int origins, long seed, int batch) {
        long start = System.nanoTime();
        PartnershipGenerator g = new PartnershipGenerator(OrgGenerator.hubs(origins), rows, seed);
        g.index();
        System.out.printf(
                "partnerships: indexed %,d organisations in %.0f s%n", rows, (System.nanoTime() - start) / 1e9);
        List<Publisher> publishers = new ArrayList<>();
        for (OrgGenerator.Hub h : g.hubs) {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) (h.index() + 1)); // SearchBench's keys: the same origins sign on
            publishers.add(new Publisher(db, HubId.of(h.id()), Ed25519KeyPair.fromSeed(key), Clock.systemUTC()));
        }
        long[] counts = new long[4];
        int[] next = {0};
        while (next[0] < rows) {
            int from = next[0];
            int end = Math.min(rows, from + batch);
            db.inTransaction(c -> {
                for (int i = from; i < end; i++) {
                    int announcer = i;
                    g.announce(
                            announcer,
                            (parties, group, place, sector) ->
                                    g.publish(announcer, parties, group, place, sector, publishers, counts));
                }
                return null;
            });
            next[0] = end;
            if (end % 100_000 == 0 || end == rows) {
                System.out.printf(
                        "partnerships: announcers up to %,d: %,d partnerships, %,d endorsements in %.0f s%n",
                        end, counts[0], counts[2], (System.nanoTime() - start) / 1e9);
            }
        }
        Loaded loaded = new Loaded(counts[0], counts[1], counts[2], counts[3]);
        System.out.printf(
                "PARTNERSHIPS: %,d (%,d confirmed), %,d endorsements, %.2f per organisation, in %.0f s%n",
                loaded.partnerships(),
                loaded.confirmed(),
                loaded.endorsements(),
                loaded.memberships() / (double) rows,
                (System.nanoTime() - start) / 1e9);
        return loaded;
    }

    /**
     * Adds partnerships ({@link #load}) to a database {@link SearchBench#load} filled without them, as
     * earlier versions of it did; one that holds partnerships is left as it is.
     *
     * @return whether it added any
     */
    public static boolean addIfNone(Database db, long seed) {
        long held = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM partnerships");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        if (held > 0) {
            System.out.printf("partnerships: %,d already in the database%n", held);
            return false;
        }
        int[] shape = shape(db);
        load(db, shape[0], shape[1], seed, 1000);
        return true;
    }

    /** Rows and origins of a database {@link SearchBench#load} filled; checks the origins are its. */
    static int[] shape(Database db) {
        Map<String, Long> perOrigin = db.read(c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT origin, count(*) FROM organizations GROUP BY origin");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
        int origins = perOrigin.size();
        long rows = perOrigin.values().stream().mapToLong(Long::longValue).sum();
        for (OrgGenerator.Hub h : OrgGenerator.hubs(origins)) {
            long expected = (rows - h.index() + origins - 1) / origins;
            if (perOrigin.getOrDefault(h.id(), -1L) != expected) {
                throw new IllegalStateException("not a database SearchBench generated: " + h.id() + " holds "
                        + perOrigin.get(h.id()) + ", expected " + expected);
            }
        }
        return new int[] {Math.toIntExact(rows), origins};
    }

    private void index() {
        for (int i = 0; i < rows; i++) {
            OrgGenerator.Hub hub = hubs.get(i % hubs.size());
            ObjectNode o = OrgGenerator.organization(hub, i / hubs.size());
            int home = country(hub.country());
            for (JsonNode where : o.get("countries_of_operation")) {
                int place = country(where.asText());
                for (JsonNode s : o.get("sectors")) {
                    int key = place * 1000 + sector(s.asText());
                    bySector.computeIfAbsent(key, k -> new IntList()).add(i);
                    byHome.computeIfAbsent((long) home * 1_000_000 + key, k -> new IntList())
                            .add(i);
                }
            }
        }
    }

    /** Where {@link #announce} sends a partnership it drew: the announcer is the first party. */
    interface Sink {
        void partnership(Set<Integer> parties, boolean group, String place, String sector);
    }

    /** The partnerships {@code rows} organisations across {@code origins} get, without a database. */
    static void plan(int rows, int origins, long seed, Sink sink) {
        PartnershipGenerator g = new PartnershipGenerator(OrgGenerator.hubs(origins), rows, seed);
        g.index();
        for (int i = 0; i < rows; i++) {
            g.announce(i, sink);
        }
    }

    private void announce(int announcer, Sink sink) {
        int h = announcer % hubs.size();
        OrgGenerator.Hub hub = hubs.get(h);
        double rate = RATE * weight(announcer) * (h % 5 == 0 ? 3 : 1);
        for (int n = poisson(rate); n > 0; n--) {
            ObjectNode org = OrgGenerator.organization(hub, announcer / hubs.size());
            List<String> abroad = new ArrayList<>();
            org.get("countries_of_operation").forEach(c -> {
                if (!c.asText().equals(hub.country())) {
                    abroad.add(c.asText());
                }
            });
            String place = !abroad.isEmpty() && random.nextDouble() < 0.85
                    ? abroad.get(random.nextInt(abroad.size()))
                    : hub.country();
            JsonNode sectorsOf = org.get("sectors");
            String sector = sectorsOf.get(random.nextInt(sectorsOf.size())).asText();
            int key = country(place) * 1000 + sector(sector);
            IntList national = byHome.get((long) country(hub.country()) * 1_000_000 + key);
            IntList everyone = bySector.get(key);
            boolean group = random.nextDouble() < 0.25;
            int wanted = group ? 2 + random.nextInt(9) : 1;
            Set<Integer> parties = new LinkedHashSet<>();
            parties.add(announcer);
            for (int tries = 0; parties.size() <= wanted && tries < wanted * 4; tries++) {
                parties.add(partner(random.nextDouble() < 0.75 ? national : everyone));
            }
            if (parties.size() < 2) {
                continue;
            }
            sink.partnership(parties, group, place, sector);
        }
    }

    private void publish(
            int announcer,
            Set<Integer> parties,
            boolean group,
            String place,
            String sector,
            List<Publisher> publishers,
            long[] counts) {
        OrgGenerator.Hub hub = hubs.get(announcer % hubs.size());
        String kind =
                group ? GROUP_KINDS[random.nextInt(GROUP_KINDS.length)] : PAIR_KINDS[random.nextInt(PAIR_KINDS.length)];
        String id = "p-" + counts[0];
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", id);
        body.put("kind", kind);
        body.put("title", kind.replace('_', ' ') + " in " + place + " (" + sector + ") " + counts[0]);
        body.putArray("sectors").add(sector);
        body.putArray("countries").add(place);
        ArrayNode listed = body.putArray("parties");
        Set<Integer> otherHubs = new LinkedHashSet<>();
        for (int p : parties) {
            OrgGenerator.Hub of = hubs.get(p % hubs.size());
            listed.addObject()
                    .put("organization", of.id() + "/org-" + (p / hubs.size()))
                    .put("hub", of.id());
            if (of.index() != hub.index()) {
                otherHubs.add(of.index());
            }
        }
        Envelope announced = publishers.get(hub.index()).publish(UpdateType.PARTNERSHIP_ANNOUNCE, body);
        // Four in five confirmed: every other party's hub co-signs; else some of them, not all, yet.
        boolean confirmed = otherHubs.isEmpty() || random.nextDouble() < 0.8;
        List<Integer> endorsing = new ArrayList<>();
        for (int other : otherHubs) {
            if (confirmed || random.nextBoolean()) {
                endorsing.add(other);
            }
        }
        if (!confirmed && endorsing.size() == otherHubs.size()) {
            endorsing.remove(endorsing.size() - 1);
        }
        ObjectNode endorsement = JsonNodeFactory.instance.objectNode();
        endorsement.put("partnership", hub.id() + "/" + id).put("announcement", announced.hash());
        for (int other : endorsing) {
            publishers.get(other).publish(UpdateType.PARTNERSHIP_ENDORSE, endorsement);
        }
        counts[0]++;
        counts[1] += confirmed ? 1 : 0;
        counts[2] += endorsing.size();
        counts[3] += parties.size();
    }

    /** A member of {@code among}, the more active ones more often. */
    private int partner(IntList among) {
        int candidate = among.get(random.nextInt(among.size()));
        for (int tries = 0; tries < 30 && random.nextInt(12) >= weight(candidate); tries++) {
            candidate = among.get(random.nextInt(among.size()));
        }
        return candidate;
    }

    /** How active an organisation is: most 1, 15 in 100 3, 5 in 100 12 (fixed by its number). */
    private static int weight(int organisation) {
        int h = Integer.remainderUnsigned(organisation * 0x9E3779B1, 100);
        return h < 5 ? 12 : h < 20 ? 3 : 1;
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double p = random.nextDouble();
        int n = 0;
        while (p > limit) {
            p *= random.nextDouble();
            n++;
        }
        return n;
    }

    private int country(String code) {
        return countries.computeIfAbsent(code, k -> countries.size());
    }

    private int sector(String code) {
        return sectors.computeIfAbsent(code, k -> sectors.size());
    }

    /** A growable int array: a million organisations in a few buckets each, without boxing. */
    private static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }
    }
}
