package org.tsunagu.node.log;

/** Why a hub key is trusted. */
public enum KeySource {
    /** This node's own key. */
    LOCAL("local"),
    /** Pinned by an admin or on first contact with a peer. */
    PEER_PINNED("peer_pinned"),
    /** Taken from the seq-1 {@code hub.profile} of an origin first seen through a relay. */
    LEARNED_FROM_PROFILE("learned_from_profile"),
    /** Named by a {@code key.rotate} signed with the previous key. */
    ROTATION("rotation");

    private final String sql;

    KeySource(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    static KeySource fromSql(String value) {
        for (KeySource s : values()) {
            if (s.sql.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown key source " + value);
    }
}
