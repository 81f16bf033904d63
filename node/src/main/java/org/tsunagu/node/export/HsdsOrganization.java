package org.tsunagu.node.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.directory.Provenance;
import org.tsunagu.protocol.codes.CodeLists;
import org.tsunagu.protocol.codes.OrgIdList;

/**
 * One held organisation as an Open Referral HSDS 3.0 {@code organization} object.
 *
 * <p>HSDS has no per-language names or federation, so: {@code name} is the record's name;
 * {@code alternate_name} joins its other-language names and alternate names; org-id identifiers
 * become {@code organization_identifiers} (scheme = the org-id list, found by longest prefix), plus
 * one carrying the Tsunagu global id; country, countries of operation, working languages, sectors
 * and organisation type become {@code attributes} with taxonomy terms; the signature becomes a
 * {@code metadata} entry. Every object gets a name-based UUID derived from the global id, stable
 * across exports and nodes. Members HSDS requires but the record lacks are empty strings.
 */
final class HsdsOrganization {
    static final String GLOBAL_ID_TYPE = "Tsunagu global id (origin/id)";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HsdsOrganization() {}

    static ObjectNode of(OrganizationView view) {
        JsonNode record = view.record();
        String gid = view.globalId();
        String orgId = NameUuid.of("urn:tsunagu:organization:" + gid);
        ObjectNode out = NODES.objectNode();
        out.put("id", orgId);
        out.put("name", text(record, "name"));
        String alternate = alternateName(record);
        if (!alternate.isEmpty()) {
            out.put("alternate_name", alternate);
        }
        out.put("description", text(record, "description"));
        copyText(record, out, "email");
        copyText(record, out, "website");
        if (record.path("year_incorporated").isIntegralNumber()) {
            out.put("year_incorporated", record.get("year_incorporated").intValue());
        }
        copyText(record, out, "legal_status");
        out.set("organization_identifiers", identifiers(record, gid, orgId));
        putIfNotEmpty(out, "phones", phones(record.path("phones"), gid, orgId, "organization_id", "phone"));
        putIfNotEmpty(out, "contacts", contacts(record, gid, orgId));
        putIfNotEmpty(out, "locations", locations(record, gid, orgId));
        putIfNotEmpty(out, "attributes", Attributes.of(record, gid, orgId));
        out.set("metadata", NODES.arrayNode().add(signature(view.provenance(), gid, orgId)));
        return out;
    }

