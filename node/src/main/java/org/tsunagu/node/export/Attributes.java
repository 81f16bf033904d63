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
        return out;
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
