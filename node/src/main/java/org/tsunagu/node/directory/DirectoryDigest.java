package org.tsunagu.node.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A digest of the materialised directory: what the log says each organisation, partnership and hub is
 * now, and the filter counts, hub-pair counts and search index kept beside them. Two nodes holding
 * the same logs have the same digest whatever order the envelopes arrived in, and a node's digest
 * equals that of a rebuild from its own log; {@code verify} and the fault scripts compare them.
 *
 * <p>Row ids ({@code organizations.doc}) depend on arrival order, so the search index is compared by
 * which live organisations it holds, not by its row ids. Hubs known only by a pinned key (no profile
 * yet), a hub halted after equivocation (evidence the log does not hold) and counts of zero are one
 * node's bookkeeping, so they are left out.
 */
public final class DirectoryDigest {
    /** Each part: a name, and the query whose rows (in order) it digests. */
    private static final Map<String, String> PARTS = parts();

    private DirectoryDigest() {}

    private static Map<String, String> parts() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("organizations", "SELECT origin, id, seq, removed, facets FROM organizations ORDER BY origin, id");
        parts.put(
                "hubs",
                "SELECT hub, name, country, url, profile_seq FROM hubs"
                        + " WHERE profile_seq IS NOT NULL ORDER BY hub");
        parts.put(
                "partnerships",
                "SELECT origin, id, seq, announcement, retracted_seq, status, sealed, opened FROM partnerships"
                        + " ORDER BY origin, id");
        parts.put(
                "partnership_parties",
                "SELECT origin, id, party, hub, role FROM partnership_parties ORDER BY origin, id, party");
        parts.put(
                "partnership_endorsements",
                "SELECT partnership, announcement, hub, seq FROM partnership_endorsements"
                        + " ORDER BY partnership, announcement, hub");
        parts.put(
                "partnership_retractions",
                "SELECT partnership, hub, seq FROM partnership_retractions ORDER BY partnership, hub");
        parts.put("facet_counts", "SELECT facet, value, n FROM facet_counts WHERE n > 0 ORDER BY facet, value");
        parts.put(
                "hub_pair_counts",
                "SELECT hub_a, hub_b, status, n FROM hub_pair_counts WHERE n > 0 ORDER BY hub_a, hub_b, status");
        // Which live organisations each full-text table holds, and which it holds that are not live.
        for (String index : new String[] {"org_names", "org_text"}) {
            parts.put(
                    index,
                    "SELECT o.origin, o.id, i.rowid IS NOT NULL FROM organizations o LEFT JOIN " + index
                            + " i ON i.rowid = o.doc WHERE o.removed = 0 UNION ALL SELECT 'stale', i.rowid, 0 FROM "
                            + index + " i WHERE i.rowid NOT IN (SELECT doc FROM organizations WHERE removed = 0)"
                            + " ORDER BY 1, 2");
        }
        return java.util.Collections.unmodifiableMap(parts);
    }

    /** {@code sha256:…} of every part, read on {@code c} (run it in one transaction for a snapshot). */
    public static String of(Connection c) throws SQLException {
        return combinedOf(ofParts(c));
    }

    /** Each part's own digest, to name which one differs. */
    public static Map<String, String> ofParts(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> part : PARTS.entrySet()) {
            MessageDigest sha = sha256();
            try (PreparedStatement ps = c.prepareStatement(part.getValue());
                    ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        String v = rs.getString(i);
                        // Length-prefixed, so no value can imitate a column or row boundary.
                        byte[] bytes = v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8);
                        sha.update((v == null ? "n" : bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
                        sha.update(bytes);
                    }
                    sha.update((byte) '\n');
                }
            }
            out.put(part.getKey(), hex(sha.digest()));
        }
        return out;
    }

    /** The digest of the log heads (origin, seq, hash): equal on nodes that hold the same logs. */
    public static String heads(Connection c) throws SQLException {
        MessageDigest sha = sha256();
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, seq, hash FROM log_heads ORDER BY origin");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sha.update((rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    }

    /** The combined digest of parts from {@link #ofParts}. */
    public static String combinedOf(Map<String, String> parts) {
        MessageDigest sha = sha256();
        parts.forEach((name, digest) -> sha.update((name + "=" + digest + "\n").getBytes(StandardCharsets.UTF_8)));
        return "sha256:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
