package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.settings.Settings;

/**
 * Issue 10, attack 8: the smaller ways in, each sent byte by byte to a real node (raw sockets, since an
 * HTTP client refuses to send most of them): the HTTP server's own 400s, lenient Content-Type handling,
 * matrix parameters, {@code .} and {@code ..} ids, and unlimited guessing of the admin token. Every
 * refusal is a problem document, nothing is stored, and the health check keeps answering.
 */
class HostileRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "{\"name\":\"Sakura Relief\",\"country\":\"JP\"}";

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() {
        node = new TestNode(dir.resolve("jp-hub"), "jp-hub", c -> c, Settings.defaults()).start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /** One response, read to the end (every request here says Connection: close). */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        void assertProblem(int expected) throws IOException {
            assertEquals(expected, status, body);
            assertTrue(
                    header("Content-Type") != null && header("Content-Type").startsWith("application/problem+json"),
                    headers + " " + body);
            JsonNode problem = json();
            assertEquals(expected, problem.get("status").intValue(), body);
            assertTrue(problem.hasNonNull("title"), body);
            assertFalse(body.contains("Exception"), body);
        }
    }

    private Answer send(String request) throws IOException {
        return sendFrom("127.0.0.1", request);
    }

    /** Sends {@code request} as is from the loopback address {@code from}; reads until the server closes. */
    private Answer sendFrom(String from, String request) throws IOException {
        int port = URI.create(node.url()).getPort();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "no complete response: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).strip());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }

    private String adminPost(String path, String extraHeaders, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer "
                + node.token() + "\r\n" + extraHeaders + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private void assertHealthy() {
        TestClient.Reply health = new TestClient(node.base(), null).get("/healthz");
        assertEquals(200, health.status(), health.body());
    }

    private int organisationStatus(String id) {
        return new TestClient(node.base(), null)
                .get("/v1/directory/organizations/jp-hub/" + id)
                .status();
    }

    // ---- 8a: the HTTP server's own 400s

    @Test
    void head_over8KiB_400Problem() throws IOException {
        String big = "a".repeat(9_000);
        send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n")
                .assertProblem(400);
        assertHealthy();
    }

    @Test
    void contentLength_negativeOrNotANumber_400Problem() throws IOException {
        for (String length : new String[] {"-5", "abc", "12, 13"}) {
            send("POST /v1/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                            + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n")
                    .assertProblem(400);
        }
        assertHealthy();
    }

    @Test
    void chunkedBody_badChunkSize_400Problem() throws IOException {
        send("POST /admin/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + node.token()
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "zz\r\n{}\r\n0\r\n\r\n")
                .assertProblem(400);
        assertHealthy();
    }

    @Test
    void contentType_notAMediaType_400ProblemNothingStored() throws IOException {
        Answer a = send(adminPost(
                "/admin/v1/organizations",
                "Content-Type: ???/;;\r\n",
                "{\"id\":\"q1\",\"name\":\"Q\",\"country\":\"JP\"}"));
        a.assertProblem(400);
        assertEquals("Content-Type", a.json().get("errors").get(0).get("path").asText());
        assertEquals(404, organisationStatus("q1"));
    }

    @Test
    void acceptHeader_notAMediaType_problemNotEmpty() throws IOException {
        Answer a = send("GET /v1/directory/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: ???/;;\r\n"
                + "Connection: close\r\n\r\n");
        assertTrue(a.status() >= 400, a.toString());
        a.assertProblem(a.status());
    }

    /**
     * Attack 6's remainder: the 413 came at once, but the connection stayed open 30 s while Grizzly
     * waited to discard the declared 3 GB. It is closed at once now ({@link #send} reads until close).
     */
    @Test
    void contentLength_pastIntRange_413AndConnectionClosedAtOnce() throws IOException {
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            send("POST /v1/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                            + "Content-Length: 3000000000\r\nConnection: close\r\n\r\n{}")
                    .assertProblem(413);
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 10, "the connection was held " + seconds + " s");
        }
        assertHealthy();
    }

    /**
     * Attack 6 with a chunked body: a body past the limit is answered 413 problem+json as soon as it
     * passes it, and the connection is closed then, not kept open by reading and discarding whatever
     * the client keeps sending (it sends chunks for 30 s here, on a keep-alive connection).
     */
    @Test
    void chunkedBody_pastTheLimit_413AndConnectionClosedNotDrained() throws Exception {
        int port = URI.create(node.url()).getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /admin/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + node.token() + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "1\r\n[\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
            Thread sender = new Thread(() -> {
                byte[] chunk = ("2000\r\n" + " ".repeat(0x2000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
                long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                try {
                    while (System.nanoTime() < end) {
                        out.write(chunk);
                        out.flush();
                        sent.addAndGet(chunk.length);
                        Thread.sleep(sent.get() > ApiServer.DEFAULT_BODY_LIMIT ? 20 : 0);
                    }
                } catch (IOException | InterruptedException closed) {
                    // The server closed the connection: what this test wants.
                }
            });
            sender.setDaemon(true);
            sender.start();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            long answeredAt = 0;
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    all.write(buffer, 0, n);
                    if (answeredAt == 0) {
                        answeredAt = System.nanoTime();
                    }
                }
            } catch (java.net.SocketException reset) {
                // Closed hard while we were still sending: closed all the same.
            }
            long closedAfterMs = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answeredAt);
            String text = all.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 413 "), text);
            assertTrue(text.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), text);
            assertTrue(closedAfterMs < 5_000, "closed " + closedAfterMs + " ms after the 413");
            sender.interrupt();
        }
        assertHealthy();
    }

    // ---- 8b: Content-Type is required and single; authentication first

    @Test
    void adminPost_noContentType_415ProblemNothingStored() throws IOException {
        Answer a =
                send(adminPost("/admin/v1/organizations", "", "{\"id\":\"x1\",\"name\":\"Hello\",\"country\":\"JP\"}"));
        a.assertProblem(415);
        assertEquals(404, organisationStatus("x1"));
        String put = "PUT /admin/v1/organizations/x2 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + node.token() + "\r\nContent-Length: " + ORG.length() + "\r\n\r\n" + ORG;
        send(put).assertProblem(415);
        assertEquals(404, organisationStatus("x2"));
    }

    @Test
    void adminPost_duplicateOrConflictingContentType_415ProblemNothingStored() throws IOException {
        String body = "{\"id\":\"x3\",\"name\":\"Hello\",\"country\":\"JP\"}";
        send(adminPost("/admin/v1/organizations", "Content-Type: application/json\r\nContent-Type: text/csv\r\n", body))
                .assertProblem(415);
        send(adminPost("/admin/v1/organizations", "Content-Type: application/json, text/csv\r\n", body))
                .assertProblem(415);
        assertEquals(404, organisationStatus("x3"));
    }

    @Test
    void adminPost_bodylessAction_noContentTypeNeeded() throws IOException {
        Answer a = send("POST /admin/v1/keys/rotate HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + node.token() + "\r\nContent-Length: 0\r\n\r\n");
        assertTrue(a.status() / 100 == 2, a.toString());
    }

    @Test
    void adminPost_badTokenAndBadContentType_401First() throws IOException {
        String body = "{}";
        String noToken = "POST /admin/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n" + body;
        send(noToken).assertProblem(401);
        String wrongToken = "POST /admin/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer wrong-token-wrong-token\r\nContent-Length: 2\r\n\r\n" + body;
        send(wrongToken).assertProblem(401);
        String wrongTokenDuplicateType = "POST /admin/v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection:"
                + " close\r\nContent-Type: application/json\r\nContent-Type: text/csv\r\nContent-Length: 2\r\n\r\n"
                + body;
        send(wrongTokenDuplicateType).assertProblem(401);
        String unknownPath = "GET /admin/v1/nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        send(unknownPath).assertProblem(401);
    }

    // ---- 8c: matrix parameters

    @Test
    void matrixParameter_adminPut_400ProblemNothingStored() throws IOException {
        String put = "PUT /admin/v1/organizations/a;b HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + node.token() + "\r\nContent-Type: application/json\r\nContent-Length: "
                + ORG.length() + "\r\n\r\n" + ORG;
        Answer a = send(put);
        a.assertProblem(400);
        assertEquals("path", a.json().get("errors").get(0).get("path").asText());
        assertEquals(404, organisationStatus("a"));
    }

    @Test
    void matrixParameter_publicPaths_400Problem() throws IOException {
        for (String path : new String[] {"/healthz;x=1", "/v1/directory/organizations;q=a", "/v1/feeds/jp-hub;v=2"}) {
            send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .assertProblem(400);
        }
    }

    // ---- 8d: "." and ".." are not ids

    @Test
    void dotIds_create_422WithIdPathNothingStored() throws IOException {
        for (String id : new String[] {".", ".."}) {
            Answer a = send(adminPost(
                    "/admin/v1/organizations",
                    "Content-Type: application/json\r\n",
                    "{\"id\":\"" + id + "\",\"name\":\"Dots\",\"country\":\"JP\"}"));
            a.assertProblem(422);
            assertEquals("$.id", a.json().get("errors").get(0).get("path").asText(), a.body());
        }
        TestClient.Reply search = new TestClient(node.base(), null).get("/v1/directory/organizations?q=Dots");
        assertEquals(0, search.json().get("items").size(), search.body());
    }

    @Test
    void dotIds_partnership_422WithIdPath() throws IOException {
        String body = "{\"id\":\"..\",\"title\":\"x\",\"parties\":[]}";
        Answer a = send(adminPost("/admin/v1/partnerships", "Content-Type: application/json\r\n", body));
        a.assertProblem(422);
        boolean named = false;
        for (JsonNode e : a.json().get("errors")) {
            named |= e.get("path").asText().equals("$.id");
        }
        assertTrue(named, a.body());
    }

    // ---- 8e: failed admin authentication is limited per address

    @Test
    void wrongToken_elevenTimesFromOneAddress_429ThereButOtherAddressesServed() throws IOException {
        String wrong = "GET /admin/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer wrong-token-wrong-token\r\n\r\n";
        String right = "GET /admin/v1/alerts HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer " + node.token() + "\r\n\r\n";
        for (int i = 0; i < 10; i++) {
            sendFrom("127.0.0.2", wrong).assertProblem(401);
        }
        Answer limited = sendFrom("127.0.0.2", wrong);
        limited.assertProblem(429);
        assertTrue(
                Integer.parseInt(limited.header("Retry-After")) >= 1,
                limited.headers().toString());
        // The guesser's address waits even with the right token (or the limit would confirm a guess) ...
        sendFrom("127.0.0.2", right).assertProblem(429);
        // ... while the admin elsewhere is not held back by it.
        Answer admin = sendFrom("127.0.0.3", right);
        assertEquals(200, admin.status(), admin.body());
        assertEquals(200, node.admin.get("/admin/v1/alerts").status());
    }

    @Test
    void rightToken_manyRequests_neverLimited() {
        TestClient admin = node.admin;
        for (int i = 0; i < 30; i++) {
            assertEquals(200, admin.get("/admin/v1/alerts").status());
        }
        TestClient.Reply created = admin.send(admin.request("/admin/v1/organizations")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"ok-1\",\"name\":\"Fine\",\"country\":\"JP\"}")));
        assertEquals(201, created.status(), created.body());
    }
}
