package org.tsunagu.node.directory;

import java.sql.Connection;
import java.sql.SQLException;
import org.tsunagu.protocol.Envelope;

/**
 * Applies an appended envelope to the materialised state (organisations, partnerships, hubs, search
 * index). Called by the log writers inside the transaction that appends the envelope, so the log and
 * the state never disagree. {@code key.rotate} is the key ring's business and ignored here.
 */
public final class Materializer {
    public Materializer() {}

    /** Applies {@code e}, which is already in the log at (origin, seq), on {@code c}. */
    public void apply(Connection c, Envelope e) throws SQLException {
        throw new UnsupportedOperationException("not yet");
    }
}
