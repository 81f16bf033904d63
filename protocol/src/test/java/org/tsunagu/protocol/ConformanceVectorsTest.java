package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tsunagu.protocol.body.Bodies;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Runs the conformance vectors of {@code protocol/vectors/} (the protocol's own test suite, for every
 * implementation) against this library, following the procedure each file's description gives.
 */
class ConformanceVectorsTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();
    /** The date envelopes.json says to validate bodies on (year_incorporated depends on it). */
    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC);

    /** What a receiver concluded about one envelope. */
    private record Verdict(boolean valid, String error, String chain, String path, String outcome) {
        static Verdict accepted(LogChain.Outcome outcome) {
            return new Verdict(true, null, null, null, outcome.name().toLowerCase(Locale.ROOT));
        }

        static Verdict rejected(String error, String chain, String path) {
            return new Verdict(false, error, chain, path, null);
        }
    }

    static Path vectors() {
        Path here = Path.of("vectors");
        return Files.isDirectory(here) ? here : Path.of("protocol", "vectors");
    }

    static JsonNode load(String name) throws IOException {
        return PLAIN.readTree(Files.readString(vectors().resolve(name), StandardCharsets.UTF_8));
    }

    private static Stream<JsonNode> cases(JsonNode file) {
        return StreamSupport.stream(file.get("cases").spliterator(), false);
    }

    private static byte[] input(JsonNode c) {
        return c.has("input_hex")
                ? HexFormat.of().parseHex(c.get("input_hex").asText())
                : c.get("input").asText().getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> held(JsonNode c) {
        List<String> held = new ArrayList<>();
        c.get("held").forEach(h -> held.add(h.asText()));
        return held;
    }

    /**
     * The receiver's checks in the order of envelopes.json's description (and SPEC.md); envelopes-v2.json
     * adds the head's version and redacted envelopes, which have no body to judge.
     */
    private static Verdict receive(byte[] input, String origin, List<String> held, int headVersion, KeyId keyInForce) {
        Envelope e;
        try {
            e = Envelope.parse(input);
        } catch (MalformedMessageException ex) {
            return Verdict.rejected("malformed", null, ex.path());
        }
        assertEquals(origin, e.origin().value(), "the case's origin is the envelope's");
        int n = held.size();
        LogChain.Head head = n == 0 ? null : new LogChain.Head(e.origin(), n, held.get(n - 1), headVersion);
        try {
            if (e.seq() <= n + 1) {
                // Beyond the next seq only the gap can be judged: a rotation may sit in it.
                e.verifySignature(keyInForce.publicKey());
            }
            LogChain.Outcome outcome = LogChain.check(head, e, seq -> held.get((int) seq - 1));
            if (outcome == LogChain.Outcome.APPEND && !e.isRedacted()) {
                Bodies.validate(e.origin(), e.type(), e.body(), TODAY);
            }
            return Verdict.accepted(outcome);
        } catch (ValidationException ex) {
            return Verdict.rejected("body", null, ex.errors().get(0).path());
        } catch (InvalidSignatureException ex) {
            // The library names $.key when the envelope names another key than the one in force.
            return Verdict.rejected("$.key".equals(ex.path()) ? "key" : "signature", null, ex.path());
        } catch (ChainException ex) {
            return Verdict.rejected("chain", ex.kind().name().toLowerCase(Locale.ROOT), ex.path());
        }
    }

    @TestFactory
    Stream<DynamicTest> envelopeVectors_eachCase_receiverReachesExpectedVerdict() throws IOException {
        return cases(load("envelopes.json"))
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    JsonNode expected = c.get("expected");
                    byte[] input = input(c);
                    Verdict verdict = receive(
                            input,
                            c.get("origin").asText(),
                            held(c),
                            1,
                            KeyId.parse(c.get("key").asText(), "$"));
                    assertVerdict(expected, verdict);
                    if (expected.has("canonical")) {
                        assertCanonicalForms(input, expected);
                    }
                }));
    }

    private static void assertVerdict(JsonNode expected, Verdict verdict) {
        assertEquals(expected.get("valid").asBoolean(), verdict.valid(), () -> "verdict " + verdict);
        assertEquals(expected.path("error").textValue(), verdict.error(), () -> "verdict " + verdict);
        assertEquals(expected.path("chain").textValue(), verdict.chain(), () -> "verdict " + verdict);
        assertEquals(expected.path("outcome").textValue(), verdict.outcome(), () -> "verdict " + verdict);
        if (expected.has("path")) {
            assertEquals(expected.get("path").asText(), verdict.path());
        }
    }

    private static void assertCanonicalForms(byte[] input, JsonNode expected) throws Exception {
        String canonical = expected.get("canonical").asText();
        byte[] canonicalBytes = canonical.getBytes(StandardCharsets.UTF_8);
        Envelope e = Envelope.parse(input);
        assertArrayEquals(canonicalBytes, e.canonicalBytes(), "the envelope's own JCS form");
        assertEquals(canonical, CanonicalJson.canonicalString(StrictJson.parse(input)), "generic JCS of the input");
        assertEquals(expected.get("hash").asText(), e.hash());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalBytes);
        assertEquals(expected.get("hash").asText(), "sha256:" + Base64Url.encode(digest), "the file's own hash");
    }

    @TestFactory
    Stream<DynamicTest> envelopeV2Vectors_eachCase_receiverReachesExpectedVerdict() throws IOException {
        return cases(load("envelopes-v2.json"))
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    JsonNode expected = c.get("expected");
                    byte[] input = input(c);
                    Verdict verdict = receive(
                            input,
                            c.get("origin").asText(),
                            held(c),
                            c.get("head_version").asInt(),
                            KeyId.parse(c.get("key").asText(), "$"));
                    assertVerdict(expected, verdict);
                    if (expected.has("canonical")) {
                        Envelope e = Envelope.parse(input);
                        String canonical = expected.get("canonical").asText();
                        assertEquals(canonical, CanonicalJson.canonicalString(StrictJson.parse(input)));
                        assertEquals(canonical, e.canonicalJson());
                        // What the hash covers, computed without the library's envelope code.
                        JsonNode tree = StrictJson.parse(input);
                        if (tree.get("v").asInt() == 2) {
                            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove(List.of("body", "salt"));
                        }
                        String hashed = CanonicalJson.canonicalString(tree);
                        assertEquals(expected.get("hashed").asText(), hashed);
                        byte[] digest =
                                MessageDigest.getInstance("SHA-256").digest(hashed.getBytes(StandardCharsets.UTF_8));
                        assertEquals(expected.get("hash").asText(), "sha256:" + Base64Url.encode(digest));
                        assertEquals(expected.get("hash").asText(), e.hash());
                        assertEquals(expected.get("redacted").asBoolean(), e.isRedacted());
                    }
                }));
    }

    @Test
    void envelopeV2Vectors_validCases_includeEveryVersion2FeatureWithTwins() throws IOException {
        List<JsonNode> all = cases(load("envelopes-v2.json")).toList();
        int redactedAppends = 0;
        int duplicates = 0;
        Set<UpdateType> types = EnumSet.noneOf(UpdateType.class);
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode c = all.get(i);
            JsonNode expected = c.get("expected");
            if ("duplicate".equals(expected.path("outcome").asText())) {
                duplicates++;
            }
            if (!"append".equals(expected.path("outcome").asText())) {
                continue;
            }
            Envelope e = Envelope.parse(input(c));
            types.add(e.type());
            if (e.isRedacted()) {
                redactedAppends++;
                continue;
            }
            if (e.version() == 2 && seen.add(e.hash())) {
                // The first time each version 2 envelope is appended, its twins come just before it.
                String name = c.get("name").asText();
                long twins = all.subList(0, i).stream()
                        .filter(t -> t.get("name").asText().startsWith(name + " — "))
                        .peek(t -> assertFalse(
                                t.get("expected").get("valid").asBoolean(),
                                t.get("name").asText()))
                        .count();
                assertTrue(twins >= 6, name + " has " + twins + " tampered twins");
            }
        }
        assertTrue(types.contains(UpdateType.ORG_ERASE));
        assertTrue(redactedAppends >= 1, "a redacted envelope is appended");
        assertTrue(duplicates >= 2, "full and redacted copies of an erased envelope are duplicates");
    }

    @TestFactory
    Stream<DynamicTest> malformedVectors_eachCase_parseRejectsNamingPath() throws IOException {
        return cases(load("malformed.json"))
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    MalformedMessageException ex =
                            assertThrows(MalformedMessageException.class, () -> Envelope.parse(input(c)));
                    assertEquals(c.get("expected").get("path").asText(), ex.path(), ex::getMessage);
                }));
    }

    @TestFactory
    Stream<DynamicTest> canonicalVectors_eachCase_matchesCanonicalTextOrRejects() throws IOException {
        return cases(load("canonical.json"))
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    JsonNode expected = c.get("expected");
                    byte[] input = input(c);
                    if (expected.get("valid").asBoolean()) {
                        byte[] canonical = expected.get("canonical").asText().getBytes(StandardCharsets.UTF_8);
                        assertArrayEquals(canonical, CanonicalJson.canonicalize(StrictJson.parse(input)));
                        assertEquals(expected.get("hash").asText(), Hashes.sha256(canonical));
                    } else {
                        MalformedMessageException ex = assertThrows(
                                MalformedMessageException.class,
                                () -> CanonicalJson.canonicalize(StrictJson.parse(input)));
                        if (expected.has("path")) {
                            assertEquals(expected.get("path").asText(), ex.path(), ex::getMessage);
                        }
                    }
                }));
    }

    @Test
    void envelopeVectors_validCases_formCoherentLogsWithRotation() throws IOException {
        Map<String, List<String>> logs = new HashMap<>();
        Map<String, TreeMap<Long, String>> keys = new HashMap<>();
        JsonNode file = load("envelopes.json");
        int valid = 0;
        for (JsonNode c : (Iterable<JsonNode>) cases(file)::iterator) {
            String origin = c.get("origin").asText();
            List<String> log = logs.computeIfAbsent(origin, o -> new ArrayList<>());
            assertEquals(log, held(c), c.get("name").asText() + ": held is what the valid cases before built");
            JsonNode tree;
            try {
                tree = StrictJson.parse(input(c));
            } catch (MalformedMessageException ex) {
                continue;
            }
            long seq = tree.get("seq").asLong();
            TreeMap<Long, String> keyFrom = keys.computeIfAbsent(origin, o -> new TreeMap<>());
            keyFrom.putIfAbsent(1L, c.get("key").asText()); // pinned at first contact
            long judgedAt = Math.min(seq, log.size() + 1);
            assertEquals(
                    keyFrom.floorEntry(judgedAt).getValue(),
                    c.get("key").asText(),
                    c.get("name").asText());
            JsonNode expected = c.get("expected");
            if (expected.get("valid").asBoolean()
                    && "append".equals(expected.get("outcome").asText())) {
                valid++;
                assertEquals(log.size() + 1, seq);
                log.add(expected.get("hash").asText());
                if ("key.rotate".equals(tree.get("type").asText())) {
                    keyFrom.put(seq + 1, tree.get("body").get("new_key").asText());
                }
            }
        }
        assertEquals(11, valid, "jp-janic 1–8 and th-ngocoord 1–3");
        assertEquals(2, keys.get("jp-janic").size(), "jp-janic rotated its key once");
    }

    @Test
    void envelopeVectors_everyTypeValid_andEachValidCasePrecededByFailingTwins() throws IOException {
        List<JsonNode> all = cases(load("envelopes.json")).toList();
        Set<UpdateType> types = EnumSet.noneOf(UpdateType.class);
        for (int i = 0; i < all.size(); i++) {
            JsonNode c = all.get(i);
            if (!"append".equals(c.get("expected").path("outcome").asText())) {
                continue;
            }
            types.add(Envelope.parse(input(c)).type());
            assertEquals(1, Envelope.parse(input(c)).version(), "envelopes.json is version 1");
            String name = c.get("name").asText();
            long twins = all.subList(0, i).stream()
                    .filter(t -> t.get("name").asText().startsWith(name + " — "))
                    .peek(t -> assertFalse(
                            t.get("expected").get("valid").asBoolean(),
                            t.get("name").asText()))
                    .count();
            assertTrue(twins >= 5, name + " has " + twins + " tampered twins");
        }
        Set<UpdateType> version1 = EnumSet.noneOf(UpdateType.class);
        for (UpdateType t : UpdateType.values()) {
            if (t.sinceVersion() == 1) {
                version1.add(t);
            }
        }
        assertEquals(version1, types);
    }

    @Test
    void envelopeVectors_bodiesOutsideBodyCases_areValid() throws IOException {
        int checked = 0;
        for (JsonNode c : (Iterable<JsonNode>) cases(load("envelopes.json"))::iterator) {
            String error = c.get("expected").path("error").asText();
            if (error.equals("malformed") || error.equals("body")) {
                continue;
            }
            Envelope e = Envelope.parse(input(c));
            Bodies.validate(e.origin(), e.type(), e.body(), TODAY);
            checked++;
        }
        assertTrue(checked > 60, "checked " + checked);
    }

    @Test
    void envelopeVectors_keys_areSeededFromSha256OfTheirLabel() throws Exception {
        for (JsonNode k : load("envelopes.json").get("keys")) {
            byte[] seed = MessageDigest.getInstance("SHA-256")
                    .digest(k.get("label").asText().getBytes(StandardCharsets.UTF_8));
            assertEquals(HexFormat.of().formatHex(seed), k.get("seed_hex").asText());
            Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
            assertEquals(k.get("key").asText(), pair.publicKey().keyId().value());
        }
    }

    @Test
    void everyVectorFile_describesItsFormat() throws IOException {
        for (String name : List.of("envelopes.json", "malformed.json", "canonical.json", "envelopes-v2.json")) {
            JsonNode file = load(name);
            assertTrue(file.get("description").asText().length() > 200, name);
            assertEquals(
                    name.contains("v2") ? 2 : 1, file.get("protocol_version").asInt(), name);
            assertFalse(file.get("cases").isEmpty(), name);
        }
    }
}
