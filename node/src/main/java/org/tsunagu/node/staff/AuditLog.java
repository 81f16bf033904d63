package org.tsunagu.node.staff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.tsunagu.node.db.Database;

/** Who did what (table {@code staff_audit}), newest first, with the signed envelopes each action produced. */
public final class AuditLog {
    /** The actor of requests made with the bearer token rather than an account. */
    public static final String TOKEN = "token";

    /** One recorded action; {@code envelopes} are {@code "origin/seq hash"} strings. */
    public record Entry(long id, String at, String actor, String action, int status, List<String> envelopes) {
        public Entry {
            envelopes = List.copyOf(envelopes);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(String actor, String action, int status, List<String> envelopes) {
        String list;
        try {
            list = JSON.writeValueAsString(envelopes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO staff_audit (at, actor, action, status, envelopes) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, clock.instant().toString());
                ps.setString(2, actor);
                ps.setString(3, action);
                ps.setInt(4, status);
                ps.setString(5, list);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The newest {@code limit} entries, newest first. */
    public List<Entry> recent(int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, at, actor, action, status, envelopes FROM staff_audit ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Entry> out = new ArrayList<>();
                    while (rs.next()) {
                        List<String> envelopes;
                        try {
                            envelopes = List.of(JSON.readValue(rs.getString(6), String[].class));
                        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                            throw new IllegalStateException("staff_audit " + rs.getLong(1) + ": bad envelopes", e);
                        }
                        out.add(new Entry(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getInt(5),
                                envelopes));
                    }
                    return out;
                }
            }
        });
    }
}
