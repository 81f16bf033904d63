package org.tsunagu.node.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/**
 * The staff console at {@code /admin}: one static page and its scripts, under the directory page's
 * policy (no inline script, Trusted Types, no framing). The page holds no data and no secret; it logs
 * in at {@code /admin/session} and then calls the admin API with the session cookie and CSRF token.
 */
@Path("/admin")
public final class ConsoleResource {
    /** Built on the first request for a page, not at start (issue 14: part of the time to healthy). */
    private final Supplier<WebAssets> assets;

    public ConsoleResource(WebAssets assets) {
        this(() -> assets);
    }

    public ConsoleResource(Supplier<WebAssets> assets) {
        this.assets = assets;
    }

    @GET
    public Response index(@Context Request request, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return WebResource.serve(assets.get().index(), WebResource.REVALIDATE, request, encodings);
    }

    @GET
    @Path("assets/{version}/{name}")
    public Response asset(
            @PathParam("version") String version,
            @PathParam("name") String name,
            @Context Request request,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return WebResource.serveAsset(assets.get(), version, name, request, encodings);
    }
}
