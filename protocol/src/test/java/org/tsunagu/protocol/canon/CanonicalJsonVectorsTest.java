package org.tsunagu.protocol.canon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 8785 reference vectors and an ECMAScript number oracle; see vectors/jcs/SOURCES.md. */
class CanonicalJsonVectorsTest {
    private static final String DIR = "/vectors/jcs/";

    static byte[] resource(String path) {
        try (InputStream in = CanonicalJsonVectorsTest.class.getResourceAsStream(DIR + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + DIR + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] fromHex(String spaced) {
        String[] parts = spaced.trim().split("\\s+");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
    void canonicalize_referenceInput_matchesOutputByteForByte(String name) {
        byte[] expected = resource("output/" + name + ".json");
        byte[] actual = CanonicalJson.canonicalize(StrictJson.parse(resource("input/" + name + ".json")));
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
    void canonicalize_referenceInput_matchesOuthex(String name) {
        byte[] expected = fromHex(new String(resource("outhex/" + name + ".txt"), StandardCharsets.US_ASCII));
        assertArrayEquals(expected, CanonicalJson.canonicalize(StrictJson.parse(resource("input/" + name + ".json"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
    void canonicalize_referenceOutput_isAFixedPoint(String name) {
        byte[] canonical = resource("output/" + name + ".json");
        assertArrayEquals(canonical, CanonicalJson.canonicalize(StrictJson.parse(canonical)));
    }

    @Test
    void formatDouble_ecmaScriptOracle_matchesEveryLine() {
        String[] lines = new String(resource("es6-numbers.txt"), StandardCharsets.US_ASCII).split("\n");
        assertTrue(lines.length > 8000, "the oracle file is complete");
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            int comma = line.indexOf(',');
            double d = Double.longBitsToDouble(Long.parseUnsignedLong(line.substring(0, comma), 16));
            String expected = line.substring(comma + 1);
            String fast = CanonicalJson.formatDouble(d, "$");
            String exact = EcmaNumber.formatExact(d);
            if (!fast.equals(expected) || !exact.equals(expected)) {
                failures.add(line + " -> " + fast + " / exact " + exact);
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(20, failures.size())));
    }
}
