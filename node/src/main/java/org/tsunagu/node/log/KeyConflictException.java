package org.tsunagu.node.log;

import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;

/** A hub is already pinned to another key; only a signed {@code key.rotate} may change it. */
public class KeyConflictException extends RuntimeException {
    private final HubId hub;

    public KeyConflictException(HubId hub, KeyId pinned, KeyId offered) {
        super(hub + " is pinned to " + pinned + ", not " + offered + "; keys change only by a signed key.rotate");
        this.hub = hub;
    }

    public HubId hub() {
        return hub;
    }
}
