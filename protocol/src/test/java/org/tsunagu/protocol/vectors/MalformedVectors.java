package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.Envelope;

/**
 * Builds {@code malformed.json}: envelopes that must be rejected before any signature is checked,
 * each a small change to a valid envelope (jp-janic/2, or jp-janic/1 where seq 1 matters), with the
 * JSON path the error names.
 */
final class MalformedVectors {
    private final Envelope base;
    private final Envelope first;
    private final ArrayNode cases = JsonNodeFactory.instance.arrayNode();

    MalformedVectors(VectorChain chain) {
        this.base = chain.janic.get(2);
        this.first = chain.janic.get(1);
    }

    ArrayNode build() {
        String wire = base.canonicalJson();
        text("not JSON at all", "this is not JSON", "$");
        text("empty message", "", "$");
        text("whitespace only", " \n ", "$");
        text("an array, not an object", "[" + wire + "]", "$");
        text("trailing content after the envelope", wire + " {}", "$");
        text("a member appears twice", wire.replace(",\"seq\":2,", ",\"seq\":2,\"seq\":2,"), "$.seq");
        text("comment", "/* signed */" + wire, "$");
        text("raw control character in a string", wire.replace("さくら災害支援ネットワーク\"", "さくら\u0001\""), "$.body.name");
        text(
                "NaN",
                wire.replace("\"year_incorporated\":2011", "\"year_incorporated\":NaN"),
                "$.body.year_incorporated");
        bytes(
                "invalid UTF-8 (a Latin-1 é)",
                wire.replace("東京都", "Tokyo\u0000").getBytes(StandardCharsets.UTF_8),
                "$.body.locations[0].city",
                0xE9);
        bytes("UTF-16 instead of UTF-8", wire.getBytes(StandardCharsets.UTF_16BE), "$", -1);
        bytes(
                "UTF-8 with a byte order mark",
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, wire),
                "$",
                -1);

