package org.tsunagu.protocol;

import java.util.Objects;

/** One invalid field: its JSON path (e.g. {@code $.body.sectors[2]}) and what is wrong with it. */
public record FieldError(String path, String message) {
    public FieldError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
