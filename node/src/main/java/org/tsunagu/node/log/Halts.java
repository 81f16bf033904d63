package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/**
 * An admin's decision on a halted origin (SPEC §7: only an administrator decides). Resuming names the
 * envelope of the branch the origin's log continues on: when that is the one held, the other is
 * dropped from the evidence; when it is the other one, the log is cut back before the fork (with the
 * held branch's effects on the directory) and the kept envelope is judged again like any envelope. The
 * decision and both envelopes stay in the alert history.
 */
final class Halts {
    /** What a resume decided: the seq of the fork, and the envelope to ingest when the branch changed. */
    record Resumed(long seq, Optional<Envelope> reapply) {}

    private Halts() {}

    /**
     * @return empty when {@code keep} names no envelope of {@code origin}'s evidence
     */
    static Optional<Resumed> resume(Connection c, HubId origin, String keep, Instant now, Materializer m)
            throws SQLException {
        long seq;
        String held;
        String heldText;
        String other;
        String otherText;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, held_hash, held_envelope, conflicting_hash, conflicting_envelope FROM equivocations"
                        + " WHERE origin = ? AND (held_hash = ? OR conflicting_hash = ?) ORDER BY seq LIMIT 1")) {
            ps.setString(1, origin.value());
            ps.setString(2, keep);
            ps.setString(3, keep);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                seq = rs.getLong(1);
                held = rs.getString(2);
                heldText = rs.getString(3);
                other = rs.getString(4);
                otherText = rs.getString(5);
            }
        }
        boolean switchBranch = !keep.equals(held);
        if (switchBranch) {
            LogRollback.truncate(c, origin, seq - 1, m, false);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM equivocations WHERE origin = ?")) {
            ps.setString(1, origin.value());
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE hubs SET halted_at = NULL, halted_reason = NULL WHERE hub = ?")) {
            ps.setString(1, origin.value());
            ps.executeUpdate();
        }
        String dropped = switchBranch ? held : other;
        ObjectNode details = JsonNodeFactory.instance
                .objectNode()
                .put("kept", keep)
                .put("dropped", dropped)
                .put("held_envelope", heldText)
                .put("conflicting_envelope", otherText);
        AlertStore.insert(
                c,
                Alert.HALT_RESOLVED,
                null,
                origin,
                seq,
                "the admin resumed " + origin + " on the branch of " + keep + " at seq " + seq + "; " + dropped
                        + (switchBranch ? " and what followed it were dropped" : " was dropped"),
                details,
                now);
        return Optional.of(new Resumed(
                seq,
                switchBranch
                        ? Optional.of(Envelope.parse(keep.equals(other) ? otherText : heldText))
                        : Optional.empty()));
    }
}
