package org.tsunagu.node.log;

import java.time.Instant;
import java.util.Objects;

/**
 * Something an admin must look at, listed at {@code GET /admin/v1/alerts}. Kinds:
 *
 * <ul>
 *   <li>{@value #EQUIVOCATION}: an origin signed two different envelopes for one seq and is halted;
 *   <li>{@value #KEY_ROTATION}: a hub (this one included) rotated its key through a signed {@code
 *       key.rotate};
 *   <li>{@value #KEY_LEARNED}: a relayed origin's key was pinned on first sight of its signed {@code
 *       hub.profile};
 *   <li>{@value #REJECTED}: envelopes from a peer were refused (forged or wrongly signed, bad body, prev
 *       mismatch);
 *   <li>{@value #REFUSED}: a peer request was refused before ingest (bad request signature, not a peer,
 *       garbage);
 *   <li>{@value #REPLAY}: a signed peer request was sent again;
 *   <li>{@value #PEER}: a peer stopped answering usably (down, hanging, garbage).
 * </ul>
 *
 * @param peer the peer that sent or served what the alert is about, if any (a hub id, or a description
 *     of an unverified sender)
 * @param origin the origin concerned, if any
 * @param details a JSON object with the facts behind the message (e.g. both hashes of an
 *     equivocation), or null
 * @param count how many times it was raised while unacknowledged (a repeat updates the one row)
 * @param lastSeenAt the last of those times ({@code createdAt} is the first)
 * @param address the client address the request came from, for requests refused from senders that
 *     are no pinned peer (which are counted per address), else null
 */
public record Alert(
        long id,
        String kind,
        String peer,
        String origin,
        Long seq,
        String message,
        String details,
        Instant createdAt,
        Instant acknowledgedAt,
        long count,
        Instant lastSeenAt,
        String address) {
    public static final String EQUIVOCATION = "equivocation";
    public static final String KEY_ROTATION = "key_rotation";
    public static final String KEY_LEARNED = "key_learned";
    public static final String REJECTED = "rejected";
    public static final String REFUSED = "refused";
    public static final String REPLAY = "replay";
    public static final String PEER = "peer";
    /** A hub asked to follow this node and waits for the admin's approve or refuse. */
    public static final String FOLLOW_REQUEST = "follow_request";
    /** An admin resumed a halted origin; details hold both envelopes and which was kept. */
    public static final String HALT_RESOLVED = "halt_resolved";
    /** An admin replaced a hub's pinned key out of band (SPEC §8, a stolen key). */
    public static final String KEY_REPLACED = "key_replaced";

    /**
     * Kinds an admin must see before any other, whatever their age: a hub's history forked, a halt was
     * resolved, or a key changed. The default list puts these first.
     */
    public static final java.util.List<String> SEVERE =
            java.util.List.of(EQUIVOCATION, HALT_RESOLVED, KEY_REPLACED, KEY_ROTATION);

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(createdAt, "createdAt");
        if (lastSeenAt == null) {
            lastSeenAt = createdAt;
        }
    }

    public boolean severe() {
        return SEVERE.contains(kind);
    }
}
