package org.tsunagu.protocol;

/** An envelope that does not extend its origin's log: a gap, a wrong {@code prev}, or an equivocation. */
public class ChainException extends ProtocolException {
    /** Why the envelope does not fit. */
    public enum Kind {
        /** {@code seq} is beyond the next expected one: pull the missing envelopes first. */
        GAP,
        /** {@code seq} is the next one but {@code prev} is not the hash of the head. */
        PREV_MISMATCH,
        /** Another envelope with the same origin and seq is already held: the origin forked its log. */
        EQUIVOCATION,
        /** {@code seq} is the next one but its version is lower than the head's: logs never go back a version. */
        DOWNGRADE
    }

    private final Kind kind;

    public ChainException(Kind kind, String path, String message) {
        super(path, message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
