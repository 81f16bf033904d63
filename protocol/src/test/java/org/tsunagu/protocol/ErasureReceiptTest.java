package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class ErasureReceiptTest {
    private static final Instant T = Instant.parse("2026-12-05T13:00:00Z");

    private static Ed25519KeyPair key(int b) {
        byte[] seed = new byte[32];
        seed[0] = (byte) b;
        return Ed25519KeyPair.fromSeed(seed);
    }

    private static Envelope erase() {
        return Envelope.signV2(
                HubId.of("mm-hub"),
                1,
                null,
                T,
                UpdateType.ORG_ERASE,
                JsonNodeFactory.instance.objectNode().put("id", "x"),
                key(1));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parseVerified_signedReceipt_roundTripsAndNamesTheErase() {
        Envelope erase = erase();
        ErasureReceipt r = ErasureReceipt.sign(erase, HubId.of("th-hub"), T, key(2));
        ErasureReceipt back = ErasureReceipt.parseVerified(bytes(r.canonicalJson()));
        assertEquals(r, back);
        assertEquals(erase.hash(), back.erase());
        assertEquals(key(2).publicKey().keyId(), back.key());
    }

    @Test
    void parseVerified_tamperedTwins_fail() {
        String good =
                ErasureReceipt.sign(erase(), HubId.of("th-hub"), T, key(2)).canonicalJson();
        for (String[] change : new String[][] {
            {"\"hub\":\"th-hub\"", "\"hub\":\"ph-hub\""},
            {"\"seq\":1", "\"seq\":2"},
            {"\"ts\":\"2026-12-05T13:00:00Z\"", "\"ts\":\"2026-12-05T13:00:01Z\""},
            {"\"origin\":\"mm-hub\"", "\"origin\":\"mm-hux\""}
        }) {
            String tampered = good.replace(change[0], change[1]);
            InvalidSignatureException e = assertThrows(
                    InvalidSignatureException.class, () -> ErasureReceipt.parseVerified(bytes(tampered)), change[1]);
            assertEquals("$.sig", e.path());
        }
        // Signed by another key than the one it names.
        ErasureReceipt other = ErasureReceipt.sign(erase(), HubId.of("th-hub"), T, key(3));
        ErasureReceipt mine = ErasureReceipt.parseVerified(bytes(good));
        String swapped = good.replace(mine.sig(), other.sig());
        assertThrows(InvalidSignatureException.class, () -> ErasureReceipt.parseVerified(bytes(swapped)));
    }

    @Test
    void parseVerified_wrongForm_malformedNamingTheMember() {
        String good =
                ErasureReceipt.sign(erase(), HubId.of("th-hub"), T, key(2)).canonicalJson();
        assertEquals(
                "$.extra",
                assertThrows(
                                MalformedMessageException.class,
                                () -> ErasureReceipt.parseVerified(bytes(good.replace("{", "{\"extra\":1,"))))
                        .path());
        assertEquals(
                "$.type",
                assertThrows(
                                MalformedMessageException.class,
                                () -> ErasureReceipt.parseVerified(bytes(good.replace("erasure.receipt", "org.erase"))))
                        .path());
        // An envelope is not a receipt.
        assertThrows(ProtocolException.class, () -> ErasureReceipt.parseVerified(erase().canonicalBytes()));
    }
}
