package org.tsunagu.node.staff;

import java.security.SecureRandom;
import java.time.Clock;
import org.tsunagu.node.db.Database;

/** The three staff stores of one node, opened together on its database. */
public record Staff(StaffAccounts accounts, StaffSessions sessions, AuditLog audit) {
    public static Staff open(Database db, Clock clock, SecureRandom random) {
        return new Staff(
                new StaffAccounts(db, new Passwords(random), clock),
                new StaffSessions(db, clock, random),
                new AuditLog(db, clock));
    }
}
