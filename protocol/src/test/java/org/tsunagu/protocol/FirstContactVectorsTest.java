package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs {@code protocol/vectors/first-contact.json} (SPEC §8) against {@link FirstContact}. */
class FirstContactVectorsTest {
    @TestFactory
    Stream<DynamicTest> verify_firstContactVectors_asExpected() throws IOException {
        JsonNode root = new ObjectMapper()
                .readTree(ConformanceVectorsTest.vectors()
                        .resolve("first-contact.json")
                        .toFile());
        assertEquals(7, root.get("cases").size());
        return StreamSupport.stream(root.get("cases").spliterator(), false)
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> run(c)));
    }

    private static void run(JsonNode c) {
        List<Envelope> log = new ArrayList<>();
        c.get("log").forEach(line -> log.add(Envelope.parse(line.asText())));
        KeyId pinned = new KeyId(c.get("pinned").asText());
        JsonNode expected = c.get("expected");
        if (expected.get("valid").asBoolean()) {
            assertEquals(pinned, FirstContact.verify(log, pinned));
            return;
        }
        Class<? extends ProtocolException> error = switch (expected.get("error").asText()) {
            case "key" -> InvalidSignatureException.class;
            case "chain" -> ChainException.class;
            default -> throw new AssertionError("unknown error " + expected.get("error"));
        };
        assertThrows(error, () -> FirstContact.verify(log, pinned));
    }
}
