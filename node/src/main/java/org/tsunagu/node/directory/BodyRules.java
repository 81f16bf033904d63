package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;

/**
 * The node's single door to body validation. The full rules live in the protocol library
 * ({@code org.tsunagu.protocol.body.Bodies}); until that lands this class checks only what the
 * materialiser relies on (ids, names, countries, references), so swapping in {@code Bodies} is a
 * one-line change in each method.
 */
public final class BodyRules {
    private BodyRules() {}

    /** NFC-normalises every string of {@code body} (a copy). */
    public static JsonNode normalize(JsonNode body) {
        return nfc(body);
    }

    /**
     * Checks {@code body} for {@code type} as sent by {@code origin}.
     *
     * @throws ValidationException listing every bad member with its {@code $.body...} path
     */
    public static void validate(HubId origin, UpdateType type, JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw ValidationException.of("$.body", "body is a JSON object");
        }
        switch (type) {
            case HUB_PROFILE -> {
                text(body, "hub", errors);
                if (body.path("hub").isTextual() && !body.get("hub").textValue().equals(origin.value())) {
                    errors.add(new FieldError("$.body.hub", "must equal the envelope origin " + origin));
                }
                text(body, "name", errors);
                text(body, "country", errors);
                text(body, "url", errors);
            }
            case ORG_UPSERT -> {
                text(body, "id", errors);
                text(body, "name", errors);
                text(body, "country", errors);
            }
            case ORG_REMOVE -> text(body, "id", errors);
            case PARTNERSHIP_ANNOUNCE -> announce(origin, body, errors);
            case PARTNERSHIP_ENDORSE -> {
                globalId(body, "partnership", errors);
                text(body, "announcement", errors);
            }
            case PARTNERSHIP_RETRACT -> globalId(body, "partnership", errors);
            case KEY_ROTATE -> text(body, "new_key", errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static void announce(HubId origin, JsonNode body, List<FieldError> errors) {
        text(body, "id", errors);
        text(body, "kind", errors);
        text(body, "title", errors);
        JsonNode parties = body.get("parties");
        if (parties == null || !parties.isArray() || parties.size() < 2) {
            errors.add(new FieldError("$.body.parties", "at least two parties"));
            return;
        }
        boolean announcerIsParty = false;
        for (int i = 0; i < parties.size(); i++) {
            JsonNode p = parties.get(i);
            String path = "$.body.parties[" + i + "]";
            String org = p.path("organization").asText(null);
            String hub = p.path("hub").asText(null);
            if (!GlobalId.isValid(org)) {
                errors.add(new FieldError(path + ".organization", "a global id origin/id"));
            } else if (hub == null || !org.startsWith(hub + "/")) {
                errors.add(new FieldError(path + ".hub", "must equal the organization's origin"));
            }
            announcerIsParty |= origin.value().equals(hub);
        }
        if (!announcerIsParty) {
            errors.add(new FieldError("$.body.parties", "the announcing hub must be one party's hub"));
        }
    }

    private static void text(JsonNode body, String member, List<FieldError> errors) {
        JsonNode v = body.get(member);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            errors.add(new FieldError("$.body." + member, member + " is required text"));
        }
    }

    private static void globalId(JsonNode body, String member, List<FieldError> errors) {
        if (!GlobalId.isValid(body.path(member).asText(null))) {
            errors.add(new FieldError("$.body." + member, "a global id origin/id"));
        }
    }

    private static JsonNode nfc(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(Normalizer.normalize(node.textValue(), Normalizer.Form.NFC));
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(nfc(child)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(Normalizer.normalize(e.getKey(), Normalizer.Form.NFC), nfc(e.getValue()));
            }
            return out;
        }
        return node.deepCopy();
    }
}
