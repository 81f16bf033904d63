package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.tsunagu.protocol.body.OrganizationMember;

/**
 * Turns a hub's member spreadsheet (CSV, header row first) into {@code org.upsert} bodies.
 *
 * <p>Columns (any order, case-insensitive; unknown columns are an error so a misspelt header is not
 * silently dropped): {@code id}, {@code name}, {@code names.<tag>} (e.g. {@code names.ja}),
 * {@code alternate_names}*, {@code description}, {@code descriptions.<tag>}, {@code country},
 * {@code countries_of_operation}*, {@code organization_type}, {@code sectors}*, {@code languages}*,
 * {@code identifiers}*, {@code website}, {@code email}, {@code phones}*, {@code year_incorporated},
 * {@code legal_status}, {@code status}, {@code visibility}; one location: {@code location_name},
 * {@code address}, {@code city}, {@code region}, {@code postal_code}, {@code location_country},
 * {@code latitude}, {@code longitude}; one contact: {@code contact_name}, {@code contact_title},
 * {@code contact_email}, {@code contact_phone}. Columns marked * hold several values separated by
 * {@code ;} or {@code |}. Empty cells are left out; an empty country is the hub's own.
 */
final class CsvOrganizations {
    private static final Pattern SEPARATOR = Pattern.compile("[;|]");

    private enum Kind {
        TEXT,
        LIST,
        PHONES,
        INTEGER,
        NUMBER
    }

    /** Where a column's value goes: a member of the body, or of its first location or contact. */
    private record Target(String group, String member, Kind kind) {
        String path() {
            if (group == null) {
                return "$.body." + member;
            }
            return "$.body." + group + (byLanguage(group) ? "." : "[0].") + member;
        }
    }

    private static final Map<String, Target> COLUMNS = columns();

    private final List<String> header;
    private final List<Target> targets;
    private final String defaultCountry;

    private CsvOrganizations(List<String> header, List<Target> targets, String defaultCountry) {
        this.header = header;
        this.targets = targets;
        this.defaultCountry = defaultCountry;
    }

    /** Reads the file; throws {@link ImportException} for an unusable header or CSV syntax. */
    static List<ImportRecord> read(byte[] csv, String defaultCountry) {
        List<CsvParser.Row> rows = CsvParser.parse(csv);
        if (rows.isEmpty() || rows.get(0).blank()) {
            throw ImportException.of(1, null, "$", "the file is empty; the first line must name the columns");
        }
        CsvOrganizations mapping = forHeader(rows.get(0), defaultCountry);
        List<ImportRecord> records = new ArrayList<>();
        for (CsvParser.Row row : rows.subList(1, rows.size())) {
            if (!row.blank()) {
                records.add(mapping.toRecord(row));
            }
        }
        return records;
    }

