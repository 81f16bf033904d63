package org.tsunagu.node.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;

/**
 * A directory search. Every member is optional (null or blank = no constraint): {@code q} free text
 * in any script; {@code country} ISO 3166-1 alpha-2; {@code sector} a DAC 5-digit code (exact) or a
 * 3-digit category (any code in it); {@code language} BCP 47 ({@code ja} also matches {@code ja-JP});
 * {@code hub} an origin; {@code operatesIn} ISO 3166-1 alpha-2, organisations that work there: based there
 * or naming it among their {@code countries_of_operation} (what a crisis view needs: the responders
 * based elsewhere count too). {@code limit} 1..100, 0 = default 20; {@code cursor} from a previous page.
 *
 * @throws ValidationException naming {@code $.<parameter>} for a malformed member
 */
public record OrganizationQuery(
        String q,
        String country,
        String sector,
        String language,
        String hub,
        int limit,
        String cursor,
        String operatesIn) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** Longer queries are cut here: bounded work per request. */
    public static final int MAX_QUERY_CHARS = 256;

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern SECTOR = Pattern.compile("\\d{3}|\\d{5}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    public OrganizationQuery {
        q = blankToNull(q);
        country = blankToNull(country);
        sector = blankToNull(sector);
        language = blankToNull(language);
        hub = blankToNull(hub);
        cursor = blankToNull(cursor);
        operatesIn = blankToNull(operatesIn);
        List<FieldError> errors = new ArrayList<>();
        if (q != null && q.length() > MAX_QUERY_CHARS) {
            q = q.substring(0, MAX_QUERY_CHARS);
        }
        if (country != null) {
            if (COUNTRY.matcher(country).matches()) {
                country = country.toUpperCase(java.util.Locale.ROOT);
            } else {
                errors.add(new FieldError("$.country", "an ISO 3166-1 alpha-2 code, e.g. JP"));
            }
        }
        if (operatesIn != null) {
            if (COUNTRY.matcher(operatesIn).matches()) {
                operatesIn = operatesIn.toUpperCase(java.util.Locale.ROOT);
            } else {
                errors.add(new FieldError("$.operates_in", "an ISO 3166-1 alpha-2 code, e.g. MM"));
            }
        }
        if (sector != null && !SECTOR.matcher(sector).matches()) {
            errors.add(new FieldError("$.sector", "a DAC 5-digit sector or 3-digit category code, e.g. 15150 or 151"));
        }
        if (language != null && !LANGUAGE.matcher(language).matches()) {
            errors.add(new FieldError("$.language", "a BCP 47 language tag, e.g. ja or th"));
        }
        if (hub != null && !HubId.isValid(hub)) {
            errors.add(new FieldError("$.hub", "a hub id, e.g. jp-janic"));
        }
        if (limit == 0) {
            limit = DEFAULT_LIMIT;
        } else if (limit > MAX_LIMIT) {
            limit = MAX_LIMIT; // SPEC §10.1: the server caps limit, it never refuses a large one
        } else if (limit < 1) {
            errors.add(new FieldError("$.limit", "at least 1"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** A search without a country of operation (most callers). */
    public OrganizationQuery(
            String q, String country, String sector, String language, String hub, int limit, String cursor) {
        this(q, country, sector, language, hub, limit, cursor, null);
    }

    /** Only a text query, first page, default limit. */
    public static OrganizationQuery text(String q) {
        return new OrganizationQuery(q, null, null, null, null, 0, null);
    }

    public OrganizationQuery withCursor(String next) {
        return new OrganizationQuery(q, country, sector, language, hub, limit, next, operatesIn);
    }

    public boolean hasFilters() {
        return country != null || sector != null || language != null || hub != null || operatesIn != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
