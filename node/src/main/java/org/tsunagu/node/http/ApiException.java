package org.tsunagu.node.http;

import java.util.List;

/**
 * A request this node refuses for a reason of its own (not found, conflict, bad parameter); mapped to a
 * problem document with this status.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<ProblemError> errors;
    private final long retryAfterSeconds;

    public ApiException(int status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(int status, String detail, List<ProblemError> errors) {
        this(status, detail, errors, 0);
    }

    /** A 503 or 429 asking the client to wait {@code retryAfterSeconds} ({@code Retry-After}). */
    public ApiException(int status, String detail, long retryAfterSeconds) {
        this(status, detail, List.of(), retryAfterSeconds);
    }

    private ApiException(int status, String detail, List<ProblemError> errors, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, detail);
    }

    /** A bad query or path parameter; {@code name} is reported as the error path. */
    public static ApiException badParameter(String name, String message) {
        return new ApiException(400, "invalid parameter " + name, List.of(ProblemError.of(name, message)));
    }

    public int status() {
        return status;
    }

    public List<ProblemError> errors() {
        return errors;
    }

    /** Seconds a client should wait before trying again (a 503's {@code Retry-After}); 0 = the default. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
