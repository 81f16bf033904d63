package org.tsunagu.node.ops.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.http.RawHttp;
import org.tsunagu.node.http.TestClient;

/**
 * Clients that send their request head one byte at a time, on raw sockets against a real Grizzly. The
 * idle, read and body timeouts are far away, so a close seen here can only be the header deadline's.
 */
class HeaderDeadlineTest {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    private static final ServerLimits LIMITS = new ServerLimits(
            100, 6, Duration.ofSeconds(30), DEADLINE, Duration.ofSeconds(30), Duration.ofSeconds(30), 2, 32);
    /** A head that takes 30 s to send at one byte per 100 ms: it can only end by the server's doing. */
    private static final String LONG_HEAD =
            "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "p".repeat(300) + "\r\n\r\n";

    private LimitsTestApp.Running app;

    @BeforeEach
    void setUp() {
        app = new LimitsTestApp.Running(LIMITS, BOUND);
    }

    @AfterEach
    void tearDown() throws IOException {
        app.close();
    }

    /** What a dribbling client saw: how long until the server closed, and how many bytes it had sent. */
    private record Dribble(long millis, int bytesSent) {}

    /** Sends {@code text} one byte every 100 ms until the server closes the connection. */
    private static CompletableFuture<Dribble> dribble(Socket socket, String text) {
        AtomicInteger sent = new AtomicInteger();
        long start = System.nanoTime();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                    out.write(b);
                    out.flush();
                    sent.incrementAndGet();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException e) {
                // The server closed the connection: what the test waits for.
            }
        });
        writer.setDaemon(true);
        writer.start();
        return CompletableFuture.supplyAsync(() -> {
            try {
                int end = RawHttp.readOrEnd(socket);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new Dribble(end == -1 ? millis : -1, sent.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void assertCutOffByTheDeadline(Dribble d) {
        assertTrue(d.millis() >= 0, "the server closed the connection");
        assertTrue(d.millis() >= DEADLINE.toMillis() - 100, "not before the deadline: " + d);
        assertTrue(d.bytesSent() < LONG_HEAD.length(), "closed while the head was still coming: " + d);
        assertTrue(d.millis() < 10_000, "soon after the deadline, not by another timeout: " + d);
    }

    @Test
    void dribbledHeads_closedAfterTheDeadlineWhileOthersAreServed() {
        assertTimeoutPreemptively(BOUND, () -> {
            CompletableFuture<Dribble> first = dribble(app.raw.connect(), LONG_HEAD);
            CompletableFuture<Dribble> second = dribble(app.raw.connect(), LONG_HEAD);

            TestClient.Reply ping = app.client.get("/healthz");

            assertEquals(200, ping.status());
            assertCutOffByTheDeadline(first.get());
            assertCutOffByTheDeadline(second.get());
        });
    }

    @Test
    void keepAlive_secondHeadDribbled_closedAfterTheDeadline() {
        assertTimeoutPreemptively(BOUND, () -> {
            Socket socket = app.raw.connect();
            RawHttp.send(socket, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals("HTTP/1.1 200 OK", RawHttp.response(socket).status());

            assertCutOffByTheDeadline(dribble(socket, LONG_HEAD).get());
        });
    }

    @Test
    void keepAlive_afterARequestWhoseBodyWasNotRead_nextHeadStillTimed() {
        assertTimeoutPreemptively(BOUND, () -> {
            Socket socket = app.raw.connect();
            // 405: the body is never read by the application, Grizzly skips it.
            RawHttp.send(
                    socket,
                    "POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 5\r\n\r\nhello");
            assertEquals(
                    "HTTP/1.1 405 Method Not Allowed", RawHttp.response(socket).status());

            assertCutOffByTheDeadline(dribble(socket, LONG_HEAD).get());
        });
    }

    @Test
    void slowBody_afterAPromptHead_notCutByTheHeaderDeadline() {
        assertTimeoutPreemptively(BOUND, () -> {
            Socket socket = app.raw.connect();
            RawHttp.send(
                    socket,
                    "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: 10\r\n\r\n");
            // Ten bytes over 2.5 s: well past the 1 s header deadline, well within the body deadline.
            for (int i = 0; i < 10; i++) {
                Thread.sleep(250);
                RawHttp.send(socket, "x");
            }

            assertEquals(new RawHttp.Response("HTTP/1.1 200 OK", "10"), RawHttp.response(socket));
        });
    }
}
