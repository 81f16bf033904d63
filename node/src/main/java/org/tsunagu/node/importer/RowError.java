package org.tsunagu.node.importer;

import java.util.Objects;

/**
 * One problem in an import file.
 *
 * @param line 1-based line where the record starts (the header is line 1 of a CSV file)
 * @param field the CSV column, or the record member, at fault; null when the whole record is
 * @param path JSON path of the bad value in the record: {@code $.country} for a CSV row, {@code $[3].country} for
 *     a JSON array element
 */
public record RowError(int line, String field, String path, String message) {
    public RowError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "line " + line + (field == null ? "" : ", " + field) + ": " + message;
    }
}
