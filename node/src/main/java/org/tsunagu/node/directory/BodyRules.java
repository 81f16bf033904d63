package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.body.Bodies;

/**
 * The node's single door to body rules, which live in the protocol library ({@link Bodies}): the same
 * checks for what this hub signs and for what it receives.
 */
public final class BodyRules {
    private BodyRules() {}

    /** NFC, line breaks and surrounding whitespace normalised, in a copy; see {@link Bodies#normalize}. */
    public static JsonNode normalize(JsonNode body) {
        return Bodies.normalize(body);
    }

    /**
     * Checks {@code body} for {@code type} as sent by {@code origin}.
     *
     * @throws ValidationException listing every bad member with its {@code $.body...} path
     */
    public static void validate(HubId origin, UpdateType type, JsonNode body, Clock clock) {
        Bodies.validate(origin, type, body, clock);
    }

    /**
     * As {@link #validate(HubId, UpdateType, JsonNode, Clock)} under envelope {@code version}'s rules.
     * A sealed {@code org.upsert} is checked as far as any node can (clear members, the form of {@code
     * sealed}); a recipient checks the opened record when it materialises it ({@link SealedRecords}).
     */
    public static void validate(int version, HubId origin, UpdateType type, JsonNode body, Clock clock) {
        Bodies.validate(version, origin, type, body, clock);
    }
}
