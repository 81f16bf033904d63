package org.tsunagu.node.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/**
 * Applies an appended {@code org.erase} (SPEC §6.9), for this hub's own log and for others' alike:
 * the earlier bodies of the record are redacted in the log, the organisation leaves the directory, and
 * the search index forgets its words. The bytes leave the file through secure_delete (on for every
 * connection) and the checkpoint the writer runs after the commit ({@code Database#checkpoint}).
 */
final class Erasure {
    private Erasure() {}

    /** @return how many envelopes were redacted */
    static int apply(Connection c, Envelope erase, Materializer.Page page) throws SQLException {
        if (erase.type() != UpdateType.ORG_ERASE) {
            throw new IllegalArgumentException("not an org.erase: " + erase);
        }
        List<Envelope> covered = LogStore.redactErased(c, erase);
        page.apply(c, erase);
        page.forgetErased(c, covered);
        return covered.size();
    }
}