    private static String alternateName(JsonNode record) {
        String name = text(record, "name");
        Set<String> names = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = record.path("names").fields(); it.hasNext(); ) {
            String other = it.next().getValue().asText("");
            if (!other.isEmpty() && !other.equals(name)) {
                names.add(other);
            }
        }
        record.path("alternate_names").forEach(n -> names.add(n.asText("")));
        names.remove("");
        return String.join("; ", names);
    }

    private static ArrayNode identifiers(JsonNode record, String gid, String orgId) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode node : record.path("identifiers")) {
            String identifier = node.asText("");
            ObjectNode entry = out.addObject();
            entry.put("id", NameUuid.of("urn:tsunagu:identifier:" + gid + ":" + identifier));
            entry.put("organization_id", orgId);
            String scheme = CodeLists.orgIdListFor(identifier).orElse(null);
            if (scheme != null) {
                entry.put("identifier_scheme", scheme);
                entry.put(
                        "identifier_type",
                        CodeLists.orgIdList(scheme).map(OrgIdList::name).orElse(scheme));
                entry.put("identifier", identifier.substring(scheme.length() + 1));
            } else {
                entry.put("identifier_type", "org-id identifier (list not in the register)");
                entry.put("identifier", identifier);
            }
        }
        ObjectNode own = out.addObject();
        own.put("id", NameUuid.of("urn:tsunagu:identifier:" + gid));
        own.put("organization_id", orgId);
        own.put("identifier_type", GLOBAL_ID_TYPE);
        own.put("identifier", gid);
        return out;
    }

    /** Fills one HSDS object made for the {@code index}th item, whose id {@code entryId} is set already. */
    @FunctionalInterface
    private interface Entry {
        void fill(ObjectNode entry, String entryId, JsonNode item, int index);
    }

    /**
     * One HSDS object per item, each with the stable id {@code urn:tsunagu:PART:GID:INDEX} (as a
     * name-based UUID) first, then what {@code fill} adds.
     */
    private static ArrayNode each(JsonNode items, String part, String gid, Entry fill) {
        ArrayNode out = NODES.arrayNode();
        int i = 0;
        for (JsonNode item : items) {
            String entryId = NameUuid.of("urn:tsunagu:" + part + ":" + gid + ":" + i);
            ObjectNode entry = out.addObject();
            entry.put("id", entryId);
            fill.fill(entry, entryId, item, i++);
        }
        return out;
    }

    private static ArrayNode phones(JsonNode phones, String gid, String ownerId, String ownerMember, String part) {
        return each(phones, part, gid, (entry, phoneId, phone, i) -> {
            entry.put(ownerMember, ownerId);
            entry.put("number", phone.isTextual() ? phone.asText() : text(phone, "number"));
            copyText(phone, entry, "type");
        });
    }

    private static ArrayNode contacts(JsonNode record, String gid, String orgId) {
        return each(record.path("contacts"), "contact", gid, (entry, contactId, contact, i) -> {
            entry.put("organization_id", orgId);
            copyText(contact, entry, "name");
            copyText(contact, entry, "title");
            copyText(contact, entry, "email");
            if (contact.hasNonNull("phone")) {
                ArrayNode phone = NODES.arrayNode().add(contact.get("phone"));
                entry.set("phones", phones(phone, gid + ":" + i, contactId, "contact_id", "contact-phone"));
            }
        });
    }

    private static ArrayNode locations(JsonNode record, String gid, String orgId) {
        return each(record.path("locations"), "location", gid, (entry, locationId, location, i) -> {
            entry.put("location_type", "physical");
            entry.put("organization_id", orgId);
            copyText(location, entry, "name");
            if (location.path("latitude").isNumber()
                    && location.path("longitude").isNumber()) {
                entry.set("latitude", location.get("latitude"));
                entry.set("longitude", location.get("longitude"));
            }
            if (hasAddress(location)) {
                ObjectNode address = entry.putArray("addresses").addObject();
                address.put("id", NameUuid.of("urn:tsunagu:address:" + gid + ":" + i));
                address.put("location_id", locationId);
                address.put("address_1", text(location, "address"));
                address.put("city", text(location, "city"));
                address.put("region", text(location, "region"));
                address.put("state_province", text(location, "region"));
                address.put("postal_code", text(location, "postal_code"));
                // The location's own country only: the record's is an attribute, and filling it in here
                // would give the location a country it did not have when the export is imported back.
                address.put("country", text(location, "country"));
                address.put("address_type", "physical");
            }
        });
    }

    private static boolean hasAddress(JsonNode location) {
        for (String member : new String[] {"address", "city", "region", "postal_code", "country"}) {
            if (!text(location, member).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode signature(Provenance provenance, String gid, String orgId) {
        ObjectNode entry = NODES.objectNode();
        entry.put("id", NameUuid.of("urn:tsunagu:signature:" + gid + ":" + provenance.hash()));
        entry.put("resource_id", orgId);
        entry.put("resource_type", "organization");
        entry.put("last_action_date", provenance.ts());
        entry.put("last_action_type", "signed org.upsert #" + provenance.seq() + " " + provenance.hash());
        entry.put("field_name", "");
        entry.put("previous_value", "");
        entry.put("replacement_value", "");
        entry.put(
                "updated_by",
                provenance.origin() + " (key " + provenance.key() + (provenance.verified() ? ", verified)" : ")"));
        return entry;
    }

    static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return value != null && value.isTextual() ? value.textValue() : "";
    }

    private static void copyText(JsonNode from, ObjectNode to, String member) {
        String value = text(from, member);
        if (!value.isEmpty()) {
            to.put(member, value);
        }
    }

    private static void putIfNotEmpty(ObjectNode out, String member, ArrayNode values) {
        if (!values.isEmpty()) {
            out.set(member, values);
        }
    }
}
