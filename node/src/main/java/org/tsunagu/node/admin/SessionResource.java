package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Provider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.http.server.Request;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.ops.limits.RateLimit;
import org.tsunagu.node.ops.limits.RateLimiter;
import org.tsunagu.node.staff.Staff;
import org.tsunagu.node.staff.StaffAccount;
import org.tsunagu.node.staff.StaffSessions;

/**
 * The console's login ({@code POST /admin/session}), who is logged in ({@code GET}) and logout
 * ({@code DELETE}). A failed login says only "wrong user name or password", whichever part was wrong,
 * and counts against both the client's address and the account name: a guesser is slowed down
 * whether it tries many passwords on one account or one password on many, from one address or many.
 */
@Path("/admin/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
    /** Failed logins per client address: 10 at once, then one every 6 s. */
    public static final RateLimit PER_ADDRESS = new RateLimit(10 / 60.0, 10);
    /** Failed logins per account name, from anywhere: 5 at once, then one every 12 s. */
    public static final RateLimit PER_ACCOUNT = new RateLimit(5 / 60.0, 5);

    static final String WRONG = "wrong user name or password";

    /** {@code POST /admin/session} body. */
    public record Login(
            @JsonProperty("username") String username,
            @JsonProperty("password") String password) {}

    /** Who is logged in, and the token to send as {@code X-CSRF-Token}. Never the session cookie's value. */
    public record Me(
            @JsonProperty("username") String username,
            @JsonProperty("role") String role,
            @JsonProperty("csrf") String csrf,
            @JsonProperty("expires_at") String expiresAt) {
        static Me of(StaffSessions.Session session) {
            StaffAccount account = session.account();
            return new Me(
                    account.username(),
                    account.role().wire(),
                    session.csrf(),
                    session.expiresAt().toString());
        }
    }

    private static final int TRACKED = 10_000;

    private final Staff staff;
    private final RateLimiter<String> byAddress;
    private final RateLimiter<String> byAccount;

    @Context
    private Provider<Request> grizzly;

    /** @param ticker the limits' time ({@link RateLimiter#ticker}) */
    public SessionResource(Staff staff, LongSupplier ticker) {
        this(staff, PER_ADDRESS, PER_ACCOUNT, ticker);
    }

    public SessionResource(Staff staff, RateLimit perAddress, RateLimit perAccount, LongSupplier ticker) {
        this.staff = staff;
        this.byAddress = new RateLimiter<>(perAddress, TRACKED, ticker);
        this.byAccount = new RateLimiter<>(perAccount, TRACKED, ticker);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(Login login, @Context ContainerRequestContext request, @Context UriInfo uri) {
        if (login == null) {
            throw new ApiException(400, "send {\"username\", \"password\"}");
        }
        String address = AdminAuthFilter.address(grizzly, request);
        String name = login.username() == null ? "" : login.username().toLowerCase(Locale.ROOT);
        long wait = Math.max(byAddress.waitNanos(address), byAccount.waitNanos(name));
        if (wait > 0) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(wait + 999_999_999L));
            throw new TooManyLogins(seconds);
        }
        StaffAccount account = staff.accounts()
                .authenticate(login.username(), login.password())
                .orElse(null);
        if (account == null) {
            byAddress.charge(address);
            byAccount.charge(name);
            throw new ApiException(401, WRONG);
        }
        StaffSessions.Opened opened = staff.sessions().open(account);
        staff.audit().record(account.username(), "login", 200, List.of());
        return Response.ok(Me.of(opened.session()))
                .header(
                        HttpHeaders.SET_COOKIE,
                        cookie(opened.token(), secure(uri), StaffSessions.DEFAULT_LIFETIME.toSeconds()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @GET
    public Response me(@CookieParam(StaffPaths.SESSION_COOKIE) String token) {
        StaffSessions.Session session =
                staff.sessions().find(token).orElseThrow(() -> new ApiException(401, "not logged in"));
        return Response.ok(Me.of(session))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @DELETE
    public Response logout(
            @CookieParam(StaffPaths.SESSION_COOKIE) String token,
            @HeaderParam(StaffPaths.CSRF_HEADER) String csrf,
            @Context UriInfo uri) {
        StaffSessions.Session session =
                staff.sessions().find(token).orElseThrow(() -> new ApiException(401, "not logged in"));
        if (!StaffSessions.same(session.csrf(), csrf)) {
            throw new ApiException(403, "logout needs the session's " + StaffPaths.CSRF_HEADER + " header");
        }
        staff.sessions().close(token);
        staff.audit().record(session.account().username(), "logout", 204, List.of());
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, cookie("", secure(uri), 0))
                .build();
    }

    /** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure when served over https. */
    static String cookie(String value, boolean secure, long maxAgeSeconds) {
        return StaffPaths.SESSION_COOKIE + "=" + value + "; Path=/admin; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    private static boolean secure(UriInfo uri) {
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme());
    }

    /** 429 with {@code Retry-After}, the same words whichever limit was reached. */
    static final class TooManyLogins extends ApiException {
        TooManyLogins(long seconds) {
            super(429, "too many failed logins; retry in " + seconds + " s", seconds);
        }
    }
}
