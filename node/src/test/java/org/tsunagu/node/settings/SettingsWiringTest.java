package org.tsunagu.node.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.ops.OpsNode;

/** Settings reach the running node: a whole node wired by Main with a few of them changed. */
class SettingsWiringTest {
    @TempDir
    Path tmp;

    private OpsNode node;

    @BeforeEach
    void setUp() {
        Settings settings = Settings.defaults()
                .with(Settings.RATE_LIMIT_LOOPBACK, true)
                .with(Settings.RATE_PUBLIC_BURST, 2)
                .with(Settings.RATE_PUBLIC_PER_MINUTE, 1)
                .with(Settings.MAX_BODY_BYTES, 16L << 10);
        node = new OpsNode(tmp.resolve("node"), "jp-wired", settings);
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    @Test
    void publicRateLimit_fromSettings_thirdRequestRefused() {
        assertEquals(200, node.anonymous.get("/v1/feeds").status());
        assertEquals(200, node.anonymous.get("/v1/feeds").status());

        assertEquals(429, node.anonymous.get("/v1/feeds").status());
    }

    @Test
    void bodyLimit_fromSettings_appliesToAdminWritesButNotToTheInbox() {
        String big = "{\"id\":\"o1\",\"name\":\"" + "n".repeat(20_000) + "\"}";

        assertEquals(413, node.admin.postJson("/admin/v1/organizations", big).status());
        int inbox = node.anonymous
                .post("/v1/inbox", "application/x-ndjson", big + "\n")
                .status();
        assertNotEquals(413, inbox, "peers fill batches to the protocol's size, whatever this node's limit");
    }
}
