package org.tsunagu.node.importer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.tsunagu.protocol.FieldError;

/**
 * Reads a JSON array of organisation records: either this node's own {@code org.upsert} shape or HSDS
 * 3.0 {@code organization} objects (see {@link HsdsMapping}). Each element keeps the line it starts on.
 */
final class JsonOrganizations {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** What a number Jackson cannot read as a BigDecimal is called, wherever an import meets one. */
    static final String OUT_OF_RANGE = "a number out of range (its exponent has too many digits)";

    private JsonOrganizations() {}

    static List<ImportRecord> read(byte[] json, String defaultCountry) {
        return read(json, defaultCountry, null);
    }

    /** As {@link #read(byte[], String)} for hub {@code self}, whose own records alone it takes. */
    static List<ImportRecord> read(byte[] json, String defaultCountry, String self) {
        List<ImportRecord> records = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ImportException.of(line(parser), null, "$", "expected a JSON array of organisation records");
            }
            int index = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token == null) {
                    throw ImportException.of(line(parser), null, "$", "the array is not closed");
                }
                int line = line(parser);
                JsonNode element;
                try {
                    element = MAPPER.readTree(parser);
                } catch (NumberFormatException e) {
                    // Not a JacksonException: a number whose exponent is past an int (1e99999999999) fails
                    // in BigDecimal (found by HsdsImportFuzzTest; it answered 500).
                    throw ImportException.of(line, null, "$[" + index + "]", OUT_OF_RANGE);
                }
                records.add(toRecord(index++, line, element, defaultCountry, self));
            }
            if (parser.nextToken() != null) {
                throw ImportException.of(line(parser), null, "$", "content after the array");
            }
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw ImportException.of(line, null, "$", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ImportException.of(1, null, "$", "unreadable: " + e.getMessage());
        }
        return records;
    }

    private static ImportRecord toRecord(int index, int line, JsonNode element, String defaultCountry, String self) {
        String base = "$[" + index + "]";
        if (!(element instanceof ObjectNode record)) {
            return new ImportRecord(
                    line,
                    MAPPER.createObjectNode(),
                    List.of(new RowError(line, null, base, "expected an object")),
                    e -> located(line, base, e));
        }
        List<FieldError> problems = new ArrayList<>();
        ObjectNode body = HsdsMapping.toUpsertBody(record, defaultCountry, self, problems);
        List<RowError> errors =
                problems.stream().map(e -> located(line, base, e)).toList();
        return new ImportRecord(line, body, errors, e -> located(line, base, e));
    }

    /** {@code $.body.sectors[1]} of element 3 becomes {@code $[3].sectors[1]}, field {@code sectors}. */
    private static RowError located(int line, String base, FieldError error) {
        String path = error.path();
        return new RowError(
                line,
                ImportRecord.topMember(path),
                base + ImportRecord.relative(path).substring(1),
                error.message());
    }

    private static int line(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }
}
