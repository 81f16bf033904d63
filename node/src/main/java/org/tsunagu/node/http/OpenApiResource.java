package org.tsunagu.node.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of the public and admin API, shipped in the jar
 * ({@code api/openapi.json}, made by {@code scripts/generate-openapi}). OpenApiTest checks it parses and
 * matches the routes Jersey really serves.
 */
@Path("openapi.json")
public final class OpenApiResource {
    public static final String DOCUMENT = "/api/openapi.json";

    private final byte[] document = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] document() {
        return document;
    }

    static byte[] load() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException(DOCUMENT + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
