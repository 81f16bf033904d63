package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Writes this hub's own log: validates, signs, appends and materialises each change in one
 * transaction. Concurrent callers are serialised by the database's single writer.
 */
public final class Publisher {
    private final Database db;
    private final HubId self;
    private final Clock clock;
    private volatile Ed25519KeyPair key;

    public Publisher(Database db, HubId self, Ed25519KeyPair key, Clock clock) {
        this.db = db;
        this.self = self;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Publishes {@code body} as the next envelope of this hub's log.
     *
     * @throws org.tsunagu.protocol.ValidationException with {@code $.body...} paths for a bad body
     */
    public Envelope publish(UpdateType type, JsonNode body) {
        throw new UnsupportedOperationException("not yet " + db + clock);
    }

    /**
     * Publishes {@code key.rotate} naming {@code next}, signed by the current key, then signs with
     * {@code next}. Store {@code next} durably BEFORE calling this: once it returns, the old key can no
     * longer extend the log.
     */
    public Envelope rotateKey(Ed25519KeyPair next) {
        throw new UnsupportedOperationException("not yet");
    }

    public HubId self() {
        return self;
    }

    public KeyId currentKey() {
        return key.publicKey().keyId();
    }
}
