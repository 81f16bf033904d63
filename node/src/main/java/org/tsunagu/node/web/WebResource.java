package org.tsunagu.node.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The web directory at {@code /} (and {@code /hubs} and {@code /crisis}, the same page on its hubs and
 * crisis views), with its
 * scripts and styles under {@code /assets/<version>/}. Everything comes from the jar; the policy
 * headers let the page load nothing but its own files and talk to nothing but this node.
 */
@Path("/")
public final class WebResource {
    /**
     * Scripts only from this node and no inline script; the JSON API is the only place the page
     * fetches from; no framing. Trusted Types are required for script sinks such as innerHTML, so
     * a value from a record can never be turned into markup even by a future bug: the page builds
     * its DOM from text nodes and creates no policy.
     */
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self'",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "require-trusted-types-for 'script'",
            "trusted-types 'none'");

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    /** Built on the first request for a page, not at start (issue 14: part of the time to healthy). */
    private final Supplier<WebAssets> assets;

    public WebResource(WebAssets assets) {
        this(() -> assets);
    }

    public WebResource(Supplier<WebAssets> assets) {
        this.assets = assets;
    }

    @GET
    public Response index(@Context Request request, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return serve(assets.get().index(), REVALIDATE, request, encodings);
    }

    @GET
    @Path("hubs")
    public Response hubs(@Context Request request, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return index(request, encodings);
    }

    /** The crisis view: the same page, showing {@code /crisis?country=…&sector=…&region=…}. */
    @GET
    @Path("crisis")
    public Response crisis(@Context Request request, @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return index(request, encodings);
    }

    @GET
    @Path("assets/{version}/{name}")
    public Response asset(
            @PathParam("version") String version,
            @PathParam("name") String name,
            @Context Request request,
            @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String encodings) {
        return serveAsset(assets.get(), version, name, request, encodings);
    }

    /** A versioned asset of {@code assets} (the directory page's or the console's). */
    static Response serveAsset(WebAssets assets, String version, String name, Request request, String encodings) {
        Asset asset = assets.asset(name).orElseThrow(() -> new NotFoundException("no such file: " + name));
        // A page from before an upgrade still gets the file, but nobody may keep it as that version.
        String cache = version.equals(assets.version()) ? IMMUTABLE : REVALIDATE;
        return serve(asset, cache, request, encodings);
    }

    static Response serve(Asset asset, String cacheControl, Request request, String encodings) {
        boolean gzip = asset.compresses() && acceptsGzip(encodings);
        // Each encoding is its own representation, so it gets its own strong tag.
        EntityTag tag = new EntityTag(asset.etag() + (gzip ? "-gz" : ""));
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        Response.ResponseBuilder response = notModified != null
                ? notModified
                : Response.ok(asset.bytes(gzip), asset.contentType()).tag(tag);
        if (gzip && notModified == null) {
            response.header("Content-Encoding", "gzip");
        }
        return withPolicy(response)
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .build();
    }

    static Response.ResponseBuilder withPolicy(Response.ResponseBuilder response) {
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Cross-Origin-Opener-Policy", "same-origin")
                .header("Cross-Origin-Resource-Policy", "same-origin");
    }

    /** "gzip" listed without q=0 (RFC 9110 §12.5.3); "*" alone is not taken as gzip. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String[] pieces = part.trim().split(";");
            if (!pieces[0].trim().toLowerCase(Locale.ROOT).equals("gzip")) {
                continue;
            }
            for (int i = 1; i < pieces.length; i++) {
                String parameter = pieces[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (parameter.startsWith("q=") && parameter.substring(2).matches("0(\\.0{0,3})?")) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
