package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.body.Endorsement;
import org.tsunagu.protocol.body.GlobalId;
import org.tsunagu.protocol.body.Partnership;
import org.tsunagu.protocol.body.Party;
import org.tsunagu.protocol.body.Retraction;
import org.tsunagu.protocol.canon.CanonicalJson;

/**
 * Materialises partnerships. Status is derived and stored on every change: retracted if the announcer
 * retracted after its latest announcement or any party's hub retracted; confirmed when every party's
 * hub has endorsed the current announcement hash (the announcer's own announcement counts as its
 * endorsement); announced otherwise.
 *
 * <p>A sealed announcement (SPEC §6.5, §6.10) this hub opened is kept whole in {@code opened} and its
 * parties are stored as for a public one. One it cannot open has no parties here: its status counts
 * no endorsement (SPEC §9), and an unlisted one is not kept at all.
 *
 * <p>Each change moves the hub-pair counts ({@link HubPairCounts}) by what it changed of the
 * partnership's pairs, in the same transaction.
 */
final class Partnerships {
    /**
     * A public announcement ({@code sealed} and {@code opened} null), or a sealed one this hub opened.
     *
     * @param sealed {@code listed} or {@code unlisted}, null for a public announcement
     * @param opened the whole announcement as opened here, null for a public one
     */
    void announce(Connection c, Envelope e, Partnership body, String sealed, JsonNode opened) throws SQLException {
        put(c, e, body.id(), body.parties(), sealed, opened);
    }

    /** A listed sealed announcement this hub cannot open: it exists, with no parties that this hub knows. */
    void announceUnread(Connection c, Envelope e, String id) throws SQLException {
        put(c, e, id, List.of(), "listed", null);
    }

