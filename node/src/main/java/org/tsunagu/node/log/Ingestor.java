package org.tsunagu.node.log;

import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;

/**
 * The one way envelopes of other origins enter this node (push, pull and offline bundles alike):
 * verify the signature with the key ring, validate the body, check the chain, then append and
 * materialise; the whole batch in one transaction.
 */
public final class Ingestor {
    private final Database db;
    private final Clock clock;
    private final Predicate<HubId> mayLearnOrigin;

    /**
     * @param mayLearnOrigin whether an unknown origin may be learned from its seq-1 {@code hub.profile}
     *     (trust on first sight, e.g. for a forum following a relay); false = only pinned origins
     */
    public Ingestor(Database db, Clock clock, Predicate<HubId> mayLearnOrigin) {
        this.db = db;
        this.clock = clock;
        this.mayLearnOrigin = mayLearnOrigin;
    }

    public IngestReport ingest(List<Envelope> batch) {
        throw new UnsupportedOperationException("not yet " + db + clock + mayLearnOrigin);
    }
}
