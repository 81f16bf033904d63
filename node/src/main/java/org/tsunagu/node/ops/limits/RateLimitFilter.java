package org.tsunagu.node.ops.limits;

import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.grizzly.http.server.Request;
import org.tsunagu.node.http.ForwardedFilter;
import org.tsunagu.node.http.Problem;
import org.tsunagu.node.http.SelfRequests;

/**
 * Token-bucket rate limits in front of everything else: public reads per client address, the inbox and
 * subscription endpoints per address and per peer. Over the limit answers 429 with {@code Retry-After}
 * (whole seconds) before the body is read or any work is done. The admin API (token-protected) and
 * {@code /healthz} (health checks) are not limited. Behind a trusted reverse proxy the client address
 * is the one {@link ForwardedFilter} found in its headers.
 */
@PreMatching
@Priority(2) // right after request timing, before body limits and authentication
public final class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String PEER = RateLimitFilter.class.getName() + ".peer";
    private static final Pattern KEY_ID = Pattern.compile("keyid=\"(ed25519:[A-Za-z0-9_-]{1,64})\"");
    private static final List<String> PEER_PATHS = List.of("v1/inbox", "v1/subscriptions");

    private final RateLimits limits;
    private final RateLimiter<InetAddress> publicByAddress;
    private final RateLimiter<InetAddress> inboxByAddress;
    private final RateLimiter<String> inboxByPeer;

    @Context
    private Provider<Request> grizzlyRequest;

    public RateLimitFilter(RateLimits limits) {
        this(limits, System::nanoTime);
    }

    RateLimitFilter(RateLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.publicByAddress = new RateLimiter<>(limits.publicPerAddress(), limits.maxTrackedKeys(), nanoTime);
        this.inboxByAddress = new RateLimiter<>(limits.inboxPerAddress(), limits.maxTrackedKeys(), nanoTime);
        this.inboxByPeer = new RateLimiter<>(limits.inboxPerPeer(), limits.maxTrackedKeys(), nanoTime);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = relative(request.getUriInfo().getPath());
        if (path.startsWith("admin/") || path.equals("healthz") || SelfRequests.isSelf(request)) {
            return;
        }
        InetAddress forwarded = ForwardedFilter.client(request);
        InetAddress client = forwarded != null ? forwarded : clientAddress();
        if (client == null || (client.isLoopbackAddress() && !limits.limitLoopback())) {
            return;
        }
        if (PEER_PATHS.contains(path) && "POST".equals(request.getMethod())) {
            long wait = inboxByAddress.take(client);
            String peer = claimedKeyId(request.getHeaderString("Signature-Input"));
            if (wait == 0 && peer != null) {
                wait = inboxByPeer.waitNanos(peer);
                request.setProperty(PEER, peer);
            }
            refuseIfWaiting(request, wait);
        } else {
            refuseIfWaiting(request, publicByAddress.take(client));
        }
    }

    /** A push or subscription that verified (2xx) counts against its peer's allowance. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object peer = request.getProperty(PEER);
        if (peer instanceof String key && response.getStatus() / 100 == 2) {
            inboxByPeer.charge(key);
        }
    }

    private static void refuseIfWaiting(ContainerRequestContext request, long waitNanos) {
        if (waitNanos > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
            Problem problem = new Problem(
                    "about:blank",
                    "Too Many Requests",
                    429,
                    "rate limit reached; retry in " + seconds + " s",
                    "/" + relative(request.getUriInfo().getPath()),
                    List.of());
            request.abortWith(Response.status(429)
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", Long.toString(seconds))
                    .entity(problem)
                    .build());
        }
    }

    /** The key id a request's HTTP signature names (unverified here: used only to look up a bucket). */
    static String claimedKeyId(String signatureInput) {
        if (signatureInput == null || signatureInput.length() > 2_000) {
            return null;
        }
        Matcher m = KEY_ID.matcher(signatureInput);
        return m.find() ? m.group(1) : null;
    }

    private InetAddress clientAddress() {
        Request r = grizzlyRequest == null ? null : grizzlyRequest.get();
        String address = r == null ? null : r.getRemoteAddr();
        if (address == null) {
            return null;
        }
        try {
            // A literal address: no name lookup happens.
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String relative(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }
}
