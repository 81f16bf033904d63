package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;

/**
 * The one entry point for envelope bodies: {@link #normalize} before signing, {@link #validate} on
 * every body published or received, {@link #read} to get the typed value of a body. The shapes are the
 * protocol's body contract (one per {@link UpdateType}); the rules every body follows are:
 *
 * <ul>
 *   <li>exactly the members of its type: required ones present, unknown ones rejected, at every level;
 *   <li>text is a non-empty string in Unicode NFC, with no leading or trailing whitespace and no
 *       control characters (descriptions and reasons may hold line breaks and tabs), within the
 *       {@link Limits};
 *   <li>codes come from {@link org.tsunagu.protocol.codes.CodeLists}: countries upper-case ISO 3166-1
 *       alpha-2, sectors DAC 5-digit or 3-digit, organisation types and party roles IATI codes as
 *       strings, identifiers {@code LIST-value} with a registered org-id.guide list (longest match);
 *   <li>language tags are well-formed BCP 47, in canonical case, with a known primary language;
 *   <li>URLs are absolute http(s) with a host; dates are {@code YYYY-MM-DD}.
 * </ul>
 *
 * Errors name JSON paths under {@code $.body}; one {@link ValidationException} lists all of them.
 */
public final class Bodies {
    private Bodies() {}

    /**
     * A deep copy of {@code body} in which every string (member names included) is in Unicode NFC, has
     * its line breaks written {@code \n}, and has no leading or trailing whitespace ({@link
     * String#strip()}, so U+3000 ideographic space goes too). The publishing node calls this on what an
     * administrator typed, before {@link #validate} and signing.
     *
     * @throws ValidationException if two member names of one object become equal
     */
    public static JsonNode normalize(JsonNode body) {
        return normalize(body, JsonPath.BODY);
    }

