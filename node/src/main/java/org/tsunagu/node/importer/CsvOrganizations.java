package org.tsunagu.node.importer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
import java.util.regex.Matcher;
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
 * {@code contact_email}, {@code contact_phone}. Columns marked * hold several values, one per line
 * in the cell, or (in a cell of one line) separated by {@code ;} or {@code |}; phones may be written
 * {@code voice: +66 2 123 4567}. Empty cells are left out; an empty country is the hub's own.
 *
 * <p>The directory's own CSV export reads back unchanged: its {@code names} and {@code descriptions}
 * columns ({@code tag: text} per line, a text's further lines indented by one space), its
 * {@code contacts} and {@code locations} columns (the body's JSON arrays), and its spreadsheet
 * formula guard (one leading apostrophe, taken off again). Its columns that describe where a record
 * came from ({@code global_id}, {@code sector_names}, {@code signed_by} …) are read but not imported;
 * a row whose {@code origin} is another hub is refused, since a hub signs only its own records.
 */
final class CsvOrganizations {
    private static final Pattern SEPARATOR = Pattern.compile("[;|]");
    private static final Pattern LINES = Pattern.compile("\n");

    private enum Kind {
        TEXT,
        LIST,
        PHONES,
        INTEGER,
        NUMBER,
        /** {@code tag: text} lines: the export's {@code names} and {@code descriptions}. */
        BY_LANGUAGE,
        /** The body's JSON array: the export's {@code contacts} and {@code locations}. */
        JSON_LIST,
        /** Must name this hub: the export's {@code origin}. */
        ORIGIN,
        /** Written by the export for readers, not imported. */
        EXPORT_ONLY
    }

    /** Export columns that describe a record rather than being part of it. */
    private static final List<String> EXPORT_ONLY =
            List.of("global_id", "sector_names", "signed_by", "signed_at", "seq", "key", "hash", "verified");

    private static final Pattern LANGUAGE_LINE = Pattern.compile("([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*): (.*)");
    private static final Pattern TYPED_PHONE = Pattern.compile("(text|voice|fax|cell|video|pager|textphone): (.+)");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?[0-9]+,[0-9]+");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

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
    private final String self;

    private CsvOrganizations(List<String> header, List<Target> targets, String defaultCountry, String self) {
        this.header = header;
        this.targets = targets;
        this.defaultCountry = defaultCountry;
        this.self = self;
    }

    /** Reads a file for a hub that takes any {@code origin}: for tests of the columns alone. */
    static List<ImportRecord> read(byte[] csv, String defaultCountry) {
        return read(csv, defaultCountry, null);
    }

    /**
     * Reads the file for hub {@code self}; throws {@link ImportException} for an unusable header or
     * CSV syntax.
     */
    static List<ImportRecord> read(byte[] csv, String defaultCountry, String self) {
        List<CsvFile.Row> rows = CsvFile.parse(csv);
        if (rows.isEmpty() || rows.get(0).blank()) {
            throw ImportException.of(1, null, "$", "the file is empty; the first line must name the columns");
        }
        CsvOrganizations mapping = forHeader(rows.get(0), defaultCountry, self);
        List<ImportRecord> records = new ArrayList<>();
        for (CsvFile.Row row : rows.subList(1, rows.size())) {
            if (!row.blank()) {
                records.add(mapping.toRecord(row));
            }
        }
        return records;
    }

    private static CsvOrganizations forHeader(CsvFile.Row headerRow, String defaultCountry, String self) {
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
        for (String group : List.of("locations", "contacts")) {
            String flat = group.equals("locations") ? "latitude, address, city" : "contact_name, contact_email";
            boolean both = seen.containsKey(group)
                    && header.stream()
                            .filter(c -> c != null && !c.equals(group))
                            .map(CsvOrganizations::targetFor)
                            .anyMatch(t -> t != null && group.equals(t.group()));
            if (both) {
                errors.add(new RowError(
                        1,
                        group,
                        "$",
                        "use either the \"" + group + "\" column (JSON, as the export writes it) or the one-"
                                + group.substring(0, group.length() - 1) + " columns (" + flat + " …), not both"));
            }
        }
        for (String required : List.of("id", "name")) {
            if (!seen.containsKey(required)) {
                errors.add(new RowError(1, required, "$", "the header has no \"" + required + "\" column"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportException(errors);
        }
        return new CsvOrganizations(header, targets, defaultCountry, self);
    }

    private ImportRecord toRecord(CsvFile.Row row) {
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
            String raw = cells.get(i);
            String cell = unguard(raw.strip());
            if (cell.isEmpty()) {
                continue;
            }
            Target target = targets.get(i);
            String column = header.get(i);
            if (target.kind() == Kind.EXPORT_ONLY) {
                continue;
            }
            if (target.kind() == Kind.ORIGIN) {
                if (self != null && !cell.equals(self)) {
                    errors.add(new RowError(
                            row.line(),
                            column,
                            "$",
                            "a record of hub " + cell + ", not of this hub (" + self + "): a hub imports only its own"
                                    + " records; export with hub=" + self + " to get them alone"));
                }
                continue;
            }
            ObjectNode parent = parentFor(body, target.group());
            String path = target.path();
            columnByPath.put(path, column);
            try {
                // The export ends a one-value list cell with a line break when the value holds ; or |.
                put(parent, target, cell, raw.indexOf('\n') >= 0);
            } catch (NumberFormatException e) {
                errors.add(new RowError(row.line(), column, ImportRecord.relative(path), notANumber(cell)));
            } catch (IllegalArgumentException e) {
                errors.add(new RowError(row.line(), column, ImportRecord.relative(path), e.getMessage()));
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

    private static String notANumber(String cell) {
        return DECIMAL_COMMA.matcher(cell).matches()
                ? "not a number: " + cell + "; write decimals with a point (" + cell.replace(',', '.') + ")"
                : "not a number: " + cell;
    }

    /** Takes off the apostrophe the export puts before a value a spreadsheet would run as a formula. */
    static String unguard(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && "=@+-\t\r'".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    /** @throws IllegalArgumentException with a message for the admin when the cell cannot be read */
    private static void put(ObjectNode parent, Target target, String cell, boolean byLine) {
        String member = target.member();
        switch (target.kind()) {
            case TEXT -> parent.put(member, cell);
            case INTEGER -> parent.put(member, Integer.parseInt(cell));
            case NUMBER -> parent.put(member, new BigDecimal(cell));
            case LIST -> {
                ArrayNode values = parent.putArray(member);
                splitValues(cell, byLine).forEach(values::add);
            }
            case PHONES -> {
                ArrayNode phones = parent.putArray(member);
                for (String entry : splitValues(cell, byLine)) {
                    Matcher typed = TYPED_PHONE.matcher(entry);
                    if (typed.matches()) {
                        phones.addObject().put("number", typed.group(2).strip()).put("type", typed.group(1));
                    } else {
                        phones.addObject().put("number", entry);
                    }
                }
            }
            case BY_LANGUAGE -> parent.set(member, languageLines(cell));
            case JSON_LIST -> parent.set(member, jsonList(cell));
            case ORIGIN, EXPORT_ONLY -> throw new IllegalStateException("not a member: " + member);
        }
    }

    /** {@code tag: text} lines; a line starting with a space continues the text before it. */
    private static ObjectNode languageLines(String cell) {
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        String tag = null;
        StringBuilder text = new StringBuilder();
        for (String line : cell.split("\n", -1)) {
            if (tag != null && line.startsWith(" ")) {
                text.append('\n').append(line, 1, line.length());
                continue;
            }
            Matcher m = LANGUAGE_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected \"tag: text\" on each line (e.g. \"ja: 日本語の名前\"),"
                        + " or use one column per language (names.ja)");
            }
            if (tag != null) {
                map.put(tag, text.toString());
            }
            tag = m.group(1);
            text.setLength(0);
            text.append(m.group(2));
            if (map.has(tag)) {
                throw new IllegalArgumentException("language " + tag + " appears twice");
            }
        }
        map.put(tag, text.toString());
        return map;
    }

    private static ArrayNode jsonList(String cell) {
        try {
            if (JSON.readTree(cell) instanceof ArrayNode array) {
                return array;
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON array as the export writes it: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "not a JSON array as the export writes it: " + JsonOrganizations.OUT_OF_RANGE);
        }
        throw new IllegalArgumentException("not a JSON array as the export writes it");
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

    /** One value per line if the cell has line breaks (values may then hold ; or |), else split at ; and |. */
    private static List<String> splitValues(String cell, boolean byLine) {
        return Arrays.stream((byLine ? LINES : SEPARATOR).split(cell))
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
        if (column.equals("origin")) {
            return new Target(null, column, Kind.ORIGIN);
        }
        if (EXPORT_ONLY.contains(column)) {
            return new Target(null, column, Kind.EXPORT_ONLY);
        }
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
                // Also names.<tag> and descriptions.<tag>: see targetFor.
                case TEXT_MAP -> Kind.BY_LANGUAGE;
                // Phone numbers fit one cell; one location and one contact also get columns below.
                case OBJECT_LIST -> member == OrganizationMember.PHONES ? Kind.PHONES : Kind.JSON_LIST;
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
