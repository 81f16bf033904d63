package org.tsunagu.node.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;
import org.tsunagu.protocol.FieldError;

/**
 * One bad field of a request.
 *
 * @param path JSON path inside the request body ({@code $.body.country}) or the query parameter name
 * @param line for imports: the line of the file where the bad record starts (1-based), else null
 * @param field for CSV imports: the column name, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"line", "field", "path", "message"})
public record ProblemError(String path, String message, Integer line, String field) {
    public ProblemError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public static ProblemError of(String path, String message) {
        return new ProblemError(path, message, null, null);
    }

    public static ProblemError of(FieldError error) {
        return new ProblemError(error.path(), error.message(), null, null);
    }
}
