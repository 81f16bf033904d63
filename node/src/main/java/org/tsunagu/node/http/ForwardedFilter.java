package org.tsunagu.node.http;

import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.glassfish.grizzly.http.server.Request;

/**
 * Behind a reverse proxy every connection comes from the proxy. For a request whose connection comes
 * from one of the {@link TrustedProxies}, this filter takes the client's address from {@code Forwarded}
 * (RFC 7239) or else {@code X-Forwarded-For}, walking the chain from the right past trusted proxies, so
 * rate limits count each real client; and it rebases the request on the node's public URL (node.json
 * {@code url}, e.g. {@code https://hub.example.org/}), so {@code Link} and {@code Location} headers name
 * the URL clients use and RFC 9421 signatures are checked against the target the peer signed. From any
 * other address both headers are ignored: a client cannot pick the address it is limited under.
 */
@PreMatching
@Priority(0) // before request timing and rate limits, which use the address it finds
public final class ForwardedFilter implements ContainerRequestFilter {
    private static final String CLIENT = ForwardedFilter.class.getName() + ".client";
    private static final String VIA_PROXY = ForwardedFilter.class.getName() + ".viaProxy";
    /** Chains longer than this are cut from the left (the end a client controls). */
    private static final int MAX_HOPS = 20;

    private final TrustedProxies proxies;
    private final URI publicBase;

    @Context
    private Provider<Request> grizzlyRequest;

    /** @param publicUrl the node's public URL, as in node.json */
    public ForwardedFilter(TrustedProxies proxies, String publicUrl) {
        this.proxies = proxies;
        this.publicBase = URI.create(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Request r = grizzlyRequest == null ? null : grizzlyRequest.get();
        InetAddress remote = r == null ? null : TrustedProxies.literal(String.valueOf(r.getRemoteAddr()));
        if (remote == null) {
            return;
        }
        InetAddress client = remote;
        if (proxies.trusts(remote)) {
            List<InetAddress> chain = chain(request);
            for (int i = chain.size() - 1; i >= 0; i--) {
                InetAddress hop = chain.get(i);
                if (hop == null) {
                    break; // "unknown" or obfuscated: the last address known is as far as one can tell
                }
                client = hop;
                if (!proxies.trusts(hop)) {
                    break;
                }
            }
            request.setProperty(VIA_PROXY, Boolean.TRUE);
            URI base = request.getUriInfo().getBaseUri();
            String relative =
                    base.relativize(request.getUriInfo().getRequestUri()).toString();
            request.setRequestUri(publicBase, URI.create(publicBase + relative));
        }
        request.setProperty(CLIENT, client);
    }

    /** The client address this filter found, or null when it did not run (then use the connection's). */
    public static InetAddress client(ContainerRequestContext request) {
        return request.getProperty(CLIENT) instanceof InetAddress a ? a : null;
    }

    /** Whether the request came through a trusted proxy (and was rebased on the public URL). */
    public static boolean viaProxy(ContainerRequestContext request) {
        return Boolean.TRUE.equals(request.getProperty(VIA_PROXY));
    }

    /** The addresses the proxies recorded, client first; null for an entry that is not an address. */
    private static List<InetAddress> chain(ContainerRequestContext request) {
        List<String> forwarded = request.getHeaders().get("Forwarded");
        List<InetAddress> out = new ArrayList<>();
        if (forwarded != null && !forwarded.isEmpty()) {
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    out.add(forElement(element));
                }
            }
        } else {
            List<String> xff = request.getHeaders().get("X-Forwarded-For");
            if (xff != null) {
                for (String header : xff) {
                    for (String hop : header.split(",")) {
                        out.add(TrustedProxies.literal(hop));
                    }
                }
            }
        }
        return out.size() > MAX_HOPS ? out.subList(out.size() - MAX_HOPS, out.size()) : out;
    }

    /** The {@code for=} node of one Forwarded element: {@code for=192.0.2.1}, {@code for="[2001:db8::1]:443"}. */
    private static InetAddress forElement(String element) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
                String node = pair.substring(eq + 1).strip();
                if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
                    node = node.substring(1, node.length() - 1);
                }
                if (node.startsWith("[")) {
                    int close = node.indexOf(']');
                    return close < 0 ? null : TrustedProxies.literal(node.substring(0, close + 1));
                }
                int colon = node.indexOf(':');
                return TrustedProxies.literal(colon < 0 ? node : node.substring(0, colon));
            }
        }
        return null;
    }
}
