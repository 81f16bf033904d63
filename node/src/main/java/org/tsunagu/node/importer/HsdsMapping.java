package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.body.OrganizationMember;

/**
 * Maps an HSDS 3.0 {@code organization} (Open Referral) onto this node's {@code org.upsert} body.
 * Members the two share pass through; {@code alternate_name} and {@code organization_identifiers}
 * become {@code alternate_names} and org-id {@code identifiers}; phones, contacts and locations keep the
 * members the body has. HSDS members with no place in a federated directory entry (funding, programs,
 * tax data, HSDS row ids…) are dropped on purpose; any other member is an error, so a typo is not lost.
 */
final class HsdsMapping {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> DROPPED = Set.of(
            "tax_status",
            "tax_id",
            "logo",
            "uri",
            "parent_organization_id",
            "funding",
            "programs",
            "services",
            "attributes",
            "metadata");

    private static final Set<String> HSDS_ROW_LINKS = Set.of(
            "id",
            "organization_id",
            "service_id",
            "location_id",
            "contact_id",
            "service_at_location_id",
            "attributes",
            "metadata");

    /** Per list of objects: the HSDS members dropped; those of the body's objects are kept as they are. */
    private static final Map<OrganizationMember, Set<String>> NESTED_DROPPED = Map.of(
            OrganizationMember.PHONES,
            Set.of("extension", "description", "languages"),
            OrganizationMember.CONTACTS,
            Set.of("department", "phones"),
            OrganizationMember.LOCATIONS,
            Set.of(
                    "location_type",
                    "url",
                    "alternate_name",
                    "description",
                    "transportation",
                    "external_identifier",
                    "external_identifier_type",
                    "languages",
                    "addresses",
                    "contacts",
                    "accessibility",
                    "phones",
                    "schedules"));

    /** The identifier type of the global id in our own HSDS export ({@code export.HsdsOrganization}). */
    static final String GLOBAL_ID_TYPE = "Tsunagu global id (origin/id)";

    /** Attribute link types of our own export, and the body member each goes back to. */
    private static final Map<String, String> CODE_ATTRIBUTES = Map.of(
            "country", "country",
            "country_of_operation", "countries_of_operation",
            "sector", "sectors",
            "working_language", "languages",
            "organization_type", "organization_type",
            "alternate_name", "alternate_names",
            "status", "status",
            "visibility", "visibility");

    private HsdsMapping() {}