    /**
     * An unlisted sealed announcement this hub cannot open: as if never announced, so an earlier
     * version of the same id leaves with it. Endorsements stay, as for any not (yet) announced.
     */
    void forget(Connection c, String origin, String id) throws SQLException {
        HubPairCounts.Watch pairs = HubPairCounts.partnership(c, origin, id);
        deleteParties(c, origin, id);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM partnerships WHERE origin = ? AND id = ?")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            ps.executeUpdate();
        }
        pairs.count(c);
    }

    private static void put(Connection c, Envelope e, String id, List<Party> parties, String sealed, JsonNode opened)
            throws SQLException {
        String origin = e.origin().value();
        HubPairCounts.Watch pairs = HubPairCounts.partnership(c, origin, id);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO partnerships (origin, id, seq, announcement, retracted_seq, status, sealed, opened)"
                        + " VALUES (?, ?, ?, ?, NULL, 'announced', ?, ?) ON CONFLICT (origin, id) DO UPDATE SET"
                        + " seq = excluded.seq, announcement = excluded.announcement, retracted_seq = NULL,"
                        + " sealed = excluded.sealed, opened = excluded.opened")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            ps.setLong(3, e.seq());
            ps.setString(4, e.hash());
            ps.setString(5, sealed);
            ps.setString(6, opened == null ? null : CanonicalJson.canonicalString(opened));
            ps.executeUpdate();
        }
        deleteParties(c, origin, id);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT OR IGNORE INTO partnership_parties (origin, id, party, hub, role) VALUES (?, ?, ?, ?, ?)")) {
            for (Party p : parties) {
                ps.setString(1, origin);
                ps.setString(2, id);
                ps.setString(3, p.organization().toString());
                ps.setString(4, p.hub().value());
                ps.setString(5, p.role());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        refresh(c, origin, id);
        pairs.count(c);
    }

    private static void deleteParties(Connection c, String origin, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM partnership_parties WHERE origin = ? AND id = ?")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    void endorse(Connection c, Envelope e, Endorsement body) throws SQLException {
        GlobalId gid = body.partnership();
        String partnership = gid.toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO partnership_endorsements"
                + " (partnership, announcement, hub, seq) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, partnership);
            ps.setString(2, body.announcement());
            ps.setString(3, e.origin().value());
            ps.setLong(4, e.seq());
            ps.executeUpdate();
        }
        refreshAndCount(c, gid);
    }

    void retract(Connection c, Envelope e, Retraction body) throws SQLException {
        GlobalId gid = body.partnership();
        String partnership = gid.toString();
        if (gid.origin().equals(e.origin())) {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE partnerships SET retracted_seq = ? WHERE origin = ? AND id = ?")) {
                ps.setLong(1, e.seq());
                ps.setString(2, gid.origin().value());
                ps.setString(3, gid.id());
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO partnership_retractions (partnership, hub, seq) VALUES (?, ?, ?)")) {
                ps.setString(1, partnership);
                ps.setString(2, e.origin().value());
                ps.setLong(3, e.seq());
                ps.executeUpdate();
            }
        }
        refreshAndCount(c, gid);
    }

    /**
     * After an endorsement or retraction: its parties stay, so the hub-pair counts move only if the
     * status did, as for the last endorsement a partnership awaited, not the others.
     */
    private static void refreshAndCount(Connection c, GlobalId gid) throws SQLException {
        String origin = gid.origin().value();
        Moved moved = refresh(c, origin, gid.id());
        HubPairCounts.statusMoved(c, origin, gid.id(), moved.before(), moved.after());
    }

    static void refresh(Connection c, String globalId) throws SQLException {
        GlobalId gid = GlobalId.parse(globalId, "$.body.partnership");
        refresh(c, gid.origin().value(), gid.id());
    }

    /** A partnership's status (its wire name) before and after a {@link #refresh}; null: not announced. */
    private record Moved(String before, String after) {}

    private static Moved refresh(Connection c, String origin, String id) throws SQLException {
        String before;
        String announcement;
        boolean retractedByAnnouncer;
        boolean unread;
        try (PreparedStatement ps = c.prepareStatement("SELECT status, announcement, retracted_seq IS NOT NULL,"
                + " sealed IS NOT NULL AND opened IS NULL FROM partnerships WHERE origin = ? AND id = ?")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Moved(null, null); // not announced (yet): endorsements and retractions wait for it
                }
                before = rs.getString(1);
                announcement = rs.getString(2);
                retractedByAnnouncer = rs.getBoolean(3);
                unread = rs.getBoolean(4);
            }
        }
        if (unread) {
            // Sealed and not opened here: the party hubs are unknown, so no endorsement or other hub's
            // retraction can count (SPEC §9); what the announcer did is all this hub can tell.
            return setStatus(
                    c,
                    origin,
                    id,
                    before,
                    retractedByAnnouncer ? PartnershipStatus.RETRACTED : PartnershipStatus.ANNOUNCED);
        }
        String globalId = origin + "/" + id;
        Set<String> partyHubs =
                strings(c, "SELECT hub FROM partnership_parties WHERE origin = ? AND id = ?", origin, id);
        Set<String> endorsed = strings(
                c,
                "SELECT hub FROM partnership_endorsements WHERE partnership = ? AND announcement = ?",
                globalId,
                announcement);
        endorsed.add(origin);
        Set<String> retractedBy = strings(c, "SELECT hub FROM partnership_retractions WHERE partnership = ?", globalId);
        retractedBy.retainAll(partyHubs);
        PartnershipStatus status = retractedByAnnouncer || !retractedBy.isEmpty()
                ? PartnershipStatus.RETRACTED
                : endorsed.containsAll(partyHubs) ? PartnershipStatus.CONFIRMED : PartnershipStatus.ANNOUNCED;
        return setStatus(c, origin, id, before, status);
    }

    /** Writes {@code status} unless it is what the row holds (most endorsements of a consortium). */
    private static Moved setStatus(Connection c, String origin, String id, String before, PartnershipStatus status)
            throws SQLException {
        if (!status.wire().equals(before)) {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE partnerships SET status = ? WHERE origin = ? AND id = ?")) {
                ps.setString(1, status.wire());
                ps.setString(2, origin);
                ps.setString(3, id);
                ps.executeUpdate();
            }
        }
        return new Moved(before, status.wire());
    }

    private static Set<String> strings(Connection c, String sql, String... params) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
