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
import org.tsunagu.protocol.body.OrganizationMember;
import org.tsunagu.protocol.codes.CodeLists;

/**
 * One organisation as a spreadsheet row, in a layout the CSV importer reads back unchanged. Columns
 * are fixed (so a file can be streamed before all records are seen). Lists of codes are joined with
 * {@code "; "}; text that may itself contain {@code ;} (alternate names, phones) is one entry per line
 * inside the cell; by-language text is {@code tag: text} per language, a description's further lines
 * indented by one space; contacts and locations, which have too many members for one readable and
 * unambiguous line, are the body's own JSON array.
 */
final class CsvRow {
    private static final List<String> PROVENANCE = List.of("signed_by", "signed_at", "seq", "key", "hash", "verified");

    /**
     * The global id and origin, one column per member of the body in the body's order (with the sectors'
     * names after their codes, for readers who do not know the DAC codes), then where the record came from.
     */
    static final List<String> HEADER = header();

    private CsvRow() {}

    private static List<String> header() {
        List<String> header = new ArrayList<>(List.of("global_id", "origin"));
        for (OrganizationMember member : OrganizationMember.values()) {
            header.add(member.wire());
            if (member == OrganizationMember.SECTORS) {
                header.add("sector_names");
            }
        }
        header.addAll(PROVENANCE);
        return List.copyOf(header);
    }

    static List<String> of(OrganizationView view) {
        JsonNode r = view.record();
        Provenance p = view.provenance();
        List<String> row = new ArrayList<>(HEADER.size());
        row.add(view.globalId());
        row.add(view.origin());
        for (OrganizationMember member : OrganizationMember.values()) {
            row.add(member == OrganizationMember.ID ? view.id() : cell(r, member));
            if (member == OrganizationMember.SECTORS) {
                row.add(lines(
                        r.path("sectors"), s -> CodeLists.sectorName(s.asText()).orElse(s.asText())));
            }
        }
        row.add(p.origin());
        row.add(p.ts());
        row.add(Long.toString(p.seq()));
        row.add(p.key());
        row.add(p.hash());
        row.add(Boolean.toString(p.verified()));
        return row;
    }

    private static String cell(JsonNode r, OrganizationMember member) {
        String name = member.wire();
        JsonNode value = r.path(name);
        return switch (member.kind()) {
            case TEXT -> text(r, name);
            case TEXT_MAP -> byLanguage(value);
            case OBJECT_LIST -> member == OrganizationMember.PHONES ? phones(value) : json(value);
            case TEXT_LIST -> lines(value, JsonNode::asText);
            case CODE_LIST -> codes(value);
            case INTEGER -> value.isNumber() ? value.asText() : "";
            case CHOICE -> r.hasNonNull(name) ? text(r, name) : member.defaultValue();
        };
    }

    private static String text(JsonNode node, String member) {
        return HsdsOrganization.text(node, member);
    }

    private static String codes(JsonNode array) {
        return stream(array).map(JsonNode::asText).collect(Collectors.joining("; "));
    }

    /**
     * One entry per line. A single entry holding {@code ;} or {@code |} gets a line break after it, so
     * the importer reads the cell by line rather than splitting the entry at its semicolon.
     */
    private static String lines(JsonNode array, Function<JsonNode, String> render) {
        String joined = stream(array).map(render).collect(Collectors.joining("\n"));
        boolean ambiguous = array.size() == 1 && (joined.indexOf(';') >= 0 || joined.indexOf('|') >= 0);
        return ambiguous ? joined + "\n" : joined;
    }

    /**
     * {@code tag: text} per language; the text's own further lines start with one space, which the
     * importer takes off, so a line of a description can never be read as another language.
     */
    private static String byLanguage(JsonNode map) {
        List<String> lines = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            lines.add(entry.getKey() + ": " + entry.getValue().asText().replace("\n", "\n "));
        }
        return String.join("\n", lines);
    }

    /**
     * "type: number", one per line, so that a cell of phone numbers starts with the number's own + and
     * stays readable as a number rather than being defused as a formula.
     */
    private static String phones(JsonNode phones) {
        return lines(
                phones,
                phone -> phone.hasNonNull("type")
                        ? text(phone, "type") + ": " + text(phone, "number")
                        : text(phone, "number"));
    }

    private static String json(JsonNode array) {
        return array.isArray() && !array.isEmpty() ? array.toString() : "";
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
