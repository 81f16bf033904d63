package org.tsunagu.node.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.ops.MutableClock;

/** The staff stores on a real SQLite file: Argon2id hashes, sessions that expire, the audit trail. */
class StaffStoresTest {
    @TempDir
    Path dir;

    private Database db;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final SecureRandom random = new SecureRandom();
    private StaffAccounts accounts;
    private StaffSessions sessions;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("t.db"));
        accounts = new StaffAccounts(db, new Passwords(random), clock);
        sessions = new StaffSessions(db, clock, random, Duration.ofMinutes(30), Duration.ofHours(12));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void hash_newPassword_isArgon2idPhcWithItsParametersAndVerifies() {
        Passwords passwords = new Passwords(random);
        String hash = passwords.hash("correct horse battery");
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertTrue(passwords.matches("correct horse battery", hash));
        assertFalse(passwords.matches("correct horse batterY", hash));
        assertNotEquals(hash, passwords.hash("correct horse battery"), "salted: two hashes of one password differ");
        assertFalse(passwords.matches("x", "$argon2id$v=19$m=1,t=1,p=1$bad"), "a malformed hash never matches");
    }

    @Test
    void create_storesNoPlainPassword_andAuthenticatesOnlyTheRightOne() {
        accounts.create("Somchai", Role.EDITOR, "a long enough secret");
        String stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM staff_accounts");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertFalse(stored.contains("a long enough secret"));
        assertEquals(
                Role.EDITOR,
                accounts.authenticate("somchai", "a long enough secret")
                        .orElseThrow()
                        .role());
        assertTrue(accounts.authenticate("somchai", "a long enough secreT").isEmpty());
        assertTrue(accounts.authenticate("nobody", "a long enough secret").isEmpty());
    }

    @Test
    void authenticate_unknownName_refusedEveryTime_evenWithTheDecoyMadeOnFirstUse() {
        // The decoy hash is made on the first unknown name (not at start-up, issue 14); later ones check it.
        for (int i = 0; i < 3; i++) {
            assertTrue(accounts.authenticate("nobody", "a long enough secret").isEmpty());
        }
        accounts.create("Somchai", Role.EDITOR, "a long enough secret");
        assertTrue(accounts.authenticate("somchai", "a long enough secret").isPresent());
        assertTrue(accounts.authenticate("nobody", "a long enough secret").isEmpty());
    }

    @Test
    void create_badNameShortPasswordOrTakenName_refusedWithTheField() {
        assertEquals(
                "username",
                assertThrows(StaffException.class, () -> accounts.create("<b>", Role.ADMIN, "123456789012"))
                        .field());
        assertEquals(
                "password",
                assertThrows(StaffException.class, () -> accounts.create("ok", Role.ADMIN, "short"))
                        .field());
        accounts.create("aiko", Role.ADMIN, "123456789012");
        assertEquals(
                "username",
                assertThrows(StaffException.class, () -> accounts.create("AIKO", Role.EDITOR, "123456789012"))
                        .field());
        assertThrows(StaffException.class, () -> accounts.delete("aiko"), "the last admin stays");
    }

    @Test
    void find_idleOrPastLifetimeOrClosed_sessionIsGone() {
        StaffAccount aiko = accounts.create("aiko", Role.ADMIN, "123456789012");
        StaffSessions.Opened opened = sessions.open(aiko);
        assertEquals(
                "aiko", sessions.find(opened.token()).orElseThrow().account().username());
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(opened.token()).isPresent(), "used within the idle time: still open");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(opened.token()).isPresent(), "each use restarts the idle time");
        clock.advance(Duration.ofMinutes(31));
        assertTrue(sessions.find(opened.token()).isEmpty(), "idle for 31 minutes: ended");

        StaffSessions.Opened second = sessions.open(aiko);
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.find(second.token());
        }
        assertTrue(sessions.find(second.token()).isEmpty(), "12 hours after login it ends however busy");

        StaffSessions.Opened third = sessions.open(aiko);
        sessions.close(third.token());
        assertTrue(sessions.find(third.token()).isEmpty());
        assertTrue(sessions.find("not a token").isEmpty());
    }

    @Test
    void recent_auditEntries_newestFirstWithTheirEnvelopes() {
        AuditLog audit = new AuditLog(db, clock);
        audit.record("aiko", "POST /admin/v1/organizations", 201, List.of("jp-janic/3 abc"));
        audit.record(AuditLog.TOKEN, "DELETE /admin/v1/organizations/x", 200, List.of());
        List<AuditLog.Entry> entries = audit.recent(10);
        assertEquals("token", entries.get(0).actor());
        assertEquals(List.of("jp-janic/3 abc"), entries.get(1).envelopes());
    }
}
