package org.tsunagu.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import org.tsunagu.protocol.sign.HttpSignatures;
import org.tsunagu.protocol.sign.SignableRequest;
import org.tsunagu.protocol.sign.SignatureHeaders;

/**
 * RFC 9421 {@code Signature-Input} / {@code Signature} / {@code Content-Digest} values from a hostile
 * peer (RFC 8941 structured fields) end in a verdict or a typed {@link ProtocolException}.
 */
class SignatureHeadersFuzzTest {
    private static final Ed25519KeyPair KEY = Ed25519KeyPair.fromSeed(new byte[32]);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @FuzzTest(maxDuration = "20s")
    void verify_anyHeaderValues_verdictOrTypedError(FuzzedDataProvider data) {
        String input = data.consumeString(2000);
        String signature = data.consumeString(2000);
        String digest = data.consumeString(500);
        byte[] body = data.consumeRemainingAsBytes();
        try {
            SignatureHeaders.parse(input, signature);
        } catch (ProtocolException expected) {
            // typed refusal
        }
        SignableRequest request = new SignableRequest(
                "POST",
                URI.create("https://hub.example/v1/inbox"),
                Map.of(
                        "Signature-Input", List.of(input),
                        "Signature", List.of(signature),
                        "Content-Digest", List.of(digest)),
                body);
        try {
            HttpSignatures.verify(request, keyId -> KEY.publicKey(), CLOCK, Duration.ofMinutes(5));
        } catch (ProtocolException expected) {
            // typed refusal
        }
    }
}
