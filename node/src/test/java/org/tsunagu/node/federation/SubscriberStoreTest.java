package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class SubscriberStoreTest {
    private static final HubId FOLLOWER = HubId.of("th-follower");
    private static final String INBOX = "http://127.0.0.1:1/v1/inbox";

    @TempDir
    Path dir;

    private static KeyId key() {
        return Ed25519KeyPair.generate(new SecureRandom()).publicKey().keyId();
    }

    @Test
    void put_pendingAgainAfterApproval_staysActive() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            SubscriberStore store = new SubscriberStore(db, Clock.systemUTC());
            KeyId key = key();
            store.put(FOLLOWER, key, INBOX, OriginFilter.all(), SubscriberStore.Status.PENDING, Map.of());
            store.setStatus(FOLLOWER, SubscriberStore.Status.ACTIVE, Map.of());

            // The follower's re-ask that read "pending" before the approval committed.
            SubscriberStore.Status stored =
                    store.put(FOLLOWER, key, INBOX, OriginFilter.all(), SubscriberStore.Status.PENDING, Map.of());

            assertEquals(SubscriberStore.Status.ACTIVE, stored);
            assertEquals(
                    SubscriberStore.Status.ACTIVE,
                    store.find(FOLLOWER).orElseThrow().status());
        }
    }

    @Test
    void put_pendingWithAnotherKeyAfterApproval_isPendingAgain() {
        try (Database db = Database.open(dir.resolve("t.db"))) {
            SubscriberStore store = new SubscriberStore(db, Clock.systemUTC());
            store.put(FOLLOWER, key(), INBOX, OriginFilter.all(), SubscriberStore.Status.PENDING, Map.of());
            store.setStatus(FOLLOWER, SubscriberStore.Status.ACTIVE, Map.of());

            SubscriberStore.Status stored =
                    store.put(FOLLOWER, key(), INBOX, OriginFilter.all(), SubscriberStore.Status.PENDING, Map.of());

            assertEquals(SubscriberStore.Status.PENDING, stored);
        }
    }
}
