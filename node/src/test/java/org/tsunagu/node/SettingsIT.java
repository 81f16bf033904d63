package org.tsunagu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.http.TestClient;

/** The real jar's {@code serve} takes settings from node.json, the environment and flags, in that order of rising precedence. */
class SettingsIT {
    @TempDir
    Path tmp;

    @Test
    void serve_settingsFromEveryPlace_flagOverEnvironmentOverNodeJson() throws Exception {
        Path data = tmp.resolve("data");
        NodeProcess.Result init =
                NodeProcess.run("init", "--data", data.toString(), "--hub", "jp-settings", "--country", "JP");
        assertEquals(0, init.status(), init.out());
        Path nodeJson = data.resolve("node.json");
        String json = Files.readString(nodeJson);
        Files.writeString(
                nodeJson,
                json.substring(0, json.lastIndexOf('}'))
                        + ", \"settings\": {\"rate_public_burst\": 50, \"rate_public_per_minute\": 1,"
                        + " \"learn_origins\": false}}");

        try (NodeProcess node = NodeProcess.serve(
                data,
                Map.of("TSUNAGU_RATE_PUBLIC_BURST", "2", "TSUNAGU_RATE_LIMIT_LOOPBACK", "false"),
                "--rate-limit-loopback=true")) {
            String startup = node.startupOutput();
            assertTrue(
                    startup.contains("tsunagu: settings: rate_public_per_minute=1 (" + nodeJson + "),"
                            + " rate_public_burst=2 (TSUNAGU_RATE_PUBLIC_BURST),"
                            + " rate_limit_loopback=true (--rate-limit-loopback),"
                            + " learn_origins=false (" + nodeJson + ")"),
                    startup);
            TestClient client = new TestClient(node.base(), null);

            assertEquals(200, client.get("/v1/feeds").status());
            assertEquals(200, client.get("/v1/feeds").status());
            assertEquals(429, client.get("/v1/feeds").status(), "burst 2 from the environment, not 50 from node.json");
        }
    }
}
