package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.body.GlobalId;

/** Builds {@link PartnershipView}s, paged by (origin, id). */
final class PartnershipReader {
    private static final String SELECT = "SELECT p.origin, p.id, p.status, p.announcement, l.seq, l.ts, l.key,"
            + " l.hash, l.envelope, p.sealed, p.opened FROM partnerships p"
            + " JOIN log l ON l.origin = p.origin AND l.seq = p.seq";
    /**
     * Status ({@code ?1}) and a party's hub ({@code ?2}); further parameters follow them. {@code
     * +pp.hub}, here and in {@link #ENDORSERS}: the parties of one partnership by primary key, never
     * all of a hub's party rows by the by-hub index for each partnership (see {@link
     * LocalRules#HUB_IS_PARTY}).
     */
    static final String FILTERS = "(?1 IS NULL OR p.status = ?1)"
            + " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM partnership_parties pp"
            + " WHERE pp.origin = p.origin AND pp.id = p.id AND +pp.hub = ?2))";

    static final String ENDORSERS = "SELECT e.hub FROM partnership_endorsements e"
            + " WHERE e.partnership = ? AND e.announcement = ? AND EXISTS (SELECT 1 FROM partnership_parties pp"
            + " WHERE pp.origin = ? AND pp.id = ? AND +pp.hub = e.hub)";

    private static final String CURSOR_PREFIX = "p1:";

    private PartnershipReader() {}

    static Page<PartnershipView> page(Connection c, PartnershipQuery q) throws SQLException {
        GlobalId after = q.cursor() == null ? null : decode(q.cursor());
        String sql = SELECT + " WHERE " + FILTERS + partiesIn(q, 6) + " AND (?3 IS NULL OR (p.origin, p.id) > (?3, ?4))"
                + " ORDER BY p.origin, p.id LIMIT ?5";
        List<PartnershipView> items;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, q.status());
            ps.setString(2, q.hub());
            ps.setString(3, after == null ? null : after.origin().value());
            ps.setString(4, after == null ? null : after.id());
            ps.setInt(5, q.limit() + 1);
            bindParties(ps, q, 6);
            items = read(c, ps);
        }
        String next = null;
        if (items.size() > q.limit()) {
            items = items.subList(0, q.limit());
            PartnershipView last = items.get(items.size() - 1);
            next = Base64Url.encode((CURSOR_PREFIX + last.globalId()).getBytes(StandardCharsets.UTF_8));
        }
        long counted = q.cursor() == null && next == null ? items.size() : count(c, q);
        return Page.of(items, next, counted);
    }

    /** The partnerships matching {@code q}'s filters, whatever the page, up to the count cap. */
    private static long count(Connection c, PartnershipQuery q) throws SQLException {
        String sql =
                "SELECT count(*) FROM (SELECT 1 FROM partnerships p WHERE " + FILTERS + partiesIn(q, 4) + " LIMIT ?3)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, q.status());
            ps.setString(2, q.hub());
            ps.setInt(3, Page.COUNT_CAP + 1);
            bindParties(ps, q, 4);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * The organisations as parties: one parameter each, numbered from {@code first} (numbered, since an
     * unnumbered {@code ?} here would take the number after {@code ?2} and collide with later ones).
     */
    private static String partiesIn(PartnershipQuery q, int first) {
        if (q.organizations().isEmpty()) {
            return "";
        }
        StringJoiner marks = new StringJoiner(",");
        for (int i = 0; i < q.organizations().size(); i++) {
            marks.add("?" + (first + i));
        }
        // From the parties (by-party index) to their partnerships: an EXISTS per partnership read every
        // partnership in key order until the page was full, all of them for organisations with few
        // (518,000 at a million organisations: the crisis view's requests then took seconds each).
        return " AND (p.origin, p.id) IN (SELECT pp.origin, pp.id FROM partnership_parties pp" + " WHERE pp.party IN ("
                + marks + "))";
    }

    private static void bindParties(PreparedStatement ps, PartnershipQuery q, int first) throws SQLException {
        for (int i = 0; i < q.organizations().size(); i++) {
            ps.setString(first + i, q.organizations().get(i));
        }
    }

    static Optional<PartnershipView> one(Connection c, String origin, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE p.origin = ? AND p.id = ?")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            return read(c, ps).stream().findFirst();
        }
    }

    private static List<PartnershipView> read(Connection c, PreparedStatement ps) throws SQLException {
        List<PartnershipView> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String origin = rs.getString(1);
                String id = rs.getString(2);
                String announcement = rs.getString(4);
                Provenance p =
                        new Provenance(origin, rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8), true);
                String sealed = rs.getString(10);
                String opened = rs.getString(11);
                JsonNode body = LogText.body(rs.getString(9));
                // A sealed one reads as opened here, or by its clear members with the notice.
                out.add(new PartnershipView(
                        origin,
                        id,
                        origin + "/" + id,
                        PartnershipStatus.fromWire(rs.getString(3)),
                        announcement,
                        List.of(),
                        opened != null ? LogText.json(opened) : sealed != null ? SealedRecords.clear(body) : body,
                        p,
                        sealed == null
                                ? null
                                : new OrganizationView.Sealed(
                                        sealed, opened != null, opened != null ? null : SealedRecords.NOTICE)));
            }
        }
        List<PartnershipView> withEndorsers = new ArrayList<>(out.size());
        for (PartnershipView v : out) {
            withEndorsers.add(new PartnershipView(
                    v.origin(),
                    v.id(),
                    v.globalId(),
                    v.status(),
                    v.announcement(),
                    endorsers(c, v),
                    v.record(),
                    v.provenance(),
                    v.sealed()));
        }
        return withEndorsers;
    }

    /** Party hubs that endorsed the current announcement; the announcer always has. */
    private static List<String> endorsers(Connection c, PartnershipView v) throws SQLException {
        TreeSet<String> hubs = new TreeSet<>();
        hubs.add(v.origin());
        try (PreparedStatement ps = c.prepareStatement(ENDORSERS)) {
            ps.setString(1, v.globalId());
            ps.setString(2, v.announcement());
            ps.setString(3, v.origin());
            ps.setString(4, v.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hubs.add(rs.getString(1));
                }
            }
        }
        return List.copyOf(hubs);
    }

    private static GlobalId decode(String cursor) {
        try {
            String text = new String(Base64Url.decode(cursor, "$.cursor"), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                return GlobalId.parse(text.substring(CURSOR_PREFIX.length()), "$.cursor");
            }
        } catch (ProtocolException e) {
            // fall through: any malformed cursor gets the same answer
        }
        throw ValidationException.of("$.cursor", "not a cursor from a previous page of this listing");
    }
}
