package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.ValidationException;

/**
 * The create/replace pattern shared by organisations and partnerships: the existence check and the
 * signed write run in one transaction (two concurrent creates of one id cannot both succeed), and
 * validation errors come back with request-relative paths.
 */
final class Writes {
    private Writes() {}

    /** A write and whether the record existed before it. */
    record Written(Envelope envelope, boolean existed) {
        /** 201 with Location for a new record, 200 for a replaced one. */
        Response answer(URI location, Object entity) {
            return existed
                    ? Response.ok(entity).build()
                    : Response.created(location).entity(entity).build();
        }
    }

    /**
     * @param createOnly refuse with 409 ({@code conflict}) when the record exists
     */
    static Written write(
            GroupCommit writes,
            BooleanSupplier exists,
            boolean createOnly,
            String conflict,
            Supplier<Envelope> publish) {
        return RequestBodies.rebasingErrors(() -> writes.inTransaction(c -> {
            boolean existed = exists.getAsBoolean();
            if (existed && createOnly) {
                throw ApiException.conflict(conflict);
            }
            return new Written(publish.get(), existed);
        }));
    }

    /** The record's id; a POST without one gets a random UUID. */
    static String idForCreate(ObjectNode record) {
        if (!record.has("id")) {
            record.put("id", UUID.randomUUID().toString());
        }
        return textId(record);
    }

    /** A PUT names the id in its path; the body may leave it out but must not contradict it. */
    static void idForReplace(ObjectNode record, String pathId) {
        if (!record.has("id")) {
            record.put("id", pathId);
        } else if (!pathId.equals(textId(record))) {
            throw ValidationException.of("$.id", "must equal the id in the path (" + pathId + ")");
        }
    }

    private static String textId(ObjectNode record) {
        JsonNode id = record.get("id");
        if (id == null || !id.isTextual()) {
            throw ValidationException.of("$.id", "must be text");
        }
        return id.textValue();
    }
}
