package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.tsunagu.protocol.FieldError;

/**
 * One record of an import file, turned into an {@code org.upsert} body.
 *
 * @param line where the record starts in the file
 * @param errors problems found while reading it (bad numbers, extra cells); empty if none
 * @param locator turns a validation error on the body ({@code $.body.…}) into one that names the
 *     file's line and column or member
 */
public record ImportRecord(int line, ObjectNode body, List<RowError> errors, Function<FieldError, RowError> locator) {
    public ImportRecord {
        errors = List.copyOf(errors);
    }

    public RowError locate(FieldError error) {
        return locator.apply(error);
    }

    /** The id the record asks for, or null. */
    public String id() {
        return body.hasNonNull("id") && body.get("id").isTextual()
                ? body.get("id").asText()
                : null;
    }

    /** {@code $.body.sectors[1]} (a path in the update's body) as {@code $.sectors[1]} (in the record). */
    static String relative(String bodyPath) {
        return bodyPath.startsWith("$.body") ? "$" + bodyPath.substring("$.body".length()) : bodyPath;
    }

    /** {@code country} for {@code $.body.country}, {@code sectors} for {@code $.body.sectors[2]}. */
    static String topMember(String path) {
        String member = path.startsWith("$.body.") ? path.substring("$.body.".length()) : path;
        int end = member.length();
        int dot = member.indexOf('.');
        int bracket = member.indexOf('[');
        if (dot >= 0) {
            end = dot;
        }
        if (bracket >= 0 && bracket < end) {
            end = bracket;
        }
        return member.substring(0, end);
    }
}
