package org.tsunagu.protocol.body;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The members of an {@code org.upsert} body, in the order the contract lists them, with the shape of
 * each value. The validator, the exports and the importers all read this one list, so a member added
 * to the body cannot be validated yet left out of a CSV column or refused by an importer.
 */
public enum OrganizationMember {
    ID("id", Kind.TEXT),
    NAME("name", Kind.TEXT),
    NAMES("names", Kind.TEXT_MAP),
    ALTERNATE_NAMES("alternate_names", Kind.TEXT_LIST),
    DESCRIPTION("description", Kind.TEXT),
    DESCRIPTIONS("descriptions", Kind.TEXT_MAP),
    COUNTRY("country", Kind.TEXT),
    COUNTRIES_OF_OPERATION("countries_of_operation", Kind.CODE_LIST),
    ORGANIZATION_TYPE("organization_type", Kind.TEXT),
    SECTORS("sectors", Kind.CODE_LIST),
    LANGUAGES("languages", Kind.CODE_LIST),
    IDENTIFIERS("identifiers", Kind.CODE_LIST),
    WEBSITE("website", Kind.TEXT),
    EMAIL("email", Kind.TEXT),
    PHONES("phones", Kind.OBJECT_LIST, "number", "type"),
    CONTACTS("contacts", Kind.OBJECT_LIST, "name", "title", "email", "phone"),
    LOCATIONS(
            "locations",
            Kind.OBJECT_LIST,
            "name",
            "address",
            "city",
            "region",
            "postal_code",
            "country",
            "latitude",
            "longitude"),
    YEAR_INCORPORATED("year_incorporated", Kind.INTEGER),
    LEGAL_STATUS("legal_status", Kind.TEXT),
    STATUS("status", Kind.CHOICE),
    VISIBILITY("visibility", Kind.CHOICE);

    /** The shape of a member's value. */
    public enum Kind {
        /** One text (an identifier, a code, a URL, free text). */
        TEXT,
        /** An object of texts keyed by BCP 47 language tag. */
        TEXT_MAP,
        /** An array of free texts, which may themselves contain {@code ;} or {@code ,}. */
        TEXT_LIST,
        /** An array of codes (countries, sectors, languages, org-id identifiers): never a separator inside. */
        CODE_LIST,
        /** An array of objects whose members are {@link #members()}. */
        OBJECT_LIST,
        /** A whole number. */
        INTEGER,
        /** One of a fixed set of wire names, with a default when absent: see {@link #defaultValue()}. */
        CHOICE
    }

    /** The members every record has. */
    public static final Set<OrganizationMember> REQUIRED = Collections.unmodifiableSet(EnumSet.of(ID, NAME, COUNTRY));

    private static final Map<String, OrganizationMember> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(OrganizationMember::wire, m -> m));

    private final String wire;
    private final Kind kind;
    private final List<String> members;

    OrganizationMember(String wire, Kind kind, String... members) {
        this.wire = wire;
        this.kind = kind;
        this.members = List.of(members);
    }

    /** The member named {@code wire} in the body, if there is one. */
    public static Optional<OrganizationMember> fromWire(String wire) {
        return Optional.ofNullable(BY_WIRE.get(wire));
    }

    /** The member's name in the body, e.g. {@code countries_of_operation}. */
    public String wire() {
        return wire;
    }

    public Kind kind() {
        return kind;
    }

    /** For an {@link Kind#OBJECT_LIST}: the members of each object, in the order of the contract; else empty. */
    public List<String> members() {
        return members;
    }

    public boolean required() {
        return REQUIRED.contains(this);
    }

    /** For a {@link Kind#CHOICE}: the value a record means when it leaves the member out; else {@code null}. */
    public String defaultValue() {
        return switch (this) {
            case STATUS -> Organization.Status.ACTIVE.wire();
            case VISIBILITY -> Organization.Visibility.PUBLIC.wire();
            default -> null;
        };
    }
}
