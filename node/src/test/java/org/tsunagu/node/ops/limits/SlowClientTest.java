package org.tsunagu.node.ops.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.http.RawHttp;
import org.tsunagu.node.http.TestClient;

/** Clients that trickle bodies or sit on idle connections, against a real Grizzly on 127.0.0.1. */
class SlowClientTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final ServerLimits LIMITS = new ServerLimits(
            100, 6, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 32);

    private LimitsTestApp.Running app;

    @BeforeEach
    void setUp() {
        app = new LimitsTestApp.Running(LIMITS, BOUND);
    }

    @AfterEach
    void tearDown() throws IOException {
        app.close();
    }

    private Socket connect() throws IOException {
        return app.raw.connect();
    }

    /** Sends headers for a 1,000-byte body, then one byte every 200 ms; returns the status line. */
    private CompletableFuture<String> trickle() throws IOException {
        Socket socket = connect();
        OutputStream out = socket.getOutputStream();
        out.write(("POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                        + "Content-Length: 1000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        CompletableFuture<String> status = CompletableFuture.supplyAsync(() -> statusLine(socket));
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 1000 && !status.isDone(); i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // The server closed the connection: what the test waits for.
            }
        });
        writer.setDaemon(true);
        writer.start();
        return status;
    }

    private static String statusLine(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        } catch (IOException e) {
            return "closed: " + e.getMessage();
        }
    }

    @Test
    void tricklingBodies_cutOffWith408WhileOthersAreServed() {
        assertTimeoutPreemptively(BOUND, () -> {
            // As many tricklers as worker threads.
            CompletableFuture<String> first = trickle();
            CompletableFuture<String> second = trickle();
            Thread.sleep(300);

            long start = System.nanoTime();
            TestClient.Reply ping = app.client.get("/healthz");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertEquals(200, ping.status());
            assertTrue(waited < 5_000, "answered in " + waited + " ms, not held by the tricklers");
            assertTrue(first.get().startsWith("HTTP/1.1 408"), first.get());
            assertTrue(second.get().startsWith("HTTP/1.1 408"), second.get());
        });
    }

    @Test
    void idleConnections_closedByTheServerAfterTheIdleTimeout() {
        assertTimeoutPreemptively(BOUND, () -> {
            List<Socket> idle = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                idle.add(connect());
            }
            assertEquals(200, app.client.get("/healthz").status(), "idle connections hold no worker");
            for (Socket s : idle) {
                assertEquals(-1, readOrEnd(s), "closed by the server");
            }
        });
    }

    @Test
    void connectionsOverThePerAddressCap_refusedAtOnceThenFreedWhenClosed() throws IOException {
        // A server whose idle and read timeouts are far away, so a close seen here can only be the
        // cap's doing, even when a loaded machine is slow to accept.
        app.close();
        ServerLimits patient = new ServerLimits(
                100,
                6,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                2,
                32);
        app = new LimitsTestApp.Running(patient, BOUND);
        assertTimeoutPreemptively(BOUND, () -> {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                held.add(connect());
            }
            // The server may count the accepts in another order than the client connected, so which of
            // the seven is refused is not fixed: exactly one, closed without a word, and six stay open.
            List<Socket> closed = new ArrayList<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (closed.isEmpty() && System.nanoTime() < deadline) {
                for (Socket s : held) {
                    if (closedByServer(s, 20)) {
                        closed.add(s);
                    }
                }
            }
            held.removeAll(closed);
            assertEquals(1, closed.size(), "one connection over the cap is closed");
            for (Socket s : held) {
                assertFalse(closedByServer(s, 200), "connections within the cap stay open");
            }
            for (Socket s : held) {
                s.close();
            }
            assertEquals(200, awaitHealthy(), "room again once they are gone");
        });
    }

    private int awaitHealthy() throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                int status = app.client.get("/healthz").status();
                if (status == 200) {
                    return status;
                }
            } catch (RuntimeException closedWhileCountsCatchUp) {
                // The server may not have seen the closes yet.
            }
            Thread.sleep(100);
        }
        return -1;
    }

    /** Whether the server closed (or reset) {@code socket} within {@code millis}, sending nothing. */
    private static boolean closedByServer(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            int read = socket.getInputStream().read();
            if (read != -1) {
                throw new AssertionError("the server sent a byte: " + read);
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException open) {
            return false;
        }
    }

    private static int readOrEnd(Socket socket) throws IOException {
        return RawHttp.readOrEnd(socket);
    }
}