    private static CsvOrganizations forHeader(CsvParser.Row headerRow, String defaultCountry) {
        List<String> header = new ArrayList<>();
        List<Target> targets = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String raw : headerRow.fields()) {
            String column = normalise(raw);
            Target target = targetFor(column);
            if (target == null) {
                errors.add(new RowError(1, raw.strip(), "$", "unknown column \"" + raw.strip() + "\""));
            } else if (seen.putIfAbsent(column, header.size()) != null) {
                errors.add(new RowError(1, column, "$", "column \"" + column + "\" appears twice"));
            }
            header.add(column);
            targets.add(target);
        }
        for (String required : List.of("id", "name")) {
            if (!seen.containsKey(required)) {
                errors.add(new RowError(1, required, "$", "the header has no \"" + required + "\" column"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportException(errors);
        }
        return new CsvOrganizations(header, targets, defaultCountry);
    }

    private ImportRecord toRecord(CsvParser.Row row) {
        List<RowError> errors = new ArrayList<>();
        Map<String, String> columnByPath = new HashMap<>();
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        List<String> cells = row.fields();
        for (int i = header.size(); i < cells.size(); i++) {
            if (!cells.get(i).isBlank()) {
                errors.add(new RowError(row.line(), null, "$", "more cells than columns (cell " + (i + 1) + ")"));
                break;
            }
        }
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
            String cell = cells.get(i).strip();
            if (cell.isEmpty()) {
                continue;
            }
            Target target = targets.get(i);
            String column = header.get(i);
            ObjectNode parent = parentFor(body, target.group());
            String path = target.path();
            columnByPath.put(path, column);
            try {
                put(parent, target, cell);
            } catch (NumberFormatException e) {
                errors.add(new RowError(row.line(), column, ImportRecord.relative(path), "not a number: " + cell));
            }
        }
        if (!body.has("country")) {
            body.put("country", defaultCountry);
        }
        return new ImportRecord(
                row.line(),
                body,
                errors,
                e -> new RowError(
                        row.line(), columnFor(e.path(), columnByPath), ImportRecord.relative(e.path()), e.message()));
    }

    private static void put(ObjectNode parent, Target target, String cell) {
        String member = target.member();
        switch (target.kind()) {
            case TEXT -> parent.put(member, cell);
            case INTEGER -> parent.put(member, Integer.parseInt(cell));
            case NUMBER -> parent.put(member, new BigDecimal(cell));
            case LIST -> {
                ArrayNode values = parent.putArray(member);
                splitValues(cell).forEach(values::add);
            }
            case PHONES -> {
                ArrayNode phones = parent.putArray(member);
                splitValues(cell).forEach(number -> phones.addObject().put("number", number));
            }
        }
    }

    private static ObjectNode parentFor(ObjectNode body, String group) {
        if (group == null) {
            return body;
        }
        if (byLanguage(group)) {
            return body.has(group) ? (ObjectNode) body.get(group) : body.putObject(group);
        }
        ArrayNode array = body.has(group) ? (ArrayNode) body.get(group) : body.putArray(group);
        return array.isEmpty() ? array.addObject() : (ObjectNode) array.get(0);
    }

    private static List<String> splitValues(String cell) {
        return Arrays.stream(SEPARATOR.split(cell))
                .map(String::strip)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** The column behind a body path such as {@code $.body.sectors[1]} or {@code $.body.names.ja}. */
    private static String columnFor(String path, Map<String, String> columnByPath) {
        for (String probe = path; probe.length() > "$.body".length(); ) {
            String column = columnByPath.get(probe);
            if (column != null) {
                return column;
            }
            probe = probe.substring(0, Math.max(probe.lastIndexOf('.'), probe.lastIndexOf('[')));
        }
        return ImportRecord.topMember(path);
    }

    private static String normalise(String raw) {
        String column = raw.strip().replace(' ', '_');
        int dot = column.indexOf('.');
        if (dot > 0) {
            // The language tag after names./descriptions. keeps its case (ja-Latn).
            return column.substring(0, dot).toLowerCase(Locale.ROOT) + column.substring(dot);
        }
        return column.toLowerCase(Locale.ROOT);
    }

    private static Target targetFor(String column) {
        Target fixed = COLUMNS.get(column);
        if (fixed != null) {
            return fixed;
        }
        for (OrganizationMember member : OrganizationMember.values()) {
            String group = member.wire();
            if (byLanguage(group) && column.startsWith(group + ".") && column.length() > group.length() + 1) {
                return new Target(group, column.substring(group.length() + 1), Kind.TEXT);
            }
        }
        return null;
    }

    /** Whether {@code group} is a text by language (a column {@code names.ja}), not a list of objects. */
    private static boolean byLanguage(String group) {
        return OrganizationMember.fromWire(group)
                .map(member -> member.kind() == OrganizationMember.Kind.TEXT_MAP)
                .orElse(false);
    }

    private static Map<String, Target> columns() {
        Map<String, Target> columns = new HashMap<>();
        for (OrganizationMember member : OrganizationMember.values()) {
            Kind kind = switch (member.kind()) {
                case TEXT, CHOICE -> Kind.TEXT;
                case TEXT_LIST, CODE_LIST -> Kind.LIST;
                case INTEGER -> Kind.INTEGER;
                // names.<tag> and descriptions.<tag>: see targetFor.
                case TEXT_MAP -> null;
                // Phone numbers fit one cell; one location and one contact get columns below.
                case OBJECT_LIST -> member == OrganizationMember.PHONES ? Kind.PHONES : null;
            };
            if (kind != null) {
                columns.put(member.wire(), new Target(null, member.wire(), kind));
            }
        }
        for (String member : OrganizationMember.LOCATIONS.members()) {
            // The location's name and country would clash with the organisation's own columns.
            String column = member.equals("name") || member.equals("country") ? "location_" + member : member;
            boolean coordinate = member.equals("latitude") || member.equals("longitude");
            columns.put(column, new Target("locations", member, coordinate ? Kind.NUMBER : Kind.TEXT));
        }
        for (String member : OrganizationMember.CONTACTS.members()) {
            columns.put("contact_" + member, new Target("contacts", member, Kind.TEXT));
        }
        return Map.copyOf(columns);
    }
}
