package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.tsunagu.node.db.Database;

/** Things an admin must see: equivocations, forged or unusable peer input (table {@code fed_alerts}). */
public final class AlertStore {
    /** One alert as shown at {@code GET /admin/v1/alerts}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Alert(long id, String at, String kind, String peer, String origin, Long seq, String message) {}

    private final Database db;
    private final Clock clock;

    AlertStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    void raise(String kind, String peer, String origin, Long seq, String message) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO fed_alerts (at, kind, peer, origin, seq, message) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, kind);
                ps.setString(3, peer);
                ps.setString(4, origin);
                if (seq == null) {
                    ps.setNull(5, Types.INTEGER);
                } else {
                    ps.setLong(5, seq);
                }
                ps.setString(6, message);
                return ps.executeUpdate();
            }
        });
    }

    /** Newest first. */
    public List<Alert> list(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, at, kind, peer, origin, seq, message FROM fed_alerts ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                List<Alert> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seq = rs.getLong(6);
                        out.add(new Alert(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.wasNull() ? null : seq,
                                rs.getString(7)));
                    }
                }
                return out;
            }
        });
    }
}
