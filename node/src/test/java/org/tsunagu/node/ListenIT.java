package org.tsunagu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.http.TestClient;

/** init keeps where to listen in node.json and prints the command; the real jar's serve needs no flag then. */
class ListenIT {
    @TempDir
    Path tmp;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void serve_afterInitWithHostAndPort_listensThereWithoutFlagsAndAgainAfterARestart() throws Exception {
        Path data = tmp.resolve("data");
        int port = freePort();
        NodeProcess.Result init = NodeProcess.run(
                "init",
                "--data",
                data.toString(),
                "--hub",
                "jp-listen",
                "--country",
                "JP",
                "--host",
                "127.0.0.1",
                "--port",
                "" + port);
        assertEquals(0, init.status(), init.out());
        assertTrue(
                init.out().contains("Start it with: scripts/tsunagu serve --data " + data.toAbsolutePath()),
                init.out());
        assertTrue(init.out().contains("listens on 127.0.0.1:" + port), init.out());

        for (int start = 1; start <= 2; start++) {
            try (NodeProcess node = NodeProcess.serveAsConfigured(data, Map.of())) {
                assertEquals(URI.create("http://127.0.0.1:" + port + "/"), node.base(), "start " + start);
                assertEquals(
                        200, new TestClient(node.base(), null).get("/healthz").status());
            }
        }
    }

    @Test
    void serve_portFromTheEnvironment_winsOverNodeJson() throws Exception {
        Path data = tmp.resolve("data");
        int kept = freePort();
        NodeProcess.Result init = NodeProcess.run(
                "init", "--data", data.toString(), "--hub", "jp-listen", "--country", "JP", "--port", "" + kept);
        assertEquals(0, init.status(), init.out());
        int other = freePort();
        try (NodeProcess node = NodeProcess.serveAsConfigured(data, Map.of("TSUNAGU_PORT", "" + other))) {
            assertEquals(other, node.base().getPort());
        }
    }
}
