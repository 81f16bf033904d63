package org.tsunagu.node.cli;

import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeFileException;

/**
 * A hub's identity is permanent: the hub id its database first signed as must still be the one in
 * node.json. Editing {@code "hub"} would otherwise start a second origin under the same key, and the
 * records of the first could never be edited again. A deliberate new identity needs {@code
 * --new-identity}.
 */
final class IdentityCheck {
    private IdentityCheck() {}

    static void require(NodeConfig config, boolean newIdentity) {
        if (newIdentity || !Files.exists(config.databaseFile())) {
            return;
        }
        Optional<String> own;
        try (Database db = Database.open(config.databaseFile())) {
            own = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                                "SELECT hub FROM hub_keys WHERE source = 'local' ORDER BY added_at DESC, rowid DESC LIMIT 1");
                        ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            });
        }
        if (own.isPresent() && !own.get().equals(config.hub().value())) {
            throw new NodeFileException(
                    config.dataDir().resolve(NodeConfig.CONFIG_FILE),
                    "\"hub\" is " + config.hub() + " but this node signs as " + own.get() + "; put \"hub\": \""
                            + own.get() + "\" back, or start with --new-identity to begin a new hub (" + own.get()
                            + "'s records could then no longer be edited)");
        }
    }
}
