package org.tsunagu.node.federation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.ErasureReceipt;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Erasure receipts (SPEC §6.11, issue 13): this node signs one for every {@code org.erase} of another
 * origin it applies and sends it to that origin (a few tries, in the background); as an origin it keeps
 * the receipts for its own erases (table {@code erasure_receipts}, V011) and tells its admin which
 * nodes acknowledged and which it still waits for.
 */
final class ErasureReceipts implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureReceipts.class);
    /** Delays before each try: the origin may be restarting, or briefly unreachable. */
    private static final List<Duration> TRIES =
            List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(5));
    /** A stranger cannot grow the table without bound: one row per hub, at most this many per erase. */
    static final int MAX_PER_ERASE = 1000;

    private final HubId self;
    private final Database db;
    private final KeyRing keys;
    private final PeerClient client;
    private final Supplier<Ed25519KeyPair> signer;
    private final SubscriberStore subscribers;
    private final Clock clock;
    private final ScheduledExecutorService sender =
            Executors.newSingleThreadScheduledExecutor(Puller.daemon("tsunagu-receipts"));

    ErasureReceipts(
            HubId self,
            Database db,
            KeyRing keys,
            PeerClient client,
            Supplier<Ed25519KeyPair> signer,
            SubscriberStore subscribers,
            Clock clock) {
        this.self = self;
        this.db = db;
        this.keys = keys;
        this.client = client;
        this.signer = signer;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    /** This node applied {@code erase} of another origin: sign a receipt and send it to the origin. */
    void applied(Envelope erase) {
        if (erase.type() != UpdateType.ORG_ERASE || erase.origin().equals(self)) {
            return;
        }
        ErasureReceipt receipt = ErasureReceipt.sign(erase, self, clock.instant(), signer.get());
        schedule(erase.origin(), receipt.canonicalJson(), 0);
    }

    private void schedule(HubId origin, String receipt, int attempt) {
        try {
            sender.schedule(
                    () -> send(origin, receipt, attempt), TRIES.get(attempt).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // shutting down: the origin sees this node as waiting, which is what it is
        }
    }

    private void send(HubId origin, String receipt, int attempt) {
        Optional<String> url = originUrl(origin);
        try {
            if (url.isEmpty()) {
                throw new PeerException("no URL is known for " + origin, 0);
            }
            client.sendReceipt(url.get(), receipt);
        } catch (RuntimeException e) {
            if (attempt + 1 < TRIES.size()) {
                schedule(origin, receipt, attempt + 1);
            } else {
                LOG.warn("erasure receipt for {} not delivered: {}", origin, e.getMessage());
            }
        }
    }

    /** The URL in the origin's latest profile (how a forum behind a relay reaches it). */
    private Optional<String> originUrl(HubId origin) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT url FROM hubs WHERE hub = ?")) {
                ps.setString(1, origin.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /**
     * Keeps a receipt sent to this node, which must be the erase's origin.
     *
     * @throws FederationException 422 when it is not about an erase in this hub's log, 409 when the
     *     erase has {@value #MAX_PER_ERASE} receipts already
     */
    void receive(ErasureReceipt r) {
        if (!r.origin().equals(self)) {
            throw new FederationException(422, "a receipt goes to the erase's origin, " + r.origin());
        }
        if (r.hub().equals(self)) {
            throw new FederationException(422, "this hub does not acknowledge its own erase");
        }
        boolean known = keys.currentKey(r.hub()).map(k -> k.equals(r.key())).orElse(false);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT type, hash FROM log WHERE origin = ? AND seq = ?")) {
                ps.setString(1, self.value());
                ps.setLong(2, r.seq());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !UpdateType.ORG_ERASE.wire().equals(rs.getString(1))) {
                        throw new FederationException(422, "seq " + r.seq() + " of " + self + " is not an org.erase");
                    }
                    if (!rs.getString(2).equals(r.erase())) {
                        throw new FederationException(422, "erase names another envelope than seq " + r.seq());
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(*) FROM erasure_receipts WHERE erase_seq = ? AND hub <> ?")) {
                ps.setLong(1, r.seq());
                ps.setString(2, r.hub().value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) >= MAX_PER_ERASE) {
                        throw new FederationException(409, "this erase has " + MAX_PER_ERASE + " receipts already");
                    }
                }
            }
            // A receipt by the hub's known key replaces one taken on trust, never the other way round.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO erasure_receipts"
                    + " (erase_seq, hub, key, key_known, receipt, received_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (erase_seq, hub) DO UPDATE SET key = excluded.key, key_known = excluded.key_known,"
                    + " receipt = excluded.receipt, received_at = excluded.received_at"
                    + " WHERE excluded.key_known >= erasure_receipts.key_known")) {
                ps.setLong(1, r.seq());
                ps.setString(2, r.hub().value());
                ps.setString(3, r.key().value());
                ps.setInt(4, known ? 1 : 0);
                ps.setString(5, r.canonicalJson());
                ps.setString(6, clock.instant().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * This hub's erases, newest first, each with its receipts and the nodes it waits for: those that
     * follow this hub directly (active subscribers) and have not acknowledged. Nodes further on (behind a
     * relay) are counted once their receipt arrives.
     */
    List<Map<String, Object>> erasures() {
        Set<String> followers = new TreeSet<>();
        Map<String, String> lastSeen = new java.util.HashMap<>();
        subscribers.active().forEach(s -> {
            followers.add(s.hub().value());
            if (s.lastDeliveryAt() != null) {
                lastSeen.put(s.hub().value(), s.lastDeliveryAt().toString());
            }
        });
        return db.read(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash, ts, json_extract(envelope, '$.body.id')"
                    + " FROM log WHERE origin = ? AND type = 'org.erase' ORDER BY seq DESC LIMIT 1000")) {
                ps.setString(1, self.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("id", rs.getString(4));
                        e.put("seq", rs.getLong(1));
                        e.put("hash", rs.getString(2));
                        e.put("ts", rs.getString(3));
                        out.add(e);
                    }
                }
            }
            for (Map<String, Object> e : out) {
                List<Map<String, Object>> receipts = new ArrayList<>();
                Set<String> expected = new TreeSet<>(followers);
                try (PreparedStatement ps = c.prepareStatement("SELECT hub, key, key_known, receipt, received_at"
                        + " FROM erasure_receipts WHERE erase_seq = ? ORDER BY hub")) {
                    ps.setLong(1, (Long) e.get("seq"));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("hub", rs.getString(1));
                            r.put("key", rs.getString(2));
                            r.put("key_known", rs.getInt(3) == 1);
                            r.put("received_at", rs.getString(5));
                            r.put(
                                    "receipt",
                                    StrictJson.parse(
                                            rs.getString(4).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                            receipts.add(r);
                            expected.add(rs.getString(1));
                        }
                    }
                }
                Set<String> waiting = new TreeSet<>(expected);
                receipts.forEach(r -> waiting.remove((String) r.get("hub")));
                e.put("acknowledged", receipts.size());
                e.put("expected", expected.size());
                e.put(
                        "summary",
                        "erased on " + receipts.size() + " of " + expected.size() + " nodes"
                                + (waiting.isEmpty() ? "" : "; waiting for " + String.join(", ", waiting)));
                e.put("waiting", List.copyOf(waiting));
                // When each node waited for last took a push from this hub: "last seen 3 h ago".
                List<Map<String, Object>> seen = new ArrayList<>();
                for (String hub : waiting) {
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("hub", hub);
                    w.put("last_delivery_at", lastSeen.get(hub));
                    seen.add(w);
                }
                e.put("waiting_since", seen);
                e.put("receipts", receipts);
            }
            return out;
        });
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
