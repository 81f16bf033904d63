package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs {@code protocol/vectors/erasure-receipts.json} (SPEC §6.11) against {@link ErasureReceipt}. */
class ReceiptVectorsTest {
    @Test
    void parseVerified_everyVector_reachesItsVerdictAndPath() throws IOException {
        JsonNode file = ConformanceVectorsTest.load("erasure-receipts.json");
        assertTrue(file.get("description").asText().length() > 200);
        int valid = 0;
        int invalid = 0;
        for (JsonNode c : file.get("cases")) {
            String name = c.get("name").asText();
            JsonNode expected = c.get("expected");
            byte[] text = c.get("receipt").asText().getBytes(StandardCharsets.UTF_8);
            if (expected.get("valid").booleanValue()) {
                ErasureReceipt r = ErasureReceipt.parseVerified(text);
                assertEquals(expected.get("erase").asText(), r.erase(), name);
                assertEquals(c.get("receipt").asText(), r.canonicalJson(), name);
                valid++;
                continue;
            }
            try {
                ErasureReceipt.parseVerified(text);
                throw new AssertionError(name + ": accepted");
            } catch (ProtocolException e) {
                String kind = e instanceof InvalidSignatureException ? "signature" : "malformed";
                assertEquals(expected.get("error").asText(), kind, name);
                assertEquals(expected.get("path").asText(), e.path(), name);
                invalid++;
            }
        }
        assertEquals(1, valid);
        assertFalse(invalid < 8, "tampered twins: " + invalid);
    }
}
