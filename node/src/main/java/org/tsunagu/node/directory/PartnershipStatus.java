package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonValue;

/** Derived from the logs: announced, confirmed once every party's hub endorsed, or retracted. */
public enum PartnershipStatus {
    ANNOUNCED("announced"),
    CONFIRMED("confirmed"),
    RETRACTED("retracted");

    private final String wire;

    PartnershipStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** @return null if {@code value} names no status */
    public static PartnershipStatus fromWire(String value) {
        for (PartnershipStatus s : values()) {
            if (s.wire.equals(value)) {
                return s;
            }
        }
        return null;
    }
}
