package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.ValidationException;

/**
 * The protocol version this hub signs in (SPEC §11). {@code POST {"version": 2}} moves the log to
 * version 2 from its next seq on, by signing the hub's profile again as a version 2 envelope; a log
 * never goes back, so {@code {"version": 1}} on a version 2 log is refused.
 */
@Path("admin/v1/protocol")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class ProtocolAdminResource {
    private final Publisher publisher;
    private final LogStore log;
    private final Supplier<Optional<Envelope>> moveToVersion2;

    public ProtocolAdminResource(Publisher publisher, LogStore log, Supplier<Optional<Envelope>> moveToVersion2) {
        this.publisher = publisher;
        this.log = log;
        this.moveToVersion2 = moveToVersion2;
    }

    /** {@code {"version", "since_seq"}}: the version signed now, and the first seq of version 2 (or null). */
    @GET
    public Map<String, Object> get() {
        return state(null);
    }

    /** Body {@code {"version": 2}}; answers the state and {@code signed}, the profile signed to move (or null). */
    @POST
    public Map<String, Object> set(byte[] body) {
        ObjectNode request = RequestBodies.object(body);
        RequestBodies.onlyMembers(request, List.of("version"));
        JsonNode v = request.get("version");
        if (v == null || !v.isIntegralNumber() || (v.intValue() != 1 && v.intValue() != 2)) {
            throw ValidationException.of("$.version", "must be 1 or 2");
        }
        if (v.intValue() == Envelope.VERSION) {
            if (publisher.version() >= Envelope.VERSION_2) {
                throw ValidationException.of(
                        "$.version", "this hub's log is at version 2; a log never goes back (SPEC §11)");
            }
            return state(null);
        }
        return state(moveToVersion2.get().orElse(null));
    }

    private Map<String, Object> state(Envelope signed) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", publisher.version());
        out.put("since_seq", log.firstVersion2Seq(publisher.self()).orElse(null));
        out.put(
                "signed",
                signed == null ? null : WriteResult.about(publisher.self().value(), signed));
        return out;
    }
}
