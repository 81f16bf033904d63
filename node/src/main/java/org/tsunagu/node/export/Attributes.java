package org.tsunagu.node.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;
import org.tsunagu.protocol.codes.CodeLists;

/**
 * The coded members of a record as HSDS {@code attributes}, each pointing at a taxonomy term named
 * after the code list it comes from, so a consumer can filter an HSDS export by country, sector or
 * language as the directory does.
 *
 * <p>What HSDS has no member for is an attribute too, so that the export imports back unchanged
 * ({@code importer.HsdsMapping} reads them): each name and description by language ({@code link_type}
 * {@code name} or {@code description}, the text as {@code value}, the language as term), each
 * alternate name, and the record's {@code status} and {@code visibility}.
 */
final class Attributes {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Taxonomy(String linkType, String name, Function<String, Optional<String>> names) {}

    private static final Taxonomy COUNTRY =
            new Taxonomy("country", "ISO 3166-1 alpha-2 (IATI Country)", CodeLists::countryName);
    private static final Taxonomy COUNTRY_OF_OPERATION =
            new Taxonomy("country_of_operation", "ISO 3166-1 alpha-2 (IATI Country)", CodeLists::countryName);
    private static final Taxonomy SECTOR =
            new Taxonomy("sector", "OECD DAC CRS purpose codes (IATI Sector, SectorCategory)", CodeLists::sectorName);
    private static final Taxonomy LANGUAGE =
            new Taxonomy("working_language", "BCP 47 language tags", tag -> CodeLists.languageName(tag.split("-")[0]));
    private static final Taxonomy TYPE =
            new Taxonomy("organization_type", "IATI OrganisationType", CodeLists::organisationTypeName);

    private Attributes() {}

    static ArrayNode of(JsonNode record, String gid, String orgId) {
        ArrayNode out = NODES.arrayNode();
        add(out, COUNTRY, record.path("country"), gid, orgId);
        record.path("countries_of_operation").forEach(c -> add(out, COUNTRY_OF_OPERATION, c, gid, orgId));
        add(out, TYPE, record.path("organization_type"), gid, orgId);
        record.path("sectors").forEach(s -> add(out, SECTOR, s, gid, orgId));
        record.path("languages").forEach(l -> add(out, LANGUAGE, l, gid, orgId));
        byLanguage(out, "name", record.path("names"), gid, orgId);
        byLanguage(out, "description", record.path("descriptions"), gid, orgId);
        JsonNode alternates = record.path("alternate_names");
        for (int i = 0; i < alternates.size(); i++) {
            text(out, "alternate_name", i, alternates.get(i).asText(""), gid, orgId);
        }
        for (String member : new String[] {"status", "visibility"}) {
            if (record.path(member).isTextual()) {
                text(out, member, 0, record.get(member).textValue(), gid, orgId);
            }
        }
        return out;
    }

    /** One attribute per language: the text as value, the language as its taxonomy term. */
    private static void byLanguage(ArrayNode out, String linkType, JsonNode map, String gid, String orgId) {
        map.fields().forEachRemaining(entry -> {
            String tag = entry.getKey();
            ObjectNode attribute = text(out, linkType, 0, entry.getValue().asText(""), gid, orgId);
            attribute.put("id", NameUuid.of("urn:tsunagu:attribute:" + gid + ":" + linkType + ":" + tag));
            String termId = NameUuid.of("urn:tsunagu:term:" + LANGUAGE.name() + ":" + tag);
            attribute.put("taxonomy_term_id", termId);
            ObjectNode term = attribute.putObject("taxonomy_term");
            term.put("id", termId);
            term.put("code", tag);
            String name = LANGUAGE.names().apply(tag).orElse(tag);
            term.put("name", name);
            term.put("description", name);
            term.put("taxonomy", LANGUAGE.name());
        });
    }

    private static ObjectNode text(ArrayNode out, String linkType, int index, String value, String gid, String orgId) {
        ObjectNode attribute = out.addObject();
        attribute.put("id", NameUuid.of("urn:tsunagu:attribute:" + gid + ":" + linkType + ":" + index));
        attribute.put("link_id", orgId);
        attribute.put("link_type", linkType);
        attribute.put("link_entity", "organization");
        attribute.put("value", value);
        return attribute;
    }

    private static void add(ArrayNode out, Taxonomy taxonomy, JsonNode value, String gid, String orgId) {
        if (!value.isTextual() || value.textValue().isEmpty()) {
            return;
        }
        String code = value.textValue();
        String name = taxonomy.names().apply(code).orElse(code);
        ObjectNode attribute = out.addObject();
        attribute.put("id", NameUuid.of("urn:tsunagu:attribute:" + gid + ":" + taxonomy.linkType() + ":" + code));
        attribute.put("link_id", orgId);
        attribute.put("link_type", taxonomy.linkType());
        attribute.put("link_entity", "organization");
        // The term's UUID depends on the list and code only: the same term in every organisation.
        String termId = NameUuid.of("urn:tsunagu:term:" + taxonomy.name() + ":" + code);
        attribute.put("taxonomy_term_id", termId);
        attribute.put("value", code);
        ObjectNode term = attribute.putObject("taxonomy_term");
        term.put("id", termId);
        term.put("code", code);
        term.put("name", name);
        term.put("description", name);
        term.put("taxonomy", taxonomy.name());
    }
}
