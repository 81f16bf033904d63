package org.tsunagu.node.federation;

import java.security.SecureRandom;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Hubs no node has pinned, for tests outside this package: one signed request with a fresh key, and
 * nothing after it (a stranger that asked once and went away never asks again, unlike a node's puller).
 */
public final class Strangers {
    private Strangers() {}

    /**
     * {@code stranger} asks the node at {@code nodeUrl} once to follow it, with an inbox nobody listens
     * on; returns the node's answer ({@code pending} for a hub whose key it has not pinned).
     */
    public static String askToFollow(String nodeUrl, String stranger) {
        return FederationFixtures.clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()))
                .subscribe(nodeUrl, HubId.of(stranger), "http://127.0.0.1:9/" + stranger, OriginFilter.all());
    }
}