    /**
     * @param self this hub: a Tsunagu export's global id must name it (null takes any, for tests of the
     *     mapping alone)
     */
    static ObjectNode toUpsertBody(ObjectNode record, String defaultCountry, String self, List<FieldError> problems) {
        String globalId = globalId(record);
        boolean ours = globalId != null;
        ObjectNode body = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            String name = member.getKey();
            JsonNode value = member.getValue();
            String path = "$.body." + name;
            OrganizationMember known = OrganizationMember.fromWire(name).orElse(null);
            if (value.isTextual() && value.textValue().isEmpty() && (known == null || !known.required())) {
                continue;
            }
            if (known != null && known.kind() == OrganizationMember.Kind.OBJECT_LIST) {
                body.set(name, list(value, path, known, problems));
            } else if (known != null) {
                // A member of the body itself, copied as it is.
                body.set(name, value);
            } else if (name.equals("alternate_name")) {
                // Our export joins names and alternate names here for HSDS readers; its attributes hold them.
                if (!value.isNull() && !ours) {
                    body.putArray("alternate_names").add(value);
                }
            } else if (name.equals("organization_identifiers")) {
                ArrayNode identifiers = identifiers(value, path, problems);
                if (!identifiers.isEmpty()) {
                    body.set("identifiers", identifiers);
                }
            } else if (name.equals("attributes") && ours) {
                attributes(value, body);
            } else if (!DROPPED.contains(name)) {
                problems.add(new FieldError(path, "unknown member"));
            }
        }
        if (ours) {
            int slash = globalId.indexOf('/');
            String origin = globalId.substring(0, Math.max(0, slash));
            if (self != null && !origin.equals(self)) {
                problems.add(new FieldError(
                        "$.body.organization_identifiers",
                        "a record of hub " + origin + ", not of this hub (" + self + "): a hub imports only its"
                                + " own records; export with hub=" + self + " to get them alone"));
            }
            body.put("id", globalId.substring(slash + 1));
        }
        if (!body.has("country")) {
            body.put("country", countryOfFirstAddress(body).orElse(defaultCountry));
        }
        return body;
    }

    /** The Tsunagu global id among the record's identifiers, or null if it has none. */
    private static String globalId(ObjectNode record) {
        for (JsonNode entry : record.path("organization_identifiers")) {
            if (GLOBAL_ID_TYPE.equals(entry.path("identifier_type").asText())
                    && entry.path("identifier").asText("").indexOf('/') > 0) {
                return entry.get("identifier").asText();
            }
        }
        return null;
    }

    /** Our export's attributes back into the members they came from. */
    private static void attributes(JsonNode attributes, ObjectNode body) {
        for (JsonNode attribute : attributes) {
            String type = attribute.path("link_type").asText("");
            String value = attribute.path("value").asText("");
            if (value.isEmpty()) {
                continue;
            }
            if (type.equals("name") || type.equals("description")) {
                String tag = attribute.path("taxonomy_term").path("code").asText("");
                if (!tag.isEmpty()) {
                    ObjectNode map =
                            body.has(type + "s") ? (ObjectNode) body.get(type + "s") : body.putObject(type + "s");
                    map.put(tag, value);
                }
                continue;
            }
            String member = CODE_ATTRIBUTES.get(type);
            if (member == null) {
                continue;
            }
            boolean list = OrganizationMember.fromWire(member)
                    .map(m -> m.kind() == OrganizationMember.Kind.CODE_LIST
                            || m.kind() == OrganizationMember.Kind.TEXT_LIST)
                    .orElse(false);
            if (list) {
                (body.has(member) ? (ArrayNode) body.get(member) : body.putArray(member)).add(value);
            } else {
                body.put(member, value);
            }
        }
    }

    private static ArrayNode identifiers(JsonNode value, String path, List<FieldError> problems) {
        ArrayNode identifiers = NODES.arrayNode();
        if (!value.isArray()) {
            problems.add(new FieldError(path, "expected an array"));
            return identifiers;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode entry = value.get(i);
            if (GLOBAL_ID_TYPE.equals(entry.path("identifier_type").asText())) {
                continue; // where the record came from, not one of its identifiers: see toUpsertBody
            }
            String identifier = entry.path("identifier").asText("");
            String scheme = entry.path("identifier_scheme").asText("");
            if (!entry.isObject() || identifier.isEmpty()) {
                problems.add(new FieldError(path + "[" + i + "].identifier", "required"));
                continue;
            }
            // org-id form is LIST-value; HSDS may give the list code separately as the scheme.
            boolean prefixed = scheme.isEmpty() || identifier.startsWith(scheme + "-");
            identifiers.add(prefixed ? identifier : scheme + "-" + identifier);
        }
        return identifiers;
    }

    private static ArrayNode list(JsonNode value, String path, OrganizationMember objects, List<FieldError> problems) {
        ArrayNode out = NODES.arrayNode();
        if (!value.isArray()) {
            problems.add(new FieldError(path, "expected an array"));
            return out;
        }
        for (int i = 0; i < value.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject()) {
                problems.add(new FieldError(itemPath, "expected an object"));
                continue;
            }
            ObjectNode mapped = out.addObject();
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (objects.members().contains(member.getKey())) {
                    mapped.set(member.getKey(), member.getValue());
                } else if (!NESTED_DROPPED.getOrDefault(objects, Set.of()).contains(member.getKey())
                        && !HSDS_ROW_LINKS.contains(member.getKey())) {
                    problems.add(new FieldError(itemPath + "." + member.getKey(), "unknown member"));
                }
            }
            if (objects == OrganizationMember.CONTACTS
                    && !mapped.has("phone")
                    && item.path("phones").path(0).has("number")) {
                mapped.set("phone", item.path("phones").path(0).get("number"));
            }
            if (objects == OrganizationMember.LOCATIONS) {
                fillFromFirstAddress(mapped, item.path("addresses").path(0));
            }
        }
        return out;
    }

    /** HSDS keeps a location's postal address in addresses[]; the body has one flat address. */
    private static void fillFromFirstAddress(ObjectNode location, JsonNode address) {
        if (!address.isObject()) {
            return;
        }
        String line1 = address.path("address_1").asText("");
        String line2 = address.path("address_2").asText("");
        String street = line2.isEmpty() ? line1 : line1.isEmpty() ? line2 : line1 + ", " + line2;
        putIfAbsent(location, "address", street);
        putIfAbsent(location, "city", address.path("city").asText(""));
        putIfAbsent(
                location,
                "region",
                address.path("region").asText(address.path("state_province").asText("")));
        putIfAbsent(location, "postal_code", address.path("postal_code").asText(""));
        putIfAbsent(location, "country", address.path("country").asText(""));
    }

    private static void putIfAbsent(ObjectNode node, String member, String value) {
        if (!node.has(member) && !value.isEmpty()) {
            node.put(member, value);
        }
    }

    private static java.util.Optional<String> countryOfFirstAddress(ObjectNode body) {
        JsonNode country = body.path("locations").path(0).path("country");
        return country.isTextual() && !country.asText().isEmpty()
                ? java.util.Optional.of(country.asText())
                : java.util.Optional.empty();
    }
}
