package org.tsunagu.node.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.tsunagu.node.db.Database;

/**
 * Console sessions (table {@code staff_sessions}). A session ends after {@link #DEFAULT_IDLE} without
 * a request, or {@link #DEFAULT_LIFETIME} after login whatever happens, or at logout. The cookie holds
 * a random 256-bit token; the table holds its SHA-256 only.
 */
public final class StaffSessions {
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    /** A session just opened: {@code token} goes in the cookie and is never stored. */
    public record Opened(String token, Session session) {}

    /** An open session: its account and the CSRF token state-changing requests must carry. */
    public record Session(StaffAccount account, String csrf, Instant expiresAt) {}

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration idle;
    private final Duration lifetime;

    public StaffSessions(Database db, Clock clock, SecureRandom random) {
        this(db, clock, random, DEFAULT_IDLE, DEFAULT_LIFETIME);
    }

    public StaffSessions(Database db, Clock clock, SecureRandom random, Duration idle, Duration lifetime) {
        this.db = db;
        this.clock = clock;
        this.random = random;
        this.idle = idle;
        this.lifetime = lifetime;
    }

    public Opened open(StaffAccount account) {
        String token = randomToken();
        String csrf = randomToken();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        db.inTransaction(c -> {
            // Sessions past their end are swept at each login, so the table never grows without bound.
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM staff_sessions WHERE expires_at <= ? OR last_seen_at <= ?")) {
                ps.setString(1, now.toString());
                ps.setString(2, now.minus(idle).toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO staff_sessions"
                            + " (token_hash, account_id, csrf, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, hash(token));
                ps.setLong(2, account.id());
                ps.setString(3, csrf);
                ps.setString(4, now.toString());
                ps.setString(5, now.toString());
                ps.setString(6, expires.toString());
                ps.executeUpdate();
            }
            return null;
        });
        return new Opened(token, new Session(account, csrf, expires));
    }

    /** The session whose cookie holds {@code token}, if it is still open; using it keeps it from idling out. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = hash(token);
        Optional<Session> session = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT a.id, a.username, a.role, a.created_at, s.csrf, s.expires_at, s.last_seen_at"
                            + " FROM staff_sessions s JOIN staff_accounts a ON a.id = s.account_id"
                            + " WHERE s.token_hash = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Session>empty();
                    }
                    Instant expires = Instant.parse(rs.getString(6));
                    Instant lastSeen = Instant.parse(rs.getString(7));
                    if (!now.isBefore(expires) || !now.isBefore(lastSeen.plus(idle))) {
                        return Optional.<Session>empty();
                    }
                    StaffAccount account =
                            new StaffAccount(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3)), rs.getString(4));
                    return Optional.of(new Session(account, rs.getString(5), expires));
                }
            }
        });
        if (session.isPresent()) {
            db.inTransaction(c -> {
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE staff_sessions SET last_seen_at = ? WHERE token_hash = ?")) {
                    ps.setString(1, now.toString());
                    ps.setString(2, key);
                    ps.executeUpdate();
                }
                return null;
            });
        }
        return session;
    }

    /** Ends the session (logout); an unknown token is no error. */
    public void close(String token) {
        if (token == null) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_sessions WHERE token_hash = ?")) {
                ps.setString(1, hash(token));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Whether two secrets are equal, in time that does not depend on where they differ. */
    public static boolean same(String expected, String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
