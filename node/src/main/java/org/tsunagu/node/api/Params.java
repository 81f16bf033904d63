package org.tsunagu.node.api;

import java.util.List;
import java.util.function.Supplier;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ProblemError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;

/**
 * Query and path parameters are taken as text and parsed here, so a bad value is a 400 naming the
 * parameter (JAX-RS would answer a failed conversion with a bare 404).
 */
final class Params {
    private Params() {}

    /** {@code text} as a long in [min, max], {@code absent} when missing. */
    static long longParam(String name, String text, long absent, long min, long max) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value < min || value > max) {
                throw ApiException.badParameter(name, "must be from " + min + " to " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "must be a whole number");
        }
    }

    /**
     * A page size: at least 1, and above {@code cap} it is capped, never refused (SPEC §10.1: the
     * server caps {@code limit}, so a client written from the SPEC may ask for any number). Absent
     * gives {@code absent}; a value too large for a long is capped too.
     */
    static int limitParam(String text, int absent, int cap) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        String digits = text.strip();
        if (!digits.matches("[0-9]{1,1000}")) {
            throw ApiException.badParameter(
                    "limit", "must be a whole number from 1 (larger ones are capped at " + cap + ")");
        }
        String trimmed = digits.replaceFirst("^0+(?=.)", "");
        if (trimmed.length() > 9) {
            return cap;
        }
        int value = Integer.parseInt(trimmed);
        if (value < 1) {
            throw ApiException.badParameter("limit", "must be at least 1 (larger ones are capped at " + cap + ")");
        }
        return Math.min(value, cap);
    }

    static int intParam(String name, String text, int absent, int min, int max) {
        return (int) longParam(name, text, absent, min, max);
    }

    /**
     * Builds a query object whose constructor validates; its errors ({@code $.country}) become a 400
     * naming the parameters ({@code country}), like every other bad parameter.
     */
    static <T> T query(Supplier<T> build) {
        try {
            return build.get();
        } catch (ValidationException e) {
            List<ProblemError> errors = e.errors().stream()
                    .map(error -> ProblemError.of(
                            error.path().startsWith("$.") ? error.path().substring(2) : error.path(), error.message()))
                    .toList();
            throw new ApiException(400, "invalid query parameters", errors);
        }
    }

    /** A hub id from the path; an impossible one names no hub we hold, hence 404. */
    static HubId origin(String text) {
        if (!HubId.isValid(text)) {
            throw ApiException.notFound("no hub " + text + " is held here");
        }
        return HubId.of(text);
    }
}
