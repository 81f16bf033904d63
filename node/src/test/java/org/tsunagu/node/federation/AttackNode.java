package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Runs the attacks of issue 10 against a node that runs as its own process (started by {@code
 * scripts/attack-node} with {@code scripts/tsunagu serve} on a free loopback port) and prints, per
 * attack, the latency of {@code /healthz} and of a directory search (max and p95, probed every 50 ms
 * from 127.0.0.1 while the attack runs) and the node's largest RSS meanwhile. Attackers use other
 * loopback addresses. Not a test: a tool whose figures depend on the machine.
 *
 * <p>Arguments: {@code --url http://127.0.0.1:PORT --token TOKEN --pid PID [--seconds 20] [--only 4,5]}
 * (the baseline always runs).
 */
public final class AttackNode {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final int port;
    private final String token;
    private final long pid;
    private final Duration hold;
    private final Duration trickleHold;
    private final HealthyPeer healthy;
    /** The attacks to run, by number ("1".."8"); empty runs them all. */
    private final java.util.Set<String> only;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private AttackNode(
            String url,
            String token,
            long pid,
            Duration hold,
            Duration trickleHold,
            HealthyPeer healthy,
            java.util.Set<String> only) {
        this.url = url;
        this.port = URI.create(url).getPort();
        this.token = token;
        this.pid = pid;
        this.hold = hold;
        this.trickleHold = trickleHold;
        this.healthy = healthy;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        AttackNode run = new AttackNode(
                a.get("url"),
                a.get("token"),
                Long.parseLong(a.get("pid")),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("seconds", "20"))),
                Duration.ofSeconds(Long.parseLong(a.getOrDefault("trickle-seconds", "75"))),
                new HealthyPeer(a.get("peer-url"), a.get("peer-token"), a.get("peer-hub")),
                a.getOrDefault("only", "").isBlank()
                        ? java.util.Set.of()
                        : java.util.Set.of(a.get("only").split(",")));
        run.all();
        System.exit(0);
    }

    private void all() throws Exception {
        seed();
        healthy.awaitFollowed(url, token);
        System.out.printf(
                Locale.ROOT,
                "%-34s %15s %15s %5s %11s %7s %6s %5s  %s%n",
                "attack",
                "healthz max/p95",
                "search max/p95",
                "fails",
                "lag/age s",
                "RSS MiB",
                "alerts",
                "subs",
                "outcome");
        measure("idle (baseline)", () -> {
            Thread.sleep(5_000);
            return "-";
        });
        measure("1 slow uploads (104 connections)", this::slowUploads);
        measure("2 subscription hijack", this::hijack);
        measure("3 trickling peers (5)", this::tricklingPeers);
        measure("4 huge feed pages", this::hugePages);
        measure("5 stranger flood (1000+500)", this::flood);
        measure("6 Content-Length > 2^31-1", this::hugeLength);
        measure("7 truncated bundles", this::truncatedBundles);
        measure("8 malformed requests", this::malformed);
    }

    // ------------------------------------------------------------------ attacks

    private String slowUploads() throws Exception {
        List<SlowUploader> attackers = new ArrayList<>();
        Duration every = Duration.ofSeconds(5);
        try {
            for (int i = 0; i < 64; i++) {
                attackers.add(new SlowUploader(
                        port, "127.0.0." + (2 + i % 4), "/v1/inbox", PeerClient.NDJSON, 100_000, i % 2 == 0, every));
            }
            for (int i = 0; i < 40; i++) {
                attackers.add(new SlowUploader(
                        port, "127.0.0.6", "/v1/subscriptions", "application/json", 16_000, true, every));
            }
            Thread.sleep(hold.toMillis());
            Map<String, Integer> statuses = new TreeMap<>();
            for (SlowUploader u : attackers) {
                String s = u.status().getNow("still sending");
                statuses.merge(s.replaceFirst("^HTTP/1\\.1 (\\d+).*", "$1"), 1, Integer::sum);
            }
            return "answers " + statuses;
        } finally {
            for (SlowUploader u : attackers) {
                u.close();
            }
        }
    }

    private String hijack() throws Exception {
        Ed25519KeyPair alphaKey = Ed25519KeyPair.generate(new SecureRandom());
        PeerClient alpha = client(alphaKey);
        HubId jp = HubId.of("xx-alpha");
        String realInbox = "http://127.0.0.1:9/alpha/v1/inbox";
        alpha.subscribe(url, jp, realInbox, OriginFilter.all());
        admin("POST", "/admin/v1/subscribers/xx-alpha/approve", null);
        String hijack = client(Ed25519KeyPair.generate(new SecureRandom()))
                .subscribe(url, jp, "http://127.0.0.1:9/evil/v1/inbox", OriginFilter.all());
        boolean kept = false;
        for (JsonNode s : admin("GET", "/admin/v1/subscribers", null).get("items")) {
            kept |= s.get("hub").asText().equals("xx-alpha")
                    && s.get("status").asText().equals("active")
                    && s.get("inbox").asText().equals(realInbox)
                    && s.get("fingerprint")
                            .asText()
                            .equals(alphaKey.publicKey().keyId().fingerprint());
        }
        alpha.unsubscribe(url, jp);
        return "stranger got " + hijack + "; follower kept: " + (kept ? "yes" : "NO") + "; its own DELETE: ok";
    }

    private String tricklingPeers() throws Exception {
        List<TricklingPeer> peers = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                TricklingPeer p = new TricklingPeer(
                        "zz-slow" + i,
                        Ed25519KeyPair.generate(new SecureRandom()),
                        TricklingPeer.slowAfterFirstContact(Duration.ofMillis(2_000)));
                peers.add(p);
                admin("POST", "/admin/v1/subscriptions", "{\"peer\":\"" + p.baseUrl() + "\"}");
            }
            // Strangers' pushes ask for pull rounds. Held past peer_request_deadline (60 s), as the issue's
            // one-minute trickles were, so the deadline itself is what frees the pull workers.
            long end = System.nanoTime() + trickleHold.toNanos();
            while (System.nanoTime() < end) {
                strangerPush();
                Thread.sleep(1_000);
            }
            return pullErrors("zz-slow");
        } finally {
            for (TricklingPeer p : peers) {
                p.close();
            }
        }
    }

    /**
     * A hostile peer whose feed page is 2,000 lines of 68 KiB of valid JSON (about 139 MB), written as
     * fast as the node reads, as in attack 4.
     */
    private String hugePages() throws Exception {
        int lines = 2_000;
        byte[] line = ("{\"pad\":\"" + "x".repeat(68 * 1024 - 12) + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        AtomicLong sent = new AtomicLong();
        TricklingPeer.FeedAnswer flood = (path, out) -> {
            if (!path.startsWith("/v1/feeds/")) {
                TricklingPeer.respond(out, "{\"feeds\":[{\"origin\":\"zz-huge\",\"seq\":" + lines + "}]}");
                return;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                            + (long) line.length * lines + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < lines; i++) {
                out.write(line);
                sent.addAndGet(line.length);
            }
            out.flush();
        };
        try (TricklingPeer peer = new TricklingPeer("zz-huge", Ed25519KeyPair.generate(new SecureRandom()), flood)) {
            admin("POST", "/admin/v1/subscriptions", "{\"peer\":\"" + peer.baseUrl() + "\"}");
            long end = System.nanoTime() + hold.toNanos();
            while (System.nanoTime() < end) {
                strangerPush();
                Thread.sleep(1_000);
            }
            return "peer sent " + sent.get() / (1024 * 1024) + " MiB; " + pullErrors("zz-huge");
        }
    }

    private String flood() throws Exception {
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            refused += strangerPush() ? 1 : 0;
        }
        int subscriptions = 0;
        for (int i = 0; i < 500; i++) {
            try {
                client(Ed25519KeyPair.generate(new SecureRandom()))
                        .subscribe(url, HubId.of("xx-s" + i), "http://127.0.0.1:9/s" + i, OriginFilter.all());
                subscriptions++;
            } catch (PeerException e) {
                // 503 once the pending requests are capped.
            }
        }
        JsonNode alerts = admin("GET", "/admin/v1/alerts?order=newest&limit=1000", null);
        long pending = 0;
        for (JsonNode s : admin("GET", "/admin/v1/subscribers", null).get("items")) {
            pending += s.get("status").asText().equals("pending") ? 1 : 0;
        }
        return refused + " pushes refused, " + subscriptions + " subscriptions accepted as pending; alert rows "
                + alerts.get("items").size() + ", pending subscribers " + pending;
    }

    private String hugeLength() throws Exception {
        Map<String, Integer> statuses = new TreeMap<>();
        long slowest = 0;
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            String answer = raw(
                    "127.0.0.7",
                    "POST /v1/inbox HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-ndjson\r\n"
                            + "Content-Length: 3000000000\r\nConnection: close\r\n\r\n{}");
            slowest = Math.max(slowest, System.nanoTime() - start);
            statuses.merge(statusOf(answer), 1, Integer::sum);
        }
        return "answers " + statuses + ", slowest " + TimeUnit.NANOSECONDS.toMillis(slowest) + " ms";
    }

    private String truncatedBundles() throws Exception {
        HttpResponse<byte[]> bundle = http.send(
                HttpRequest.newBuilder(URI.create(url + "/admin/v1/bundles"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] whole = bundle.body();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int cuts = Math.min(200, whole.length - 1);
        for (int i = 1; i <= cuts; i++) {
            int length = (int) ((long) whole.length * i / (cuts + 1));
            byte[] cut = java.util.Arrays.copyOf(whole, length);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/admin/v1/bundles"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/gzip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(cut))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode(), 1, Integer::sum);
        }
        return cuts + " cuts of a " + whole.length + "-byte bundle answered " + statuses;
    }

    private String malformed() throws Exception {
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put(
                "head>8KiB",
                "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9_000) + "\r\nConnection: close\r\n\r\n");
        requests.put("CL -5", "POST /v1/inbox HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\nConnection: close\r\n\r\n");
        requests.put(
                "CL abc", "POST /v1/inbox HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\nConnection: close\r\n\r\n");
        requests.put(
                "bad chunk",
                adminHead("POST /admin/v1/organizations", "Content-Type: application/json\r\n")
                        + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        String org = "{\"id\":\"m1\",\"name\":\"M\",\"country\":\"JP\"}";
        requests.put("CT ???/;;", withBody(adminHead("POST /admin/v1/organizations", "Content-Type: ???/;;\r\n"), org));
        requests.put("no CT", withBody(adminHead("POST /admin/v1/organizations", ""), org));
        requests.put(
                "matrix",
                withBody(adminHead("PUT /admin/v1/organizations/a;b", "Content-Type: application/json\r\n"), org));
        requests.put(
                "id ..",
                withBody(
                        adminHead("POST /admin/v1/organizations", "Content-Type: application/json\r\n"),
                        "{\"id\":\"..\",\"name\":\"M\",\"country\":\"JP\"}"));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : requests.entrySet()) {
            String answer = raw("127.0.0.8", e.getValue());
            boolean problem = answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json");
            out.append(e.getKey())
                    .append(' ')
                    .append(statusOf(answer))
                    .append(problem ? "" : " NOT-PROBLEM")
                    .append(", ");
        }
        Map<String, Integer> guesses = new TreeMap<>();
        for (int i = 0; i < 15; i++) {
            guesses.merge(
                    statusOf(raw(
                            "127.0.0.9",
                            "GET /admin/v1/alerts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong-wrong-wrong-wrong\r\n"
                                    + "Connection: close\r\n\r\n")),
                    1,
                    Integer::sum);
        }
        return out + "15 wrong tokens " + guesses;
    }

    // ------------------------------------------------------------------ helpers

    private String adminHead(String requestLine, String headers) {
        return requestLine + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " + token + "\r\n"
                + headers;
    }

    private static String withBody(String head, String body) {
        return head + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String statusOf(String answer) {
        return answer.length() >= 12 && answer.startsWith("HTTP/1.1 ") ? answer.substring(9, 12) : "closed";
    }

    private String raw(String from, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(35_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    all.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // Answered, then closed hard.
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private PeerClient client(Ed25519KeyPair key) {
        return new PeerClient(
                http, new RequestSigning(() -> key, Clock.systemUTC(), Duration.ofMinutes(5)), Duration.ofSeconds(10));
    }

    /** A push signed by a fresh key; true when refused (as it should be). */
    private boolean strangerPush() {
        try {
            client(Ed25519KeyPair.generate(new SecureRandom()))
                    .push(url + "/v1/inbox", List.of())
                    .join();
            return false;
        } catch (CompletionException e) {
            return true;
        }
    }

    private String pullErrors(String prefix) throws Exception {
        Map<String, Integer> errors = new TreeMap<>();
        for (JsonNode s : admin("GET", "/admin/v1/subscriptions", null).get("items")) {
            if (s.get("hub").asText().startsWith(prefix)) {
                String e = s.path("last_error").asText("none");
                errors.merge(e.length() > 60 ? e.substring(0, 60) + "…" : e, 1, Integer::sum);
            }
        }
        return "pull errors " + errors;
    }

    private JsonNode admin(String method, String path, String body) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private void seed() throws Exception {
        StringBuilder records = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            records.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"org-")
                    .append(i)
                    .append("\",\"name\":\"Attack test org ")
                    .append(i)
                    .append("\",\"country\":\"JP\"}");
        }
        admin("POST", "/admin/v1/import/organizations", records.append(']').toString());
    }

    private interface Attack {
        String run() throws Exception;
    }

    private void measure(String name, Attack attack) throws Exception {
        String number = name.substring(0, name.indexOf(' '));
        if (!only.isEmpty() && !only.contains(number) && !name.startsWith("idle")) {
            return;
        }
        Probe probe = new Probe();
        String outcome;
        try {
            outcome = attack.run();
        } catch (Exception e) {
            outcome = "attack failed: " + e;
        } finally {
            probe.close();
        }
        HealthyPeer.Lag lag = probe.lag;
        JsonNode alerts = admin("GET", "/admin/v1/alerts?order=newest&limit=1000", null);
        int subscribers =
                admin("GET", "/admin/v1/subscribers", null).get("items").size();
        System.out.printf(
                Locale.ROOT,
                "%-34s %7d/%-7d %7d/%-7d %5d %5.1f/%-5.1f %7d %6d %5d  %s%n",
                name,
                probe.health.max(),
                probe.health.p95(),
                probe.search.max(),
                probe.search.p95(),
                probe.failures.size(),
                lag.maxLagMs() / 1000.0,
                lag.maxPullAgeMs() / 1000.0,
                probe.rssMaxKiB / 1024,
                alerts.get("items").size(),
                subscribers,
                outcome + "; healthy peer: " + lag.summary());
        if (!probe.failures.isEmpty()) {
            System.out.println("    first failures: " + probe.failures.subList(0, Math.min(3, probe.failures.size())));
        }
    }

    /** Latencies in milliseconds. */
    private static final class Latencies {
        private final List<Long> values = Collections.synchronizedList(new ArrayList<>());

        void add(long ms) {
            values.add(ms);
        }

        long max() {
            synchronized (values) {
                return values.stream().mapToLong(Long::longValue).max().orElse(0);
            }
        }

        long p95() {
            synchronized (values) {
                if (values.isEmpty()) {
                    return 0;
                }
                List<Long> sorted = new ArrayList<>(values);
                Collections.sort(sorted);
                return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.95) - 1));
            }
        }
    }

    /** Probes /healthz and a search from 127.0.0.1 every 50 ms, and samples the node's RSS. */
    private final class Probe implements AutoCloseable {
        final Latencies health = new Latencies();
        final Latencies search = new Latencies();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final HealthyPeer.Lag lag = healthy.watch(url, token);
        volatile long rssMaxKiB;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread prober = new Thread(this::probeLoop, "attack-probe");
        private final Thread sampler = new Thread(this::sampleLoop, "attack-rss");

        Probe() {
            prober.setDaemon(true);
            sampler.setDaemon(true);
            prober.start();
            sampler.start();
        }

        private void probeLoop() {
            while (running.get()) {
                probe("/healthz", health);
                probe("/v1/directory/organizations?q=attack", search);
                sleep(50);
            }
        }

        private void probe(String path, Latencies into) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    failures.add(path + " " + r.statusCode());
                }
            } catch (Exception e) {
                failures.add(path + " " + e.getClass().getSimpleName());
            }
            into.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }

        private void sampleLoop() {
            while (running.get()) {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                        if (line.startsWith("VmRSS:")) {
                            long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                            rssMaxKiB = Math.max(rssMaxKiB, kib);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // The node is gone: the probes say so.
                }
                sleep(200);
            }
        }

        private void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                running.set(false);
            }
        }

        @Override
        public void close() throws InterruptedException {
            lag.close();
            running.set(false);
            prober.join(15_000);
            sampler.join(5_000);
        }
    }
}
