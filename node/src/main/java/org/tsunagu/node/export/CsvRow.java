package org.tsunagu.node.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.directory.Provenance;
import org.tsunagu.protocol.codes.CodeLists;

/**
 * One organisation as a spreadsheet row. Columns are fixed (so a file can be streamed before all
 * records are seen). Lists of codes are joined with {@code "; "}, as the CSV importer reads them;
 * text that may itself contain {@code ;} (names by language, alternate names, phones, contacts,
 * locations) is one entry per line inside the cell, and by-language text is {@code tag: text}.
 */
final class CsvRow {
    static final List<String> HEADER = List.of(
            "global_id",
            "origin",
            "id",
            "name",
            "names",
            "alternate_names",
            "description",
            "descriptions",
            "country",
            "countries_of_operation",
            "organization_type",
            "sectors",
            "sector_names",
            "languages",
            "identifiers",
            "website",
            "email",
            "phones",
            "contacts",
            "locations",
            "year_incorporated",
            "legal_status",
            "status",
            "visibility",
            "signed_by",
            "signed_at",
            "seq",
            "key",
            "hash",
            "verified");

    private CsvRow() {}

    static List<String> of(OrganizationView view) {
        JsonNode r = view.record();
        Provenance p = view.provenance();
        List<String> row = new ArrayList<>(HEADER.size());
        row.add(view.globalId());
        row.add(view.origin());
        row.add(view.id());
        row.add(text(r, "name"));
        row.add(byLanguage(r.path("names")));
        row.add(lines(r.path("alternate_names"), JsonNode::asText));
        row.add(text(r, "description"));
        row.add(byLanguage(r.path("descriptions")));
        row.add(text(r, "country"));
        row.add(codes(r.path("countries_of_operation")));
        row.add(text(r, "organization_type"));
        row.add(codes(r.path("sectors")));
        row.add(lines(r.path("sectors"), s -> CodeLists.sectorName(s.asText()).orElse(s.asText())));
        row.add(codes(r.path("languages")));
        row.add(codes(r.path("identifiers")));
        row.add(text(r, "website"));
        row.add(text(r, "email"));
        // "type: number", so that a cell of phone numbers starts with the number's own + and stays
        // readable as a number rather than being defused as a formula.
        row.add(lines(
                r.path("phones"),
                phone -> phone.hasNonNull("type")
                        ? text(phone, "type") + ": " + text(phone, "number")
                        : text(phone, "number")));
        row.add(lines(r.path("contacts"), contact -> joined(contact, "name", "title", "email", "phone")));
        row.add(lines(
                r.path("locations"),
                location -> joined(
                        location,
                        "name",
                        "address",
                        "city",
                        "region",
                        "postal_code",
                        "country",
                        "latitude",
                        "longitude")));
        row.add(
                r.path("year_incorporated").isNumber()
                        ? r.get("year_incorporated").asText()
                        : "");
        row.add(text(r, "legal_status"));
        row.add(r.hasNonNull("status") ? text(r, "status") : "active");
        row.add(r.hasNonNull("visibility") ? text(r, "visibility") : "public");
        row.add(p.origin());
        row.add(p.ts());
        row.add(Long.toString(p.seq()));
        row.add(p.key());
        row.add(p.hash());
        row.add(Boolean.toString(p.verified()));
        return row;
    }

    private static String text(JsonNode node, String member) {
        return HsdsOrganization.text(node, member);
    }

    private static String codes(JsonNode array) {
        return stream(array).map(JsonNode::asText).collect(Collectors.joining("; "));
    }

    private static String lines(JsonNode array, Function<JsonNode, String> render) {
        return stream(array).map(render).collect(Collectors.joining("\n"));
    }

    private static String byLanguage(JsonNode map) {
        List<String> lines = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            lines.add(entry.getKey() + ": " + entry.getValue().asText());
        }
        return String.join("\n", lines);
    }

    /** The object's present members, in the given order, joined by ", ". */
    private static String joined(JsonNode object, String... members) {
        List<String> parts = new ArrayList<>();
        for (String member : members) {
            JsonNode value = object.get(member);
            if (value != null && !value.isNull() && !value.asText().isEmpty()) {
                parts.add(value.asText());
            }
        }
        return String.join(", ", parts);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
