package org.tsunagu.node.admin;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.http.ApiException;

/** Lets a request reach an {@link AdminApi} resource only with {@code Authorization: Bearer <token>}. */
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthFilter implements ContainerRequestFilter {
    private static final String SCHEME = "bearer ";

    private final AdminToken token;

    public AdminAuthFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = null;
        if (header != null
                && header.length() > SCHEME.length()
                && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            presented = header.substring(SCHEME.length()).strip();
        }
        if (!token.matches(presented)) {
            throw new ApiException(401, "the admin API needs Authorization: Bearer <the token in admin.token>");
        }
    }
}
