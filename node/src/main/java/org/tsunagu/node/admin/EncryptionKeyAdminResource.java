package org.tsunagu.node.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.tsunagu.node.home.EncryptionKeys;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.seal.EncryptionKeyId;

/**
 * This hub's X25519 encryption keys (SPEC §6.10): the current one, published in its version 2
 * profile, and the retired ones it keeps to open records sealed to them. {@code POST …/rotate} draws a
 * new key and signs a profile naming it. Private keys never leave {@code DATA/encryption-keys/}.
 */
@Path("admin/v1/encryption-keys")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class EncryptionKeyAdminResource {
    private final EncryptionKeys keys;
    private final Publisher publisher;
    private final Supplier<Envelope> rotate;

    public EncryptionKeyAdminResource(EncryptionKeys keys, Publisher publisher, Supplier<Envelope> rotate) {
        this.keys = keys;
        this.publisher = publisher;
        this.rotate = rotate;
    }

    /** {@code {"current", "keys"}}: the key new records are sealed to, and every key held, oldest first. */
    @GET
    public Map<String, Object> get() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("current", keys.current().value());
        out.put("keys", keys.all().stream().map(EncryptionKeyId::value).toList());
        return out;
    }

    /** Rotates: answers the keys and {@code signed}, the new profile. 409 while the log is at version 1. */
    @POST
    @Path("rotate")
    public Map<String, Object> rotate() {
        Envelope signed;
        try {
            signed = rotate.get();
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage() + " (POST /admin/v1/protocol {\"version\": 2})");
        }
        Map<String, Object> out = get();
        out.put("signed", WriteResult.about(publisher.self().value(), signed));
        return out;
    }
}
