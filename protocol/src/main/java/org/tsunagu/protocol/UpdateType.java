package org.tsunagu.protocol;

/** The kinds of change a hub can sign. The wire name is the contract; the enum name is ours. */
public enum UpdateType {
    HUB_PROFILE("hub.profile"),
    ORG_UPSERT("org.upsert"),
    ORG_REMOVE("org.remove"),
    PARTNERSHIP_ANNOUNCE("partnership.announce"),
    PARTNERSHIP_ENDORSE("partnership.endorse"),
    PARTNERSHIP_RETRACT("partnership.retract"),
    KEY_ROTATE("key.rotate"),
    /** The origin erases one of its organisations everywhere (SPEC §6.9); version 2 envelopes only. */
    ORG_ERASE("org.erase", 2);

    private final String wire;
    private final int sinceVersion;

    UpdateType(String wire) {
        this(wire, 1);
    }

    UpdateType(String wire, int sinceVersion) {
        this.wire = wire;
        this.sinceVersion = sinceVersion;
    }

    public String wire() {
        return wire;
    }

    /** The first envelope version that may carry this type. */
    public int sinceVersion() {
        return sinceVersion;
    }

    /** @throws MalformedMessageException if {@code wire} names no known type */
    public static UpdateType fromWire(String wire, String path) {
        for (UpdateType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new MalformedMessageException(path, "unknown update type: " + HubId.shorten(wire));
    }

    @Override
    public String toString() {
        return wire;
    }
}
