package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.tsunagu.node.api.ProtocolVersions;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.ContentDigest;

/**
 * HTTP client of the peer-to-peer surface (DESIGN §5). Requests that change state are signed with
 * RFC 9421; every response is size-bounded and parsed strictly, so a peer that hangs, floods or sends
 * garbage costs one bounded request and a {@link PeerException}.
 */
public final class PeerClient {
    static final String NDJSON = "application/x-ndjson";
    private static final int MAX_JSON_RESPONSE = 1 << 20;
    /** How much of a refusal's problem+json is read, for its {@code detail}. */
    private static final int PROBLEM_BYTES = 8 * 1024;

    private final Supplier<HttpClient> httpFactory;
    private final RequestSigning signing;
    private final Duration timeout;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Duration deadline;
    private final int perPeer;
    private final long pageBytes;
    private final ConcurrentHashMap<String, Semaphore> inFlight = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper();
    private volatile HttpClient http;

    public PeerClient(HttpClient http, RequestSigning signing, Duration timeout) {
        this(() -> http, signing, timeout, PeerLimits.defaults());
    }

    /**
     * @param http makes the HTTP client on first use: building the JDK's client (its TLS context and
     *     selector thread) took about a tenth of a node's start-up, and a node that follows nobody
     *     never needs it
     */
    public PeerClient(Supplier<HttpClient> http, RequestSigning signing, Duration timeout, PeerLimits limits) {
        this.httpFactory = http;
        this.signing = signing;
        this.timeout = timeout;
        this.deadline = limits.requestDeadline();
        this.perPeer = limits.perPeerRequests();
        this.pageBytes = limits.pageBytes();
    }

    /**
     * Builds the HTTP client now on a thread of its own, for a node that follows peers and will pull at
     * once: a cold JVM spends some 0.2 s in it (TLS context, selector), which then overlaps the rest of
     * start-up on a second core instead of delaying a restarted node's first pull.
     */
    void prepareInBackground() {
        Thread t = new Thread(this::http, "tsunagu-http-prepare");
        t.setDaemon(true);
        t.start();
    }

    private HttpClient http() {
        HttpClient h = http;
        if (h == null) {
            synchronized (this) {
                h = http;
                if (h == null) {
                    h = httpFactory.get();
                    http = h;
                }
            }
        }
        return h;
    }

    HubDocument hubDocument(String baseUrl) {
        JsonNode doc = getJson(resolve(baseUrl, "/.well-known/tsunagu"));
        try {
            return HubDocument.fromJson(doc);
        } catch (ProtocolException e) {
            throw new PeerException(
                    baseUrl + " sent an unusable hub document at " + e.path() + ": " + e.getMessage(), 0);
        }
    }

    /** The head seq of every origin the peer holds ({@code GET /v1/feeds}). */
    Map<HubId, Long> feeds(String baseUrl) {
        JsonNode doc = getJson(resolve(baseUrl, "/v1/feeds"));
        JsonNode items = doc.isArray() ? doc : doc.get("feeds");
        if (items == null || !items.isArray()) {
            throw new PeerException(baseUrl + " sent a feed list without a feeds array", 0);
        }
        Map<HubId, Long> heads = new HashMap<>();
        for (JsonNode item : items) {
            JsonNode origin = item.get("origin");
            JsonNode seq = item.get("seq");
            if (origin == null
                    || !origin.isTextual()
                    || !HubId.isValid(origin.textValue())
                    || seq == null
                    || !seq.canConvertToLong()) {
                throw new PeerException(baseUrl + " sent a feed entry without origin and seq", 0);
            }
            heads.put(HubId.of(origin.textValue()), seq.longValue());
        }
        return heads;
    }

