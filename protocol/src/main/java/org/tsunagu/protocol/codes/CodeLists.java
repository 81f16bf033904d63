package org.tsunagu.protocol.codes;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The code lists bodies are checked against: IATI Sector and SectorCategory (OECD DAC), Country
 * (ISO 3166-1 alpha-2), Language (ISO 639-1), OrganisationType and OrganisationRole, and the
 * org-id.guide identifier lists. Loaded once from the jar on first use; immutable and thread-safe.
 *
 * <p><b>Withdrawn codes are accepted.</b> {@link #isSector}, {@link #isSectorCategory} and
 * {@link #isCountry} answer {@code true} for withdrawn codes too, and {@code Bodies.warnings} flags them.
 * A receiver must never reject an envelope that was valid when signed, or a later list update would cut
 * a hub's log in two; so a list may only grow, and withdrawal is a flag, not a removal. Whether to
 * let an administrator publish a withdrawn code is the publishing node's choice. The same goes for
 * org-id lists the register marks deprecated or has not confirmed.
 *
 * <p>Sources, commits and licences: {@code SOURCES.md} beside the resources.
 */
public final class CodeLists {
    private CodeLists() {}

    /** Initialisation-on-demand holder: the JVM loads the lists once, on first use, without locks. */
    private static final class Holder {
        static final Tables TABLES = Tables.load();
    }

    private static Tables tables() {
        return Holder.TABLES;
    }

    /** A known DAC 5-digit purpose code such as {@code "15160"}, active or withdrawn. */
    public static boolean isSector(String code) {
        return code != null && tables().sectors().containsKey(code);
    }

    /** A known DAC 3-digit sector category such as {@code "151"}, active or withdrawn. */
    public static boolean isSectorCategory(String code) {
        return code != null && tables().categories().containsKey(code);
    }

    /** The 5-digit sector or 3-digit category named by {@code code}, with its status. */
    public static Optional<Code> sector(String code) {
        Optional<Code> sector = lookup(tables().sectors(), code);
        return sector.isPresent() ? sector : lookup(tables().categories(), code);
    }

    /** English name of a 5-digit sector or 3-digit category, for display. */
    public static Optional<String> sectorName(String code) {
        return sector(code).map(Code::name);
    }

    /** The 3-digit category a 5-digit sector belongs to ({@code "15160"} → {@code "151"}). */
    public static Optional<String> sectorCategoryOf(String sectorCode) {
        return lookup(tables().sectorCategory(), sectorCode);
    }

    /** An ISO 3166-1 alpha-2 code in upper case, as IATI lists it (including {@code XK}). */
    public static boolean isCountry(String code) {
        return code != null && tables().countries().containsKey(code);
    }

    public static Optional<Code> country(String code) {
        return lookup(tables().countries(), code);
    }

    public static Optional<String> countryName(String code) {
        return country(code).map(Code::name);
    }

    /** An ISO 639-1 two-letter language code, lower case ({@code "ja"}). */
    public static boolean isIso639Part1(String code) {
        return code != null && tables().languages().containsKey(code);
    }

    public static Optional<String> languageName(String code) {
        return lookup(tables().languages(), code);
    }

    /**
     * A language tag this protocol accepts: well-formed BCP 47 (RFC 5646 {@code langtag}, any case)
     * whose primary language subtag is an ISO 639-1 code from the list, or any three letters (ISO
     * 639-2/3/5 codes such as {@code fil} are accepted by form, as no registry is bundled). Private-use
     * only tags, grandfathered irregular tags and 4–8 letter primary subtags are refused.
     */
    public static boolean isLanguage(String tag) {
        if (!LanguageTags.isWellFormed(tag)) {
            return false;
        }
        String primary = LanguageTags.primaryLanguage(tag);
        return primary.length() == 3 || (primary.length() == 2 && isIso639Part1(primary));
    }

    /** An IATI OrganisationType code such as {@code "22"} (National NGO). */
    public static boolean isOrganisationType(String code) {
        return code != null && tables().organisationTypes().containsKey(code);
    }

    public static Optional<String> organisationTypeName(String code) {
        return lookup(tables().organisationTypes(), code);
    }

    /** An IATI OrganisationRole code: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing. */
    public static boolean isOrganisationRole(String code) {
        return code != null && tables().organisationRoles().containsKey(code);
    }

    public static Optional<String> organisationRoleName(String code) {
        return lookup(tables().organisationRoles(), code);
    }

    /** The org-id.guide list with exactly this code, e.g. {@code "GB-CHC"}. */
    public static Optional<OrgIdList> orgIdList(String code) {
        return lookup(tables().orgIdLists(), code);
    }

    /**
     * The list code of an organisation identifier {@code LIST-value}: the longest known list code that
     * is followed by {@code -} and a non-empty value. Never split on {@code -}: list codes contain one or
     * two hyphens ({@code JP-JCN}, {@code CN-11-CR}) and values may contain more.
     *
     * @return e.g. {@code "JP-JCN"} for {@code "JP-JCN-3000020278670"}; empty when no known list fits
     */
    public static Optional<String> orgIdListFor(String identifier) {
        if (identifier == null) {
            return Optional.empty();
        }
        Map<String, OrgIdList> lists = tables().orgIdLists();
        // Every hyphen before the last character could end the list code; try the rightmost first.
        for (int dash = identifier.lastIndexOf('-', identifier.length() - 2);
                dash > 0;
                dash = identifier.lastIndexOf('-', dash - 1)) {
            String candidate = identifier.substring(0, dash);
            if (lists.containsKey(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static <V> Optional<V> lookup(Map<String, V> map, String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(map.get(code));
    }

    /** The loaded lists, immutable. */
    private record Tables(
            Map<String, Code> sectors,
            Map<String, String> sectorCategory,
            Map<String, Code> categories,
            Map<String, Code> countries,
            Map<String, String> languages,
            Map<String, String> organisationTypes,
            Map<String, String> organisationRoles,
            Map<String, OrgIdList> orgIdLists) {

        static Tables load() {
            Map<String, Code> sectors = new HashMap<>();
            Map<String, String> sectorCategory = new HashMap<>();
            for (String[] r : TsvResource.read("sectors.tsv", 4)) {
                sectors.put(r[0], new Code(r[0], r[3], withdrawn(r[2])));
                sectorCategory.put(r[0], r[1]);
            }
            Map<String, OrgIdList> orgIdLists = new HashMap<>();
            for (String[] r : TsvResource.read("org-id-lists.tsv", 4)) {
                orgIdLists.put(r[0], new OrgIdList(r[0], r[3], "true".equals(r[1]), "true".equals(r[2])));
            }
            return new Tables(
                    Map.copyOf(sectors),
                    Map.copyOf(sectorCategory),
                    codes("sector-categories.tsv"),
                    codes("countries.tsv"),
                    names("languages.tsv"),
                    names("organisation-types.tsv"),
                    names("organisation-roles.tsv"),
                    Map.copyOf(orgIdLists));
        }

        /** A file of {@code code, status, name}. */
        private static Map<String, Code> codes(String resource) {
            Map<String, Code> map = new HashMap<>();
            for (String[] r : TsvResource.read(resource, 3)) {
                map.put(r[0], new Code(r[0], r[2], withdrawn(r[1])));
            }
            return Map.copyOf(map);
        }

        /** A file of {@code code, name}. */
        private static Map<String, String> names(String resource) {
            Map<String, String> map = new HashMap<>();
            for (String[] r : TsvResource.read(resource, 2)) {
                map.put(r[0], r[1]);
            }
            return Map.copyOf(map);
        }

        private static boolean withdrawn(String status) {
            return "withdrawn".equals(status);
        }
    }
}
