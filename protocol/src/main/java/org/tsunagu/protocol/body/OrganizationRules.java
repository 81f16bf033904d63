package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.tsunagu.protocol.codes.CodeLists;

/** {@code org.upsert}: the whole record of one organisation. */
final class OrganizationRules {
    private static final Set<String> REQUIRED = wireNames(true);
    private static final Set<String> OPTIONAL = wireNames(false);
    /** What a "limited" record must leave out: the ways to find or reach the people behind it. */
    static final List<String> PRIVATE_DETAILS = List.of("email", "phones", "contacts", "locations");

    private static final Set<String> PHONE_TYPES =
            Set.of("text", "voice", "fax", "cell", "video", "pager", "textphone"); // RFC 6350, as HSDS 3.0
    private static final Set<String> CONTACT_MEMBERS = Set.copyOf(OrganizationMember.CONTACTS.members());
    private static final Set<String> LOCATION_MEMBERS = Set.copyOf(OrganizationMember.LOCATIONS.members());

    /** Buddhist Era minus Common Era, as the Thai calendar counts (2545 BE = 2002 CE). */
    private static final int BUDDHIST_ERA_OFFSET = 543;

    private OrganizationRules() {}

    private static Set<String> wireNames(boolean required) {
        return Arrays.stream(OrganizationMember.values())
                .filter(member -> member.required() == required)
                .map(OrganizationMember::wire)
                .collect(Collectors.toUnmodifiableSet());
    }

    static void check(Check check, JsonNode body) {
        Obj o = Obj.open(check, body, JsonPath.BODY, REQUIRED, OPTIONAL);
        if (o == null) {
            return;
        }
        Fields.localId(o, "id");
        o.text("name", Limits.NAME);
        o.languageMap("names", Limits.NAME, false);
        o.texts("alternate_names", Limits.ALTERNATE_NAMES, Limits.NAME);
        o.multiline("description", Limits.DESCRIPTION);
        o.languageMap("descriptions", Limits.DESCRIPTION, true);
        Fields.country(o, "country");
        Fields.countries(o, "countries_of_operation");
        Fields.code(
                o,
                "organization_type",
                CodeLists::isOrganisationType,
                "an IATI OrganisationType code as a string, e.g. \"22\" (National NGO)");
        Fields.sectors(o, "sectors");
        Fields.languages(o, "languages");
        Fields.identifiers(o, "identifiers");
        Fields.url(o, "website");
        Fields.email(o, "email");
        phones(o);
        contacts(o);
        locations(o);
        yearIncorporated(o);
        o.text("legal_status", Limits.SHORT_TEXT);
        o.oneOf("status", Organization.Status.WIRE_NAMES);
        String visibility = o.oneOf("visibility", Organization.Visibility.WIRE_NAMES);
        if (Organization.Visibility.LIMITED.wire().equals(visibility)) {
            for (String name : PRIVATE_DETAILS) {
                if (o.has(name)) {
                    check.error(
                            o.at(name),
                            "not allowed when visibility is \"limited\": the record is federated to every hub and"
                                    + " cannot be recalled, so an at-risk organisation's " + name.replace('_', ' ')
                                    + " must stay on its own hub");
                }
            }
        }
    }

    private static void phones(Obj o) {
        for (Obj.Item item : o.array("phones", Limits.PHONES)) {
            Obj phone = Obj.open(o.check, item.node(), item.path(), Set.of("number"), Set.of("type"));
            if (phone != null) {
                Fields.phone(phone, "number");
                phone.oneOf("type", PHONE_TYPES);
            }
        }
    }

    private static void contacts(Obj o) {
        eachNonEmpty(o, "contacts", Limits.CONTACTS, CONTACT_MEMBERS, contact -> {
            contact.text("name", Limits.NAME);
            contact.text("title", Limits.SHORT_TEXT);
            Fields.email(contact, "email");
            Fields.phone(contact, "phone");
        });
    }

    private static void locations(Obj o) {
        eachNonEmpty(o, "locations", Limits.LOCATIONS, LOCATION_MEMBERS, location -> {
            location.text("name", Limits.NAME);
            location.multiline("address", Limits.ADDRESS);
            location.text("city", Limits.SHORT_TEXT);
            location.text("region", Limits.SHORT_TEXT);
            location.text("postal_code", Limits.POSTAL_CODE);
            Fields.country(location, "country");
            coordinate(location, "latitude", 90);
            coordinate(location, "longitude", 180);
            if (location.has("latitude") != location.has("longitude")) {
                String missing = location.has("latitude") ? "longitude" : "latitude";
                o.check.error(
                        location.at(missing),
                        "is required with " + (missing.equals("latitude") ? "longitude" : "latitude"));
            }
        });
    }

    /**
     * Checks each item of the array {@code name}: an object whose members are all optional, but which must
     * have one; {@code checkItem} then checks its members.
     */
    private static void eachNonEmpty(Obj o, String name, int max, Set<String> members, Consumer<Obj> checkItem) {
        for (Obj.Item item : o.array(name, max)) {
            Obj obj = Obj.open(o.check, item.node(), item.path(), Set.of(), members);
            if (obj == null) {
                continue;
            }
            if (obj.node.isEmpty()) {
                o.check.error(item.path(), "must have at least one of " + String.join(", ", new TreeSet<>(members)));
            }
            checkItem.accept(obj);
        }
    }

    private static void coordinate(Obj o, String name, int bound) {
        Double v = o.number(name);
        if (v != null && (v < -bound || v > bound)) {
            o.check.error(o.at(name), "must be between -" + bound + " and " + bound + " (WGS 84 degrees)");
        }
    }

    private static void yearIncorporated(Obj o) {
        Long year = o.integer("year_incorporated");
        int max = o.check.thisYear.getValue() + 1;
        if (year != null && (year < Limits.MIN_YEAR_INCORPORATED || year > max)) {
            // Thai records often give the Buddhist-era year (BE = CE + 543): say so, with the year to write.
            long common = year - BUDDHIST_ERA_OFFSET;
            String message = common >= Limits.MIN_YEAR_INCORPORATED && common <= max
                    ? "looks like a Buddhist-era year; use " + common + " (years are Common Era, "
                            + Limits.MIN_YEAR_INCORPORATED + " to " + max + ")"
                    : "must be a year from " + Limits.MIN_YEAR_INCORPORATED + " to " + max;
            o.check.error(o.at("year_incorporated"), message);
        }
    }
}
