package org.tsunagu.node.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.settings.Settings;

/** Stopping the server: quick with idle keep-alive clients, yet requests in flight still get answered. */
class ApiServerCloseTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch readingStarted = new CountDownLatch(1);
    private ApiServer server;
    private RawHttp raw;
    private Socket socket;

    @Path("t")
    public final class Probe {
        @GET
        @Path("quick")
        @Produces(MediaType.TEXT_PLAIN)
        public String quick() {
            return "ok";
        }

        @GET
        @Path("slow")
        @Produces(MediaType.TEXT_PLAIN)
        public String slow(@QueryParam("ms") long millis) throws InterruptedException {
            slowStarted.countDown();
            Thread.sleep(millis);
            return "done";
        }

        @POST
        @Path("upload")
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String upload(InputStream body) throws IOException {
            readingStarted.countDown();
            return Integer.toString(body.readAllBytes().length);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        start(ApiServer.DEFAULT_SHUTDOWN_GRACE);
    }

    private void start(Duration grace) throws IOException {
        ResourceConfig config = ApiServer.baseConfig(new JsonMapperProvider());
        config.register(new Probe());
        // Tuned as the node's server is, so its add-ons (and their threads) are stopped too.
        server = ApiServer.start("127.0.0.1", 0, config, Settings.defaults().serverLimits()::tune, grace);
        raw = new RawHttp(server.port(), BOUND);
        socket = raw.connect();
    }

    @AfterEach
    void tearDown() throws IOException {
        raw.close();
        server.close();
    }

    private void send(String path) throws IOException {
        RawHttp.send(socket, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    private String response() throws IOException {
        RawHttp.Response r = RawHttp.response(socket);
        return r.status() + " " + r.body();
    }

    @Test
    void close_idleKeepAliveClientConnected_returnsQuicklyAndClosesIt() {
        assertTimeoutPreemptively(BOUND, () -> {
            send("/t/quick");
            assertEquals("HTTP/1.1 200 OK ok", response());

            long start = System.nanoTime();
            server.close();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(took < 2_000, "close took " + took + " ms with an idle keep-alive connection");
            assertEquals(-1, RawHttp.readOrEnd(socket), "the idle connection is closed");
        });
    }

    @Test
    void close_requestStuckReadingItsBody_cutOffAfterTheGrace() {
        assertTimeoutPreemptively(BOUND, () -> {
            tearDown();
            start(Duration.ofMillis(300));
            RawHttp.send(
                    socket,
                    "POST /t/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                            + "Content-Length: 100\r\n\r\nonly this much");
            assertTrue(readingStarted.await(10, TimeUnit.SECONDS));

            long start = System.nanoTime();
            server.close();
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(took < 2_000, "close took " + took + " ms with a request waiting for its body");
        });
    }

    @Test
    void close_requestInFlight_answeredBeforeTheServerStops() {
        assertTimeoutPreemptively(BOUND, () -> {
            send("/t/slow?ms=300");
            assertTrue(slowStarted.await(10, TimeUnit.SECONDS));

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

            assertEquals("HTTP/1.1 200 OK done", response());
            closing.get();
        });
    }
}
