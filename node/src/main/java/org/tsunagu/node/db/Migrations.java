package org.tsunagu.node.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Numbered schema migrations ({@code db/V001__*.sql}), applied in order, each in its own transaction
 * together with the {@code PRAGMA user_version} bump to its number that records it. Numbers only
 * increase; a number may be missing on a branch (numbers are handed out ahead of merges).
 */
final class Migrations {
    /** In order; a migration, once released, is never edited: add the next number instead. */
    static final List<String> FILES = List.of(
            "V001__log_directory_search.sql",
            "V002__federation.sql",
            "V003__alerts.sql",
            "V004__facets.sql",
            "V005__subscriber_claims.sql",
            "V006__blocks.sql",
            "V008__search_kana_folding.sql",
            "V009__alert_counts.sql",
            "V011__protocol_v2_peers_and_pending_erasures.sql",
            "V012__opened_sealed_records.sql",
            "V013__staff_accounts.sql",
            "V016__facet_countries_of_operation.sql",
            "V019__search_tags_countries_of_operation.sql",
            "V021__sealed_partnerships.sql",
            "V022__facet_changes.sql",
            "V023__hub_pair_counts.sql",
            "V024__partnership_parties_by_party_covering.sql",
            "V025__search_without_prefix_index.sql");

    private Migrations() {}

    static void apply(Database db) {
        int current = db.read(Migrations::userVersion);
        int previous = 0;
        for (String name : FILES) {
            int version = number(name);
            if (version <= previous) {
                throw new StorageException("migration " + name + " is out of order");
            }
            previous = version;
            if (version <= current) {
                continue;
            }
            String script = load(name);
            db.inTransaction(c -> {
                if (userVersion(c) >= version) {
                    return null; // another process got there first
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(script)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + version);
                }
                return null;
            });
        }
    }

    /** The schema version a database has once every migration ran. */
    static int latest() {
        return number(FILES.get(FILES.size() - 1));
    }

    private static int number(String name) {
        if (!name.matches("V\\d{3}__.+\\.sql")) {
            throw new StorageException("migration " + name + " is not named Vnnn__name.sql");
        }
        return Integer.parseInt(name.substring(1, 4));
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Splits on {@code ;} at the end of a line; our scripts keep one statement per such line end. */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        return List.of(withoutComments.toString().split(";\\s*\n")).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String load(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/" + name)) {
            if (in == null) {
                throw new StorageException("migration resource missing: db/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot read migration db/" + name, e);
        }
    }
}
