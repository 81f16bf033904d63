package org.tsunagu.node.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.protocol.codes.CodeLists;

/**
 * One organisation as a "who does what where" row tagged with the Humanitarian Exchange Language
 * (HXL 1.1 core hashtags and attributes), so that HDX and the HXL tools read the file without a
 * mapping step. The columns are fixed and few: this is the 3W view, not a round-trip format (the
 * plain CSV export is that). Lists are joined with {@code "; "}; where a record has several
 * locations, the first one (with coordinates, for the point) stands for it.
 */
final class HxlRow {
    /** A column: its header, its hashtag, and how a record fills it. */
    private record Column(String header, String hashtag, Function<OrganizationView, String> value) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("Organisation", "#org+name", v -> text(v.record(), "name")),
            new Column(
                    "Organisation (English)",
                    "#org+name+i_en",
                    v -> text(v.record().path("names"), "en")),
            new Column("Global id", "#org+code", OrganizationView::globalId),
            new Column("Organisation type (IATI)", "#org+type+code", v -> text(v.record(), "organization_type")),
            new Column(
                    "Sectors (OECD DAC)", "#sector+code", v -> codes(v.record().path("sectors"), JsonNode::asText)),
            new Column(
                    "Sector names",
                    "#sector+name",
                    v -> codes(
                            v.record().path("sectors"),
                            s -> CodeLists.sectorName(s.asText()).orElse(s.asText()))),
            new Column("Country", "#country+code+iso2", v -> text(v.record(), "country")),
            new Column(
                    "Countries of operation",
                    "#country+code+iso2+operations",
                    v -> codes(v.record().path("countries_of_operation"), JsonNode::asText)),
            new Column("Region", "#adm1+name", v -> text(firstLocation(v.record(), false), "region")),
            new Column("City", "#loc+name", v -> text(firstLocation(v.record(), false), "city")),
            new Column("Latitude", "#geo+lat", v -> number(firstLocation(v.record(), true), "latitude")),
            new Column("Longitude", "#geo+lon", v -> number(firstLocation(v.record(), true), "longitude")),
            new Column("Email", "#contact+email", v -> text(v.record(), "email")),
            new Column("Website", "#contact+url", v -> text(v.record(), "website")),
            new Column("Hub", "#meta+source", OrganizationView::origin),
            new Column("Signed at", "#date+updated", v -> v.provenance().ts()));

    static final List<String> HEADER = COLUMNS.stream().map(Column::header).toList();
    static final List<String> HASHTAGS = COLUMNS.stream().map(Column::hashtag).toList();

    private HxlRow() {}

    static List<String> of(OrganizationView view) {
        List<String> row = new ArrayList<>(COLUMNS.size());
        for (Column column : COLUMNS) {
            String value = column.value().apply(view);
            row.add(value == null ? "" : value);
        }
        return row;
    }

    private static JsonNode firstLocation(JsonNode record, boolean withCoordinates) {
        for (JsonNode location : record.path("locations")) {
            if (!withCoordinates
                    || (location.path("latitude").isNumber()
                            && location.path("longitude").isNumber())) {
                return location;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.path(member);
        return value.isValueNode() ? value.asText() : "";
    }

    private static String number(JsonNode node, String member) {
        JsonNode value = node.path(member);
        return value.isNumber() ? value.asText() : "";
    }

    private static String codes(JsonNode array, Function<JsonNode, String> render) {
        return StreamSupport.stream(array.spliterator(), false).map(render).collect(Collectors.joining("; "));
    }
}