        tree("unknown member", t -> t.put("extra", true), "$.extra");
        tree("missing sig", t -> t.remove("sig"), "$.sig");
        tree("missing body", t -> t.remove("body"), "$.body");
        tree("v is 3", t -> t.put("v", 3), "$.v");
        tree("v is 2 but the members are version 1 (no body_digest)", t -> t.put("v", 2), "$.body_digest");
        tree("v is a string", t -> t.put("v", "1"), "$.v");
        text("v is 1.5", wire.replace("\"v\":1}", "\"v\":1.5}"), "$.v");
        tree("origin in upper case", t -> t.put("origin", "JP-JANIC"), "$.origin");
        tree("origin of one character", t -> t.put("origin", "j"), "$.origin");
        tree("seq 0", t -> t.put("seq", 0), "$.seq");
        tree("seq negative", t -> t.put("seq", -2), "$.seq");
        text("seq beyond 2^53−1", wire.replace(",\"seq\":2,", ",\"seq\":9007199254740992,"), "$.seq");
        tree("seq as a string", t -> t.put("seq", "2"), "$.seq");
        text("seq with a fraction", wire.replace(",\"seq\":2,", ",\"seq\":2.5,"), "$.seq");
        tree("prev null after seq 1", t -> t.putNull("prev"), "$.prev");
        tree("prev not a full hash", t -> t.put("prev", "sha256:abc"), "$.prev");
        tree(
                "prev of another algorithm",
                t -> t.put("prev", t.get("prev").asText().replace("sha256:", "sha512:")),
                "$.prev");
        onFirst("prev present at seq 1", t -> t.put("prev", EnvelopeVectors.WRONG_PREV), "$.prev");
        tree("ts with a time-zone offset", t -> t.put("ts", "2026-11-29T11:10:00+09:00"), "$.ts");
        tree("ts in lower case", t -> t.put("ts", "2026-11-29t02:10:00z"), "$.ts");
        tree("ts without seconds", t -> t.put("ts", "2026-11-29T02:10Z"), "$.ts");
        tree("ts on a day that does not exist", t -> t.put("ts", "2026-02-30T02:10:00Z"), "$.ts");
        tree("ts as a number", t -> t.put("ts", 1795918200), "$.ts");
        tree("unknown type", t -> t.put("type", "org.update"), "$.type");
        tree("type in upper case", t -> t.put("type", "ORG.UPSERT"), "$.type");
        tree("body is an array", t -> t.putArray("body"), "$.body");
        tree("body is null", t -> t.putNull("body"), "$.body");
        tree(
                "key without the ed25519: prefix",
                t -> t.put("key", t.get("key").asText().substring(8)),
                "$.key");
        tree("key of 31 bytes", t -> t.put("key", "ed25519:" + Base64Url.encode(new byte[31])), "$.key");
        tree("key that is not a curve point", t -> t.put("key", "ed25519:" + Base64Url.encode(notAPoint())), "$.key");
        tree("sig of 63 bytes", t -> t.put("sig", Base64Url.encode(Arrays.copyOf(sigBytes(), 63))), "$.sig");
        tree("sig with base64 padding", t -> t.put("sig", base.sig() + "=="), "$.sig");
        tree(
                "sig in the standard base64 alphabet",
                t -> t.put("sig", "+" + base.sig().substring(1)),
                "$.sig");
        tree("sig with unused low bits set", t -> t.put("sig", nonCanonicalLastCharacter(base.sig())), "$.sig");
        // Written as text: the canonical writer refuses to produce what is too deep.
        text(
                "body nested deeper than 32 levels in all",
                wire.replace("{\"body\":{", "{\"body\":{\"x\":" + "[".repeat(31) + "]".repeat(31) + ","),
                "$.body.x" + "[0]".repeat(30));
        tree(
                "body over 64 KiB",
                t -> VectorForms.body(t).put("description", "x".repeat(Envelope.MAX_BODY_BYTES)),
                "$.body");
        text(
                "integer beyond the I-JSON range in the body",
                wire.replace("\"year_incorporated\":2011", "\"year_incorporated\":9007199254740993"),
                "$.body.year_incorporated");
        text(
                "lone surrogate escape in the body",
                wire.replace("\"name\":\"さくら災害支援ネットワーク\"", "\"name\":\"\\ud83c\""),
                "$.body.name");
        return cases;
    }

    private void text(String name, String input, String path) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("input", input);
        expect(c, path);
    }

    /** Bytes that are no UTF-8 JSON text; {@code patch} (if ≥ 0) replaces the first NUL byte. */
    private void bytes(String name, byte[] input, String path, int patch) {
        byte[] copy = input.clone();
        if (patch >= 0) {
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] == 0) {
                    copy[i] = (byte) patch;
                    break;
                }
            }
        }
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("input_hex", HexFormat.of().formatHex(copy));
        expect(c, path);
    }

    private void tree(String name, Consumer<ObjectNode> change, String path) {
        text(name, VectorForms.changed(base, change), path);
    }

    private void onFirst(String name, Consumer<ObjectNode> change, String path) {
        text(name, VectorForms.changed(first, change), path);
    }

    private static void expect(ObjectNode c, String path) {
        c.putObject("expected").put("valid", false).put("error", "malformed").put("path", path);
    }

    private byte[] sigBytes() {
        return Base64Url.decode(base.sig(), "$.sig");
    }

    /** 64 bytes are 86 base64url characters; the last carries 4 unused bits, which must be zero. */
    private static String nonCanonicalLastCharacter(String sig) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(sig.charAt(sig.length() - 1));
        return sig.substring(0, sig.length() - 1) + alphabet.charAt(last | 1);
    }

    /** The first SHA-256 chain value, from a fixed label, that is no point's encoding. */
    private static byte[] notAPoint() {
        byte[] candidate = "tsunagu-vectors/not-a-point".getBytes(StandardCharsets.UTF_8);
        do {
            candidate = VectorKeys.sha256(candidate);
        } while (Ed25519.validatePublicKeyPartial(candidate, 0));
        return candidate;
    }

    private static byte[] concat(byte[] prefix, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }
}
