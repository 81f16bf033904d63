package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tsunagu.node.federation.FederationFixtures.await;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several real nodes on loopback ports exchanging their logs. */
class FederationTest {
    @Test
    void push_followerOfHub_receivesNewEnvelopesAndHistory(@TempDir Path a, @TempDir Path b) {
        try (TestNode hub = TestNode.start(a, "jp-hub");
                TestNode forum = TestNode.start(b, "ap-forum")) {
            hub.publishOrg("o1", "First");
            forum.follow(hub);
            await("history pulled", () -> forum.head(hub) == 2);
            for (int i = 2; i <= 20; i++) {
                hub.publishOrg("o" + i, "Org " + i);
            }
            await("pushes arrived", () -> forum.head(hub) == 21);
            assertEquals("active", hub.federation().subscribers().list().get(0).status());
        }
    }
}