    private static JsonNode normalize(JsonNode node, JsonPath path) {
        if (node.isTextual()) {
            return TextNode.valueOf(normalizeText(node.textValue()));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                out.add(normalize(node.get(i), path.index(i)));
            }
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = normalizeText(e.getKey());
                JsonPath at = path.member(key);
                if (out.has(key)) {
                    throw ValidationException.of(at.toString(), "two member names are the same once normalised to NFC");
                }
                out.set(key, normalize(e.getValue(), at));
            }
            return out;
        }
        return node.deepCopy();
    }

    private static String normalizeText(String s) {
        String nfc = Normalizer.normalize(s, Normalizer.Form.NFC);
        return nfc.replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /**
     * Checks {@code body} against the rules of {@code type} as published by {@code origin}, with the
     * system clock for the one rule that needs the date ({@code year_incorporated}).
     *
     * @throws ValidationException listing every bad field by JSON path
     */
    public static void validate(HubId origin, UpdateType type, JsonNode body) {
        validate(origin, type, body, Clock.systemUTC());
    }

    /** As {@link #validate(HubId, UpdateType, JsonNode)}, with the current year taken from {@code clock}. */
    public static void validate(HubId origin, UpdateType type, JsonNode body, Clock clock) {
        validate(Envelope.VERSION, origin, type, body, clock);
    }

    /**
     * As {@link #validate(HubId, UpdateType, JsonNode, Clock)} under the rules of envelope {@code
     * version}: version 2 adds {@code sealed} to {@code org.upsert} and {@code partnership.announce},
     * and {@code encryption_key} to {@code hub.profile}. A sealed body is checked as far as a
     * non-recipient can: its clear members and the sealed member's form; a recipient checks the opened
     * body with {@link #merge}.
     */
    public static void validate(int version, HubId origin, UpdateType type, JsonNode body, Clock clock) {
        Check check = run(version, origin, type, body, clock);
        if (!check.errors().isEmpty()) {
            throw new ValidationException(check.errors());
        }
    }

    /** Validates the body of a parsed envelope with its own version, origin and type. */
    public static void validate(Envelope envelope) {
        validate(envelope.version(), envelope.origin(), envelope.type(), envelope.body(), Clock.systemUTC());
    }

    /** As {@link #merge(HubId, UpdateType, JsonNode, ObjectNode, Clock)} for an {@code org.upsert}. */
    public static ObjectNode merge(HubId origin, JsonNode clear, ObjectNode part, Clock clock) {
        return merge(origin, UpdateType.ORG_UPSERT, clear, part, clock);
    }

    /**
     * The whole body a recipient reads: the clear members of a sealed body of {@code type} ({@code
     * org.upsert} or {@code partnership.announce}) with the opened part's members, validated under
     * version 1's rules for that type (no {@code sealed}). A partnership must also name every party's
     * hub among the recipients of {@code sealed}. Errors in the part are named under {@code
     * $.body.sealed}.
     *
     * @throws ValidationException if a member is both clear and sealed, or the body is not valid
     */
    public static ObjectNode merge(HubId origin, UpdateType type, JsonNode clear, ObjectNode part, Clock clock) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : clear.properties()) {
            if (!e.getKey().equals(SealedRules.MEMBER)) {
                merged.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> e : part.properties()) {
            if (merged.has(e.getKey()) || e.getKey().equals(SealedRules.MEMBER)) {
                throw ValidationException.of(
                        "$.body.sealed." + e.getKey(), "a sealed member may not also be clear, nor be sealed again");
            }
            merged.set(e.getKey(), e.getValue().deepCopy());
        }
        Check check = run(Envelope.VERSION, origin, type, merged, clock);
        if (!check.errors().isEmpty()) {
            throw new ValidationException(check.errors().stream()
                    .map(f -> part.has(memberOf(f.path()))
                            ? new FieldError(f.path().replaceFirst("^\\$\\.body", "\\$.body.sealed"), f.message())
                            : f)
                    .toList());
        }
        JsonNode sealed = clear.get(SealedRules.MEMBER);
        if (type == UpdateType.PARTNERSHIP_ANNOUNCE && sealed != null) {
            SealedRules.requirePartyRecipients(
                    part, Sealing.recipients(sealed).keySet(), "$.body." + SealedRules.MEMBER);
        }
        return merged;
    }

    /** Whether {@code body} carries a {@code sealed} member (SPEC §6.10). */
    public static boolean isSealed(JsonNode body) {
        return body.has(SealedRules.MEMBER);
    }

    /**
     * Whether a sealed body of {@code type} is listed: a record with its name and country clear, a
     * partnership with its kind; unlisted ones keep only their id clear.
     */
    public static boolean isListed(UpdateType type, JsonNode body) {
        return SealedRules.isListed(type, body);
    }

    /**
     * The members a sealed body of {@code type} keeps clear, {@code sealed} aside: {@code id}, and when
     * listed {@code name} and {@code country} (org.upsert) or {@code kind} (partnership.announce).
     *
     * @throws IllegalArgumentException for a type that cannot be sealed
     */
    public static Set<String> clearMembers(UpdateType type, boolean listed) {
        return SealedRules.clearMembers(type, listed);
    }

    /**
     * What a sealed body of {@code type} requires of its recipients before sealing: a partnership names
     * every party's hub among them (SPEC §6.5); nothing for an {@code org.upsert}.
     *
     * @param record a valid body of {@code type}, not sealed
     * @throws ValidationException naming {@code $.body.parties[i].hub} for each party hub left out
     * @throws IllegalArgumentException for a type that cannot be sealed
     */
    public static void requireRecipients(UpdateType type, JsonNode record, Set<HubId> recipients) {
        SealedRules.clearMembers(type, true);
        SealedRules.requirePartyRecipients(record, recipients, "$.body");
    }

    /**
     * As the origin seals a body (SPEC §6.10): the {@link #clearMembers} of {@code record} stay clear,
     * the rest goes into {@code sealed} for {@code recipients}, bound to the envelope at {@code seq}.
     * {@code record} is a valid body of {@code type} without {@code sealed}; for a partnership every
     * party's hub must be a recipient.
     *
     * @param random a SecureRandom (only conformance vectors pass a seeded one)
     * @throws ValidationException naming {@code $.body.parties[i].hub} for a party hub not sealed to
     * @throws IllegalArgumentException for a type that cannot be sealed
     */
    public static ObjectNode seal(
            HubId origin,
            long seq,
            UpdateType type,
            JsonNode record,
            boolean listed,
            Map<HubId, EncryptionKeyId> recipients,
            SecureRandom random) {
        String id = record.path("id").asText();
        return SealedRules.seal(new SealIdentity(origin, seq, type, id), record, listed, recipients, random);
    }

    private static String memberOf(String path) {
        String rest = path.startsWith("$.body.") ? path.substring("$.body.".length()) : "";
        int end = 0;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
            end++;
        }
        return rest.substring(0, end);
    }

    /**
     * Validates and then lists what is allowed but worth a second look: withdrawn sector or country
     * codes, org-id lists that the register has deprecated or not confirmed. A publishing node may show
     * these to the administrator or refuse them; receivers accept them.
     *
     * @throws ValidationException if the body is not valid
     */
    public static List<FieldError> warnings(HubId origin, UpdateType type, JsonNode body) {
        Check check = run(Envelope.VERSION, origin, type, body, Clock.systemUTC());
        if (!check.errors().isEmpty()) {
            throw new ValidationException(check.errors());
        }
        return check.warnings();
    }

    /**
     * Validates {@code body} and returns it as its typed value: {@link HubProfile}, {@link Organization},
     * {@link OrganizationRemoval}, {@link Partnership}, {@link Endorsement}, {@link Retraction} or
     * {@link KeyRotation}.
     *
     * @throws ValidationException listing every bad field by JSON path
     */
    public static Body read(HubId origin, UpdateType type, JsonNode body) {
        validate(origin, type, body);
        return switch (type) {
            case HUB_PROFILE -> HubProfile.fromBody(body);
            case ORG_UPSERT -> Organization.fromBody(body);
            case ORG_REMOVE -> OrganizationRemoval.fromBody(body);
            case PARTNERSHIP_ANNOUNCE -> Partnership.fromBody(body);
            case PARTNERSHIP_ENDORSE -> Endorsement.fromBody(body);
            case PARTNERSHIP_RETRACT -> Retraction.fromBody(body);
            case KEY_ROTATE -> KeyRotation.fromBody(body);
            case ORG_ERASE -> OrganizationErasure.fromBody(body);
        };
    }

    private static Check run(int version, HubId origin, UpdateType type, JsonNode body, Clock clock) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(type, "type");
        Check check = new Check(origin, Year.now(clock), version);
        if (body == null || !body.isObject()) {
            check.error(JsonPath.BODY, "must be a JSON object");
            return check;
        }
        check.requireNfcEverywhere(body, JsonPath.BODY);
        switch (type) {
            case HUB_PROFILE -> SmallBodyRules.hubProfile(check, body);
            case ORG_UPSERT -> {
                if (check.version >= Envelope.VERSION_2 && body.has(SealedRules.MEMBER)) {
                    SealedRules.organization(check, body);
                } else {
                    OrganizationRules.check(check, body);
                }
            }
            case ORG_REMOVE -> SmallBodyRules.orgRemove(check, body);
            case PARTNERSHIP_ANNOUNCE -> {
                if (check.version >= Envelope.VERSION_2 && body.has(SealedRules.MEMBER)) {
                    SealedRules.partnership(check, body);
                } else {
                    PartnershipRules.check(check, body);
                }
            }
            case PARTNERSHIP_ENDORSE -> SmallBodyRules.endorse(check, body);
            case PARTNERSHIP_RETRACT -> SmallBodyRules.retract(check, body);
            case KEY_ROTATE -> SmallBodyRules.keyRotate(check, body);
            case ORG_ERASE -> SmallBodyRules.orgRemove(check, body);
        }
        return check;
    }
}
