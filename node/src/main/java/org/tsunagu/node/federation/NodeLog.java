package org.tsunagu.node.federation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;

/**
 * What federation needs from the node's signed log: its heads, its feeds, the one ingest path, and
 * the key ring. {@code Main} adapts the log package's LogStore, Ingestor and KeyRing to it, so
 * federation never bypasses their checks.
 */
public interface NodeLog {
    /** Head seq of every origin held. */
    Map<HubId, Long> heads();

    /** Head seq of one origin, 0 when none is held. */
    default long head(HubId origin) {
        return heads().getOrDefault(origin, 0L);
    }

    /** The canonical JSON of {@code origin}'s envelopes with seq > {@code after}, in order. */
    List<String> feed(HubId origin, long after, int limit);

    /** Verifies and applies a batch in one transaction (the one ingest path). */
    IngestResult ingest(List<Envelope> batch);

    /** The key {@code origin} signs with now, if pinned. */
    Optional<KeyId> currentKey(HubId origin);

    /** Pins {@code key} for {@code origin} as a peer's key confirmed by an admin. */
    void pinPeerKey(HubId origin, KeyId key);
}
