package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.MalformedMessageException;

/** The parts of a peer's {@code GET /.well-known/tsunagu} that federation relies on. */
record HubDocument(HubId hub, KeyId key, String name, Envelope profile) {
    static HubDocument fromJson(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new MalformedMessageException("$", "the hub document is a JSON object");
        }
        HubId hub = HubId.parse(text(doc, "hub", "$.hub"), "$.hub");
        KeyId key = KeyId.parse(text(doc, "key", "$.key"), "$.key");
        JsonNode name = doc.get("name");
        JsonNode profile = doc.get("profile");
        Envelope env = profile == null || profile.isNull() ? null : Envelope.fromJson(profile);
        if (env != null && !env.origin().equals(hub)) {
            throw new MalformedMessageException("$.profile.origin", "the profile is of another hub");
        }
        return new HubDocument(hub, key, name == null ? null : name.asText(), env);
    }

    private static String text(JsonNode doc, String field, String path) {
        JsonNode n = doc.get(field);
        if (n == null || !n.isTextual()) {
            throw new MalformedMessageException(path, "required text member is missing");
        }
        return n.textValue();
    }
}
