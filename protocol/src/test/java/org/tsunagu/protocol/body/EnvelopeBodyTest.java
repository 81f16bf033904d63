package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.tsunagu.protocol.body.Examples.JP;
import static org.tsunagu.protocol.body.Examples.json;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** The publishing path end to end: normalise, validate, sign, parse on the receiving side, read. */
class EnvelopeBodyTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final Instant TS = Instant.parse("2026-11-29T02:00:00Z");

    @Test
    void validate_receivedEnvelope_usesItsOriginAndType() {
        var body = Bodies.normalize(json(Examples.JAPANESE_ORG).put("name", " みどり ネット "));
        Bodies.validate(JP, UpdateType.ORG_UPSERT, body);
        Envelope sent = Envelope.sign(JP, 1, null, TS, UpdateType.ORG_UPSERT, body, KEY);

        Envelope received = Envelope.parse(sent.canonicalBytes());
        Bodies.validate(received);
        Organization org =
                assertInstanceOf(Organization.class, Bodies.read(received.origin(), received.type(), received.body()));
        assertEquals("みどり ネット", org.name());
    }

    @Test
    void validate_envelopeFromAnotherHubsProfile_rejected() {
        Envelope e = Envelope.sign(Examples.TH, 1, null, TS, UpdateType.HUB_PROFILE, json(Examples.HUB_PROFILE), KEY);
        ValidationException error = assertThrows(ValidationException.class, () -> Bodies.validate(e));
        assertEquals("$.body.hub", error.path());
    }
}
