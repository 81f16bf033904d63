package org.tsunagu.protocol;

import java.util.List;

/**
 * SPEC §8 on first contact with a hub: its log is verified from seq 1 with the key its first envelope
 * names, following its {@code key.rotate}s, and the key in force after the head must equal the key the
 * node pinned (from the hub document, or the one its administrator expects). A hub that rotated its key
 * can so be followed directly, and a log that leads elsewhere is rejected whole.
 */
public final class FirstContact {
    private FirstContact() {}

    /**
     * Verifies {@code log}, the origin's envelopes from seq 1 in order, against {@code pinned}.
     *
     * @return the key in force after the head (equal to {@code pinned})
     * @throws ChainException if the log does not start at seq 1 or does not chain
     * @throws InvalidSignatureException if an envelope is signed by a key not in force at its seq, its
     *     signature does not verify, or the key in force after the head is not {@code pinned}
     * @throws MalformedMessageException if a rotation names an unusable key
     */
    public static KeyId verify(List<Envelope> log, KeyId pinned) {
        if (log.isEmpty()) {
            throw new ChainException(
                    ChainException.Kind.GAP, "$.seq", "an empty log cannot show which key is in force");
        }
        KeyId inForce = log.get(0).key();
        inForce.publicKey(); // the full key check before trusting it as the first key
        LogChain.Head head = null;
        for (Envelope e : log) {
            if (!e.key().equals(inForce)) {
                throw new InvalidSignatureException(
                        "$.key",
                        "seq " + e.seq() + " is signed with " + e.key() + " but the key in force is " + inForce);
            }
            e.verifySignature(inForce.publicKey());
            LogChain.check(head, e, seq -> null);
            head = new LogChain.Head(e.origin(), e.seq(), e.hash());
            if (e.type() == UpdateType.KEY_ROTATE) {
                inForce = KeyId.parse(e.body().path("new_key").asText(), "$.body.new_key");
                inForce.publicKey();
            }
        }
        if (!inForce.equals(pinned)) {
            throw new InvalidSignatureException(
                    "$.key",
                    "the key in force after seq " + head.seq() + " is " + inForce + ", not the pinned " + pinned);
        }
        return inForce;
    }
}