    /**
     * One page of {@code origin}'s log after {@code after} ({@code GET /v1/feeds/{origin}}), parsed but
     * not verified: the caller hands it to the ingest path. Read as it arrives ({@link FeedPageBody}):
     * refused at the first bad line, or with {@link TooLarge} once past the page byte budget.
     */
    List<Envelope> feed(String baseUrl, HubId origin, long after, int limit) {
        URI uri = resolve(baseUrl, "/v1/feeds/" + enc(origin.value()) + "?after=" + after + "&limit=" + limit);
        long max = Math.min(pageBytes, (long) limit * FeedPageBody.MAX_LINE_BYTES);
        return exchange(
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header(ProtocolVersions.HEADER, ProtocolVersions.READ)
                        .GET()
                        .build(),
                () -> new FeedPageBody(baseUrl, origin, limit, max),
                baseUrl);
    }

    /**
     * A feed page's NDJSON body as envelopes, parsed but not verified.
     *
     * @throws PeerException naming the line at fault, or if the page holds more than {@code limit}
     */
    static List<Envelope> parseFeedPage(byte[] body, String baseUrl, HubId origin, int limit) {
        return FeedPageBody.parse(body, baseUrl, origin, limit);
    }

    /** Asks the peer at {@code baseUrl} to push to us ({@code POST /v1/subscriptions}); returns its status. */
    String subscribe(String baseUrl, HubId self, String inbox, OriginFilter origins) {
        Map<String, Object> req = Map.of("hub", self.value(), "inbox", inbox, "origins", origins.origins());
        byte[] body = bytes(req);
        URI uri = resolve(baseUrl, "/v1/subscriptions");
        JsonNode answer = parseJson(signedSend("POST", uri, "application/json", body, baseUrl), baseUrl);
        JsonNode status = answer.get("status");
        if (status == null || !status.isTextual()) {
            throw new PeerException(baseUrl + " answered a subscription without a status", 0);
        }
        return status.textValue();
    }

    /**
     * Asks to follow the peer, as {@link #subscribe}, and reads its answer as a status: active, pending,
     * or refused (also when it answers 403). Asking again is harmless, and tells a pending follower
     * whether the peer's admin has decided.
     */
    SubscriptionStore.Status askToFollow(String baseUrl, HubId self, String inbox, OriginFilter origins) {
        String status;
        try {
            status = subscribe(baseUrl, self, inbox, origins);
        } catch (PeerException e) {
            if (e.status() == 403) {
                return SubscriptionStore.Status.REFUSED;
            }
            throw e;
        }
        return switch (status) {
            case "active" -> SubscriptionStore.Status.ACTIVE;
            case "pending" -> SubscriptionStore.Status.PENDING;
            default -> SubscriptionStore.Status.REFUSED;
        };
    }

    void unsubscribe(String baseUrl, HubId self) {
        signedSend("DELETE", resolve(baseUrl, "/v1/subscriptions/" + enc(self.value())), null, new byte[0], baseUrl);
    }

    /**
     * Sends an erasure receipt (SPEC §6.11) to the erase's origin at {@code baseUrl}; the receipt is
     * signed itself, so the request is not.
     */
    void sendReceipt(String baseUrl, String receipt) {
        byte[] body = receipt.getBytes(StandardCharsets.UTF_8);
        exchange(
                HttpRequest.newBuilder(resolve(baseUrl, "/v1/erasure-receipts"))
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                MAX_JSON_RESPONSE,
                baseUrl);
    }

    /** Pushes a batch of canonical envelope lines to an inbox; completes with the peer's ingest report. */
    CompletableFuture<JsonNode> push(String inboxUrl, List<String> lines) {
        PushBody prepared = pushBody(lines);
        URI uri = URI.create(inboxUrl);
        HttpRequest req = signedRequest("POST", uri, NDJSON, prepared.body(), prepared.digest());
        CompletableFuture<HttpResponse<byte[]>> answer = http().sendAsync(
                        req,
                        info -> info.statusCode() / 100 == 2
                                ? new BoundedBody(MAX_JSON_RESPONSE, inboxUrl)
                                : HttpResponse.BodySubscribers.replacing(null));
        // The whole exchange within the deadline: cancelling ends it (and its connection) if still running.
        // The deadline's task goes when the exchange ends: it holds the answer, and through it the request
        // and its body (up to 256 KiB), which CompletableFuture.delayedExecutor kept for the full deadline
        // (60 s) after every push. A forum relaying to 60 hubs held hundreds of megabytes of finished pushes
        // that way, collected without end in its 256 MiB heap until threads began to die (issue 14).
        ScheduledFuture<?> cancelAtDeadline =
                DEADLINES.schedule(() -> answer.cancel(true), deadline.toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((r, e) -> cancelAtDeadline.cancel(false));
        return answer.thenApply(r -> {
            if (r.statusCode() / 100 != 2) {
                throw new PeerException(
                        inboxUrl + " answered HTTP " + r.statusCode(),
                        r.statusCode(),
                        PeerException.retryAfter(r.headers()));
            }
            return parseJson(r.body(), inboxUrl);
        });
    }

    /**
     * Ends pushes still running at their deadline. One daemon thread for the process; a cancelled
     * deadline leaves its queue at once, and with it the push it held.
     */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Puller.daemon("tsunagu-push-deadline"));
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** Push deadlines waiting to fire, of every client in this process (for tests). */
    static int pushDeadlinesPending() {
        return DEADLINES.getQueue().size();
    }

