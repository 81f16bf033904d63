package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Records as a hand-made member spreadsheet in the importer's own columns (one location, one contact,
 * names by language in {@code names.<tag>} columns), quoted by hand as RFC 4180 says, so the test does
 * not share the code it tests.
 */
final class ImportCsvFiles {
    private static final List<String> COLUMNS = List.of(
            "id",
            "name",
            "names.en",
            "names.th",
            "alternate_names",
            "description",
            "descriptions.en",
            "country",
            "countries_of_operation",
            "organization_type",
            "sectors",
            "languages",
            "identifiers",
            "website",
            "email",
            "phones",
            "year_incorporated",
            "legal_status",
            "status",
            "location_name",
            "address",
            "city",
            "latitude",
            "longitude",
            "contact_name",
            "contact_email");

    private ImportCsvFiles() {}

    static String of(List<ObjectNode> records) {
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append(String.join(",", COLUMNS)).append("\r\n");
        for (ObjectNode r : records) {
            List<String> cells = new ArrayList<>();
            JsonNode location = r.path("locations").path(0);
            JsonNode contact = r.path("contacts").path(0);
            for (String column : COLUMNS) {
                cells.add(quote(
                        switch (column) {
                            case "names.en" -> r.path("names").path("en").asText("");
                            case "names.th" -> r.path("names").path("th").asText("");
                            case "descriptions.en" ->
                                r.path("descriptions").path("en").asText("");
                            case "alternate_names" -> lines(r.path("alternate_names"));
                            case "countries_of_operation", "sectors", "languages", "identifiers" ->
                                join(r.path(column), "; ");
                            case "phones" ->
                                StreamSupport.stream(r.path("phones").spliterator(), false)
                                        .map(p -> p.has("type")
                                                ? p.get("type").asText() + ": "
                                                        + p.get("number").asText()
                                                : p.get("number").asText())
                                        .collect(Collectors.joining("\n"));
                            case "location_name" -> location.path("name").asText("");
                            case "address", "city" -> location.path(column).asText("");
                            case "latitude", "longitude" ->
                                location.has(column)
                                        ? location.get(column).decimalValue().toPlainString()
                                        : "";
                            case "contact_name" -> contact.path("name").asText("");
                            case "contact_email" -> contact.path("email").asText("");
                            default -> r.has(column) ? r.get(column).asText() : "";
                        }));
            }
            out.append(String.join(",", cells)).append("\r\n");
        }
        return out.toString();
    }

    private static String lines(JsonNode array) {
        return join(array, "\n");
    }

    private static String join(JsonNode array, String separator) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.joining(separator));
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
