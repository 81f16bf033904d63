package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Supplier;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.canon.StrictJson;

/**
 * Admin requests whose body is the body of an update (an organisation, a partnership). They are
 * parsed by the protocol's strict parser, so the HTTP API accepts exactly what a signed envelope may
 * carry, and validation errors are reported relative to the request: {@code $.country}, not the
 * envelope's {@code $.body.country}.
 */
final class RequestBodies {
    private RequestBodies() {}

    static ObjectNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedMessageException("$", "a JSON object is required");
        }
        JsonNode json = StrictJson.parse(body);
        if (!(json instanceof ObjectNode object)) {
            throw new MalformedMessageException("$", "expected a JSON object");
        }
        return object;
    }

    /** An optional body ({@code {}} or nothing at all). */
    static ObjectNode optionalObject(byte[] body) {
        return body == null || body.length == 0 ? StrictJson.mapper().createObjectNode() : object(body);
    }

    /** Runs {@code write}; its validation errors come back with request-relative paths. */
    static <T> T rebasingErrors(Supplier<T> write) {
        try {
            return write.get();
        } catch (ValidationException e) {
            List<FieldError> errors = e.errors().stream()
                    .map(error -> new FieldError(rebase(error.path()), error.message()))
                    .toList();
            throw new ValidationException(errors);
        }
    }

    static String rebase(String path) {
        return path.startsWith("$.body") ? "$" + path.substring("$.body".length()) : path;
    }

    /** Refuses members that the request is not allowed to set. */
    static void onlyMembers(ObjectNode body, List<String> allowed) {
        List<FieldError> unknown = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                unknown.add(new FieldError("$." + name, "unknown member"));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ValidationException(unknown);
        }
    }
}
