package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.tsunagu.protocol.UpdateType;

/**
 * The body of {@code org.upsert}: the whole record of one organisation, mapped from HSDS 3.0
 * {@code organization} with IATI and org-id.guide codes. Optional texts are {@code null} when absent,
 * lists and maps empty; language maps keep the body's order.
 *
 * @param id stable within the publishing hub; the global id is {@code origin/id}
 * @param names display name by BCP 47 tag ({@code ja}, {@code en}, {@code ja-Latn} …)
 * @param organizationType IATI OrganisationType code, e.g. {@code "22"} (National NGO)
 * @param sectors DAC 5-digit Sector or 3-digit SectorCategory codes
 * @param identifiers org-id.guide {@code LIST-value} identifiers, e.g. {@code JP-JCN-3000020278670}
 */
public record Organization(
        String id,
        String name,
        Map<String, String> names,
        List<String> alternateNames,
        String description,
        Map<String, String> descriptions,
        String country,
        List<String> countriesOfOperation,
        String organizationType,
        List<String> sectors,
        List<String> languages,
        List<String> identifiers,
        String website,
        String email,
        List<Phone> phones,
        List<Contact> contacts,
        List<Location> locations,
        Integer yearIncorporated,
        String legalStatus,
        Status status,
        Visibility visibility)
        implements Body {

    /** Whether the organisation still exists; {@code active} when the body does not say. */
    public enum Status {
        ACTIVE,
        DISSOLVED,
        MERGED;

        static final Set<String> WIRE_NAMES = BodyJson.wireNames(values());

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String wire) {
            return wire == null ? ACTIVE : valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * {@code limited} marks an at-risk organisation: its record may not carry e-mail, phones, contacts
     * or locations, since a federated record reaches every hub and cannot be recalled.
     */
    public enum Visibility {
        PUBLIC,
        LIMITED;

        static final Set<String> WIRE_NAMES = BodyJson.wireNames(values());

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Visibility fromWire(String wire) {
            return wire == null ? PUBLIC : valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** A phone number; {@code type} is one of RFC 6350's: text, voice, fax, cell, video, pager, textphone. */
    public record Phone(String number, String type) {
        public Phone {
            Objects.requireNonNull(number, "number");
        }
    }

    /** A person or desk to contact; every member is optional but one is present. */
    public record Contact(String name, String title, String email, String phone) {}

    /** A place the organisation works from; coordinates are WGS 84 degrees, both or neither. */
    public record Location(
            String name,
            String address,
            String city,
            String region,
            String postalCode,
            String country,
            Double latitude,
            Double longitude) {}

    public Organization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(country, "country");
        names = BodyJson.copyOf(names);
        alternateNames = BodyJson.copyOf(alternateNames);
        descriptions = BodyJson.copyOf(descriptions);
        countriesOfOperation = BodyJson.copyOf(countriesOfOperation);
        sectors = BodyJson.copyOf(sectors);
        languages = BodyJson.copyOf(languages);
        identifiers = BodyJson.copyOf(identifiers);
        phones = BodyJson.copyOf(phones);
        contacts = BodyJson.copyOf(contacts);
        locations = BodyJson.copyOf(locations);
        status = status == null ? Status.ACTIVE : status;
        visibility = visibility == null ? Visibility.PUBLIC : visibility;
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code org.upsert}. */
    public static Organization fromBody(JsonNode body) {
        JsonNode year = body.get("year_incorporated");
        return new Organization(
                BodyJson.text(body, "id"),
                BodyJson.text(body, "name"),
                BodyJson.textMap(body, "names"),
                BodyJson.texts(body, "alternate_names"),
                BodyJson.text(body, "description"),
                BodyJson.textMap(body, "descriptions"),
                BodyJson.text(body, "country"),
                BodyJson.texts(body, "countries_of_operation"),
                BodyJson.text(body, "organization_type"),
                BodyJson.texts(body, "sectors"),
                BodyJson.texts(body, "languages"),
                BodyJson.texts(body, "identifiers"),
                BodyJson.text(body, "website"),
                BodyJson.text(body, "email"),
                BodyJson.list(body, "phones", p -> new Phone(BodyJson.text(p, "number"), BodyJson.text(p, "type"))),
                BodyJson.list(body, "contacts", Organization::contact),
                BodyJson.list(body, "locations", Organization::location),
                year == null ? null : year.intValue(),
                BodyJson.text(body, "legal_status"),
                Status.fromWire(BodyJson.text(body, "status")),
                Visibility.fromWire(BodyJson.text(body, "visibility")));
    }

    @Override
    public UpdateType type() {
        return UpdateType.ORG_UPSERT;
    }

    /** Every name the organisation goes by: {@link #name}, then {@link #names}, then alternate names. */
    public List<String> allNames() {
        return Stream.of(List.of(name), names.values(), alternateNames)
                .flatMap(Collection::stream)
                .distinct()
                .toList();
    }

    /** The body; {@code status} and {@code visibility} are written only when not the default. */
    @Override
    public ObjectNode toBody() {
        ObjectNode out = BodyJson.object();
        out.put("id", id);
        out.put("name", name);
        BodyJson.put(out, "names", names);
        BodyJson.put(out, "alternate_names", alternateNames);
        BodyJson.put(out, "description", description);
        BodyJson.put(out, "descriptions", descriptions);
        out.put("country", country);
        BodyJson.put(out, "countries_of_operation", countriesOfOperation);
        BodyJson.put(out, "organization_type", organizationType);
        BodyJson.put(out, "sectors", sectors);
        BodyJson.put(out, "languages", languages);
        BodyJson.put(out, "identifiers", identifiers);
        BodyJson.put(out, "website", website);
        BodyJson.put(out, "email", email);
        BodyJson.putAll(out, "phones", phones, (a, p) -> {
            ObjectNode o = a.addObject().put("number", p.number());
            BodyJson.put(o, "type", p.type());
        });
        BodyJson.putAll(out, "contacts", contacts, (a, c) -> {
            ObjectNode o = a.addObject();
            BodyJson.put(o, "name", c.name());
            BodyJson.put(o, "title", c.title());
            BodyJson.put(o, "email", c.email());
            BodyJson.put(o, "phone", c.phone());
        });
        BodyJson.putAll(out, "locations", locations, (a, l) -> writeLocation(a.addObject(), l));
        if (yearIncorporated != null) {
            out.put("year_incorporated", yearIncorporated);
        }
        BodyJson.put(out, "legal_status", legalStatus);
        if (status != Status.ACTIVE) {
            out.put("status", status.wire());
        }
        if (visibility != Visibility.PUBLIC) {
            out.put("visibility", visibility.wire());
        }
        return out;
    }

    private static Contact contact(JsonNode c) {
        return new Contact(
                BodyJson.text(c, "name"),
                BodyJson.text(c, "title"),
                BodyJson.text(c, "email"),
                BodyJson.text(c, "phone"));
    }

    private static Location location(JsonNode l) {
        return new Location(
                BodyJson.text(l, "name"),
                BodyJson.text(l, "address"),
                BodyJson.text(l, "city"),
                BodyJson.text(l, "region"),
                BodyJson.text(l, "postal_code"),
                BodyJson.text(l, "country"),
                l.has("latitude") ? l.get("latitude").doubleValue() : null,
                l.has("longitude") ? l.get("longitude").doubleValue() : null);
    }

    private static void writeLocation(ObjectNode o, Location l) {
        BodyJson.put(o, "name", l.name());
        BodyJson.put(o, "address", l.address());
        BodyJson.put(o, "city", l.city());
        BodyJson.put(o, "region", l.region());
        BodyJson.put(o, "postal_code", l.postalCode());
        BodyJson.put(o, "country", l.country());
        if (l.latitude() != null) {
            o.put("latitude", l.latitude());
        }
        if (l.longitude() != null) {
            o.put("longitude", l.longitude());
        }
    }
}
