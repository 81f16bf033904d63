package org.tsunagu.node.staff;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tsunagu.node.db.Database;

/** The staff accounts (table {@code staff_accounts}); user names compare case-insensitively. */
public final class StaffAccounts {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final String COLUMNS = "id, username, role, created_at";

    private final Database db;
    private final Passwords passwords;
    private final Clock clock;

    public StaffAccounts(Database db, Passwords passwords, Clock clock) {
        this.db = db;
        this.passwords = passwords;
        this.clock = clock;
    }

    /** Creates an account; a bad name or password, or a name taken, is a {@link StaffException}. */
    public StaffAccount create(String username, Role role, String password) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new StaffException(
                    "username", "1 to 64 letters, digits and . _ @ -, starting with a letter or digit");
        }
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            throw new StaffException("password", problem);
        }
        String hash = passwords.hash(password);
        String now = clock.instant().toString();
        return db.inTransaction(c -> {
            if (find(username).isPresent()) {
                throw new StaffException("username", "an account with this name exists");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO staff_accounts (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)"
                            + " RETURNING id")) {
                ps.setString(1, username);
                ps.setString(2, role.wire());
                ps.setString(3, hash);
                ps.setString(4, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new StaffAccount(rs.getLong(1), username, role, now);
                }
            }
        });
    }

    /**
     * The account when {@code password} is its password. An unknown name costs the same time as a
     * wrong password, so the answer's timing does not tell which names exist.
     */
    public Optional<StaffAccount> authenticate(String username, String password) {
        Optional<String[]> row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + ", password_hash FROM staff_accounts WHERE username = ?")) {
                ps.setString(1, username == null ? "" : username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new String[] {rs.getString(2), rs.getString(5)})
                            : Optional.<String[]>empty();
                }
            }
        });
        if (row.isEmpty()) {
            passwords.burnOneCheck(password);
            return Optional.empty();
        }
        return passwords.matches(password, row.get()[1]) ? find(row.get()[0]) : Optional.empty();
    }

    public Optional<StaffAccount> find(String username) {
        return db.read(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM staff_accounts WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<StaffAccount>empty();
                }
            }
        });
    }

    public List<StaffAccount> list() {
        return db.read(c -> {
            try (PreparedStatement ps =
                            c.prepareStatement("SELECT " + COLUMNS + " FROM staff_accounts ORDER BY username");
                    ResultSet rs = ps.executeQuery()) {
                List<StaffAccount> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row(rs));
                }
                return out;
            }
        });
    }

    public int count() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM staff_accounts");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    /**
     * Deletes an account and its sessions. The last admin cannot be deleted: the console would have
     * nobody left who can add accounts.
     */
    public boolean delete(String username) {
        return db.inTransaction(c -> {
            Optional<StaffAccount> account = find(username);
            if (account.isEmpty()) {
                return false;
            }
            if (account.get().isAdmin() && admins(c) <= 1) {
                throw new StaffException("username", "the last admin account cannot be deleted");
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_accounts WHERE id = ?")) {
                ps.setLong(1, account.get().id());
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static int admins(java.sql.Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM staff_accounts WHERE role = 'admin'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static StaffAccount row(ResultSet rs) throws SQLException {
        return new StaffAccount(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3)), rs.getString(4));
    }
}