    private byte[] signedSend(String method, URI uri, String contentType, byte[] body, String peer) {
        return exchange(signedRequest(method, uri, contentType, body), MAX_JSON_RESPONSE, peer);
    }

    /** A push batch's body and its Content-Digest, with the lines they were made of. */
    private record PushBody(List<String> lines, byte[] body, String digest) {
        /** The same lines, the very same strings: a page the pusher read once for several subscribers. */
        boolean madeOf(List<String> other) {
            if (other.size() != lines.size()) {
                return false;
            }
            for (int i = 0; i < other.size(); i++) {
                if (other.get(i) != lines.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The last push body made: the next subscriber at the same place in the same log gets it too. */
    private volatile PushBody lastPushBody;

    /**
     * The body for {@code lines}, made and hashed once for all the subscribers that get the same batch
     * in a push round: a hub in a full mesh sends each batch of its own log to some 60 subscribers, and
     * hashing it for each was about a tenth of its CPU while the region spread 60,000 changes (issue 14;
     * SHA-256 runs as plain Java under C1). The bodies are never changed once made.
     */
    private PushBody pushBody(List<String> lines) {
        PushBody last = lastPushBody;
        if (last != null && last.madeOf(lines)) {
            return last;
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        // An empty batch is a request without a body (SignableRequest): nothing to digest.
        PushBody made = new PushBody(List.copyOf(lines), body, body.length == 0 ? null : ContentDigest.sha256(body));
        lastPushBody = made;
        return made;
    }

    private HttpRequest signedRequest(String method, URI uri, String contentType, byte[] body) {
        return signedRequest(method, uri, contentType, body, null);
    }

    private HttpRequest signedRequest(String method, URI uri, String contentType, byte[] body, String digest) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(
                        method,
                        body.length == 0 && contentType == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        // Subscriptions and pushes say which envelope versions this node reads (SPEC §10.4).
        b.header(ProtocolVersions.HEADER, ProtocolVersions.READ);
        signing.sign(method, uri, body, digest).forEach(b::header);
        return b.build();
    }

    JsonNode getJson(URI uri) {
        byte[] body = exchange(
                HttpRequest.newBuilder(uri)
                        .timeout(timeout)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                MAX_JSON_RESPONSE,
                uri.toString());
        return parseJson(body, uri.toString());
    }

    /**
     * One request and its whole answer, at most {@code max} bytes, within the request deadline: the
     * request timeout covers only the answer's head, so a peer trickling its body would otherwise hold
     * the caller for as long as it likes. At most {@code perPeer} requests to one peer run at once; a
     * request waiting for its turn counts against its deadline.
     */
    private byte[] exchange(HttpRequest req, long max, String peer) {
        return exchange(req, () -> new BoundedBody(max, peer), peer);
    }

    /** As {@link #exchange(HttpRequest, long, String)}, with {@code body} reading a 2xx answer. */
    private <T> T exchange(HttpRequest req, Supplier<HttpResponse.BodySubscriber<T>> body, String peer) {
        long until = System.nanoTime() + deadline.toNanos();
        Semaphore turn = inFlight.computeIfAbsent(req.uri().getAuthority(), a -> new Semaphore(perPeer));
        try {
            if (!turn.tryAcquire(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new PeerException(peer + " still has " + perPeer + " requests in flight", 0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException(peer + " request interrupted", e);
        }
        CompletableFuture<HttpResponse<Object>> answer = null;
        try {
            answer = http().sendAsync(
                            req,
                            info -> info.statusCode() / 100 == 2
                                    ? HttpResponse.BodySubscribers.mapping(body.get(), Object.class::cast)
                                    : HttpResponse.BodySubscribers.mapping(
                                            new BoundedBody(PROBLEM_BYTES, peer, true), Object.class::cast));
            HttpResponse<Object> r = answer.get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (r.statusCode() / 100 != 2) {
                throw new PeerException(
                        peer + " answered HTTP " + r.statusCode() + problemDetail(r.headers(), (byte[]) r.body()),
                        r.statusCode(),
                        PeerException.retryAfter(r.headers()));
            }
            @SuppressWarnings("unchecked") // the 2xx subscriber, body.get(), made it
            T answered = (T) r.body();
            return answered;
        } catch (TimeoutException e) {
            throw new PeerException(peer + " did not answer in full within " + deadline.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PeerException p) {
                throw p;
            }
            throw new PeerException(
                    peer + " unreachable or broke off its answer: "
                            + cause.getClass().getSimpleName(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException(peer + " request interrupted", e);
        } finally {
            if (answer != null) {
                // Ends the exchange (and its connection) when it is still running: nothing waits for it.
                answer.cancel(true);
            }
            turn.release();
        }
    }

    /**
     * The {@code detail} of a problem+json answer, as {@code ": detail"} (empty otherwise), so the admin
     * sees why a peer refused (e.g. a signature that a path-rewriting proxy broke). Bounded and stripped
     * of control characters: a hostile peer's text goes into logs and alerts.
     */
    private static String problemDetail(java.net.http.HttpHeaders headers, byte[] body) {
        boolean problem = headers.firstValue("Content-Type")
                .map(t -> t.startsWith("application/problem+json"))
                .orElse(false);
        if (!problem || body == null) {
            return "";
        }
        try {
            JsonNode detail = MAPPER.readTree(body).path("detail");
            if (!detail.isTextual()) {
                return "";
            }
            String text = detail.asText().replaceAll("\\p{Cntrl}", " ");
            return ": " + (text.length() > 500 ? text.substring(0, 500) + "…" : text);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Collects an answer's body, failing as soon as it passes {@code max} bytes (nothing more is read). */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long max;
        private final String peer;
        private final boolean truncate;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        BoundedBody(long max, String peer) {
            this(max, peer, false);
        }

        /** With {@code truncate}, an answer longer than {@code max} is cut there instead of failing. */
        BoundedBody(long max, String peer, boolean truncate) {
            this.max = max;
            this.peer = peer;
            this.truncate = truncate;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (data.size() + (long) b.remaining() > max) {
                    subscription.cancel();
                    if (truncate) {
                        b.limit(b.position() + (int) (max - data.size()));
                        byte[] rest = new byte[b.remaining()];
                        b.get(rest);
                        data.writeBytes(rest);
                        result.complete(data.toByteArray());
                        return;
                    }
                    result.completeExceptionally(new TooLarge(peer + " sent more than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                data.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(data.toByteArray());
        }
    }

    /** An answer larger than this node reads from a peer; a feed page can be asked for again, smaller. */
    static final class TooLarge extends PeerException {
        TooLarge(String message) {
            super(message, 0);
        }
    }

    private JsonNode parseJson(byte[] body, String peer) {
        try {
            return StrictJson.parse(body);
        } catch (ProtocolException e) {
            throw new PeerException(peer + " sent invalid JSON at " + e.path() + ": " + e.getMessage(), 0);
        }
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static URI resolve(String baseUrl, String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return URI.create(base + path);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Unwraps the cause of a failed async push. */
    static Throwable cause(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** A reason fit for a log line, also for exceptions without a message. */
    static String reason(Throwable t) {
        Throwable c = cause(t);
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
