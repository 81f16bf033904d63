package org.tsunagu.protocol;

/** The kinds of change a hub can sign. The wire name is the contract; the enum name is ours. */
public enum UpdateType {
    HUB_PROFILE("hub.profile"),
    ORG_UPSERT("org.upsert"),
    ORG_REMOVE("org.remove"),
    PARTNERSHIP_ANNOUNCE("partnership.announce"),
    PARTNERSHIP_ENDORSE("partnership.endorse"),
    PARTNERSHIP_RETRACT("partnership.retract"),
    KEY_ROTATE("key.rotate");

    private final String wire;

    UpdateType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
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
