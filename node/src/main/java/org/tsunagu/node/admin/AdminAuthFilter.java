package org.tsunagu.node.admin;

import jakarta.annotation.Priority;
import jakarta.inject.Provider;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.http.server.Request;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ForwardedFilter;
import org.tsunagu.node.http.Problem;
import org.tsunagu.node.ops.limits.RateLimit;
import org.tsunagu.node.ops.limits.RateLimiter;
import org.tsunagu.node.staff.AuditLog;
import org.tsunagu.node.staff.Staff;
import org.tsunagu.node.staff.StaffSessions;

/**
 * Lets a request reach an {@link AdminApi} resource only with {@code Authorization: Bearer <token>}.
 * Failed attempts are limited per client address (then 429 with {@code Retry-After}); a limited address
 * waits even with the right token, or the limit would tell a guesser when it guessed right. Other
 * addresses are never held back by one address's failures.
 *
 * <p>Registered as itself it guards every {@link AdminApi} resource after matching. Its {@link #gate()}
 * does the same for every {@code /admin/} path before matching, so that an unauthenticated request
 * learns nothing from content negotiation (415), matching (404, 405) or its body: it gets 401 first. The
 * gate then refuses an admin request that carries a body but no Content-Type (415): it would otherwise
 * be read as whatever the method consumes.
 *
 * <p>The console's staff sessions are the other way in: a request without {@code Authorization} that
 * carries the session cookie is let through for that session's account, if a state-changing request
 * also carries the session's CSRF token ({@code X-CSRF-Token}) and the account's role allows the
 * path ({@link StaffPaths}). The console's own page, assets and login ({@link StaffPaths#isOpen}) are
 * not behind the gate.
 */
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthFilter implements ContainerRequestFilter {
    /** Failed attempts allowed per client address and minute, unless the settings say otherwise. */
    public static final RateLimit DEFAULT_FAILURES = new RateLimit(10 / 60.0, 10);

    private static final String SCHEME = "bearer ";
    private static final String PASSED = AdminAuthFilter.class.getName() + ".passed";
    /** The request property naming who made an authenticated admin request (for the audit trail). */
    public static final String ACTOR = AdminAuthFilter.class.getName() + ".actor";

    private static final int TRACKED_ADDRESSES = 10_000;

    private final AdminToken token;
    private final RateLimiter<String> failures;
    private final Staff staff;

    @Context
    private Provider<Request> grizzly;

    public AdminAuthFilter(AdminToken token) {
        this(token, DEFAULT_FAILURES);
    }

    /** @param failuresPerAddress how many failed attempts one client address may make, and how fast */
    public AdminAuthFilter(AdminToken token, RateLimit failuresPerAddress) {
        this(token, failuresPerAddress, null);
    }

    /** The same, also letting in the console's staff sessions when {@code staff} is not null. */
    public AdminAuthFilter(AdminToken token, RateLimit failuresPerAddress, Staff staff) {
        this(token, failuresPerAddress, staff, System::nanoTime);
    }

    /**
     * @param ticker nanoseconds for the failure windows: the node's clock ({@link RateLimiter#ticker}),
     *     as the console's login limits use, so a test's clock moves both
     */
    public AdminAuthFilter(AdminToken token, RateLimit failuresPerAddress, Staff staff, LongSupplier ticker) {
        this.token = token;
        this.staff = staff;
        this.failures = new RateLimiter<>(failuresPerAddress, TRACKED_ADDRESSES, ticker);
    }

    /** The same check before matching, for every path under {@code /admin/}; register it as well. */
    public ContainerRequestFilter gate() {
        return new Gate(this);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getProperty(PASSED) == null) {
            authenticate(request, address(grizzly, request));
        }
    }

    private void authenticate(ContainerRequestContext request, String address) {
        long wait = failures.waitNanos(address);
        if (wait > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
            request.abortWith(Response.status(429)
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", Long.toString(seconds))
                    .entity(new Problem(
                            "about:blank",
                            "Too Many Requests",
                            429,
                            "too many failed admin authentications from this address; retry in " + seconds + " s",
                            "/" + relative(request.getUriInfo().getPath()),
                            List.of()))
                    .build());
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        jakarta.ws.rs.core.Cookie cookie = request.getCookies().get(StaffPaths.SESSION_COOKIE);
        if (header == null && cookie != null && staff != null) {
            authenticateSession(request, cookie.getValue());
            return;
        }
        String presented = null;
        if (header != null
                && header.length() > SCHEME.length()
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            presented = header.substring(SCHEME.length()).strip();
        }
        if (!token.matches(presented)) {
            failures.charge(address);
            throw new ApiException(401, "the admin API needs Authorization: Bearer <the token in admin.token>");
        }
        request.setProperty(PASSED, Boolean.TRUE);
        request.setProperty(ACTOR, AuditLog.TOKEN);
    }

    private void authenticateSession(ContainerRequestContext request, String cookie) {
        StaffSessions.Session session = staff.sessions()
                .find(cookie)
                .orElseThrow(() -> new ApiException(401, "the console session has ended: log in again"));
        if (!StaffPaths.isSafe(request.getMethod())
                && !StaffSessions.same(session.csrf(), request.getHeaderString(StaffPaths.CSRF_HEADER))) {
            // Nothing is read or changed: a forged cross-site request has no way to learn the token.
            throw new ApiException(
                    403,
                    "a console request that changes something needs the session's " + StaffPaths.CSRF_HEADER
                            + " header");
        }
        String path = relative(request.getUriInfo().getPath());
        if (!session.account().isAdmin() && StaffPaths.adminOnly(path)) {
            throw new ApiException(
                    403,
                    "this needs an admin account; " + session.account().username()
                            + " is an editor (members and partnerships)");
        }
        request.setProperty(PASSED, Boolean.TRUE);
        request.setProperty(ACTOR, session.account().username());
    }

    /** The client's address: the one a trusted proxy named, else the connection's ("" if unknown). */
    static String address(Provider<Request> grizzly, ContainerRequestContext request) {
        java.net.InetAddress forwarded = ForwardedFilter.client(request);
        if (forwarded != null) {
            return forwarded.getHostAddress();
        }
        Request r = grizzly == null ? null : grizzly.get();
        String address = r == null ? null : r.getRemoteAddr();
        return address == null ? "" : address;
    }

    static String relative(String path) {
        int i = 0;
        while (i < path.length() && path.charAt(i) == '/') {
            i++;
        }
        return path.substring(i);
    }

    /** Authentication, then the Content-Type of a body, for {@code /admin/} paths before matching. */
    @PreMatching
    @Priority(Priorities.AUTHENTICATION)
    static final class Gate implements ContainerRequestFilter {
        private final AdminAuthFilter auth;

        @Context
        private Provider<Request> grizzly;

        Gate(AdminAuthFilter auth) {
            this.auth = auth;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            String path = relative(request.getUriInfo().getPath());
            if (!path.startsWith("admin/") && !path.equals("admin") || StaffPaths.isOpen(path)) {
                return;
            }
            auth.authenticate(request, address(grizzly, request));
            if (request.getProperty(PASSED) == null) {
                return; // refused (429)
            }
            if (hasBody(request) && request.getHeaders().get(HttpHeaders.CONTENT_TYPE) == null) {
                throw new ApiException(
                        415,
                        "a request with a body must say what it is: Content-Type: application/json (or text/csv"
                                + " for imports, application/gzip for bundles)");
            }
        }

        private static boolean hasBody(ContainerRequestContext request) {
            String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                String digits = length.strip();
                return !digits.isEmpty() && !digits.chars().allMatch(c -> c == '0');
            }
            return request.getHeaderString("Transfer-Encoding") != null;
        }
    }
}
