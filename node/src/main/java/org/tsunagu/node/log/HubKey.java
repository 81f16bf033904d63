package org.tsunagu.node.log;

import java.time.Instant;
import java.util.Objects;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;

/** One key of a hub and the seqs it signs: {@code fromSeq} to {@code toSeq} ({@code null} = current). */
public record HubKey(HubId hub, KeyId key, long fromSeq, Long toSeq, KeySource source, Instant addedAt) {
    public HubKey {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(addedAt, "addedAt");
        if (fromSeq < 1 || (toSeq != null && toSeq < fromSeq - 1)) {
            throw new IllegalArgumentException("bad seq range " + fromSeq + ".." + toSeq);
        }
    }

    public boolean current() {
        return toSeq == null;
    }

    public boolean covers(long seq) {
        return seq >= fromSeq && (toSeq == null || seq <= toSeq);
    }
}
