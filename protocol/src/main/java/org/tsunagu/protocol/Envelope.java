package org.tsunagu.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import org.tsunagu.protocol.sign.Ed25519PublicKey;

/**
 * One signed update of one origin's log (DESIGN §3):
 * {@code {v, origin, seq, prev, ts, type, body, key, sig}}.
 *
 * <p>Immutable: the body is copied in and out, and the canonical forms are computed once. Parsing
 * checks structure only; {@link #verifySignature(Ed25519PublicKey)} checks the signature and
 * {@code org.tsunagu.protocol.body.Bodies} checks the body's content.
 */
public final class Envelope {
    public static final int VERSION = 1;
    /** The canonical body may not exceed this. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<String> MEMBERS = Set.of("v", "origin", "seq", "prev", "ts", "type", "body", "key", "sig");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final int SIGNATURE_LENGTH = 64;
    private static final byte[] BODY_MEMBER = "{\"body\":".getBytes(StandardCharsets.US_ASCII);

    private final HubId origin;
    private final long seq;
    private final String prev;
    private final String ts;
    private final UpdateType type;
    private final JsonNode body;
    private final KeyId key;
    private final String sig;
    private final byte[] sigBytes;
    private final byte[] canonicalBody;
    private final byte[] signingBytes;
    private final byte[] canonicalBytes;
    private final String hash;
    /**
     * The key this envelope's signature last verified with. The envelope is immutable, so a successful
     * check stays true: verifying ahead of time on another thread (in parallel, outside a write
     * transaction) makes the authoritative check later a comparison.
     */
    private volatile Ed25519PublicKey verifiedWith;

    private Envelope(
            HubId origin,
            long seq,
            String prev,
            String ts,
            UpdateType type,
            JsonNode body,
            KeyId key,
            String sig,
            byte[] sigBytes,
            byte[] canonicalBody) {
        this.origin = origin;
        this.seq = seq;
        this.prev = prev;
        this.ts = ts;
        this.type = type;
        this.body = body;
        this.key = key;
        this.sig = sig;
        this.sigBytes = sigBytes;
        this.canonicalBody = canonicalBody;
        this.signingBytes = assemble(null);
        this.canonicalBytes = assemble(sig);
        this.hash = Hashes.sha256(canonicalBytes);
    }

    /**
     * Signs a new envelope. Text in {@code body} must already be NFC (the body validators do that).
     *
     * @param prev the hash of the origin's previous envelope, {@code null} exactly when {@code seq == 1}
     */
    public static Envelope sign(
            HubId origin, long seq, String prev, Instant ts, UpdateType type, JsonNode body, Ed25519KeyPair signer) {
        Objects.requireNonNull(signer, "signer");
        String tsText = formatTimestamp(ts);
        checkSeqAndPrev(seq, prev);
        JsonNode bodyCopy = requireBody(body);
        byte[] canonicalBody = canonicalBody(bodyCopy);
        Envelope unsigned = new Envelope(
                origin, seq, prev, tsText, type, bodyCopy, signer.publicKey().keyId(), null, null, canonicalBody);
        byte[] signature = signer.sign(unsigned.signingBytes);
        return new Envelope(
                origin,
                seq,
                prev,
                tsText,
                type,
                bodyCopy,
                unsigned.key,
                Base64Url.encode(signature),
                signature,
                canonicalBody);
    }

    /** Parses the wire form strictly (see {@link StrictJson}); does not verify the signature. */
    public static Envelope parse(byte[] json) {
        // The tree is ours alone, so its body need not be copied.
        return read(StrictJson.parse(json), false);
    }

    public static Envelope parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads an envelope from a parsed tree, checking every member's form. */
    public static Envelope fromJson(JsonNode node) {
        return read(node, true);
    }

    private static Envelope read(JsonNode node, boolean copyBody) {
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException("$", "an envelope is a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!MEMBERS.contains(name)) {
                throw new MalformedMessageException("$." + HubId.shorten(name), "unknown envelope member");
            }
        }
        for (String name : MEMBERS) {
            if (!node.has(name)) {
                throw new MalformedMessageException("$." + name, "required envelope member is missing");
            }
        }
        JsonNode v = node.get("v");
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != VERSION) {
            throw new MalformedMessageException("$.v", "unsupported envelope version (this implementation reads 1)");
        }
        HubId origin = HubId.parse(text(node, "origin"), "$.origin");
        JsonNode seqNode = node.get("seq");
        if (!seqNode.isIntegralNumber()
                || !seqNode.canConvertToLong()
                || seqNode.longValue() < 1
                || seqNode.longValue() > (1L << 53) - 1) {
            throw new MalformedMessageException("$.seq", "seq is an integer from 1 to 2^53−1");
        }
        long seq = seqNode.longValue();
        JsonNode prevNode = node.get("prev");
        String prev;
        if (prevNode.isNull()) {
            prev = null;
        } else if (prevNode.isTextual()) {
            prev = Hashes.requireHash(prevNode.textValue(), "$.prev");
        } else {
            throw new MalformedMessageException("$.prev", "prev is a hash or null");
        }
        checkSeqAndPrev(seq, prev);
        String ts = text(node, "ts");
        parseTimestamp(ts, "$.ts");
        UpdateType type = UpdateType.fromWire(text(node, "type"), "$.type");
        JsonNode body = node.get("body");
        if (!body.isObject()) {
            throw new MalformedMessageException("$.body", "body is a JSON object");
        }
        KeyId key = KeyId.parse(text(node, "key"), "$.key");
        String sig = text(node, "sig");
        byte[] sigBytes = Base64Url.decode(sig, "$.sig");
        if (sigBytes.length != SIGNATURE_LENGTH) {
            throw new MalformedMessageException("$.sig", "an Ed25519 signature is 64 bytes, got " + sigBytes.length);
        }
        JsonNode bodyCopy = copyBody ? body.deepCopy() : body;
        return new Envelope(origin, seq, prev, ts, type, bodyCopy, key, sig, sigBytes, canonicalBody(bodyCopy));
    }

    /**
     * Verifies {@code sig} with {@code expected}, which must be the key this envelope names.
     *
     * @throws InvalidSignatureException if the key differs or the signature does not verify
     */
    public void verifySignature(Ed25519PublicKey expected) {
        if (!expected.keyId().equals(key)) {
            throw new InvalidSignatureException(
                    "$.key", "signed with " + key + " but the origin's key is " + expected.keyId());
        }
        if (expected.equals(verifiedWith)) {
            return;
        }
        expected.verify(signingBytes, sigBytes);
        verifiedWith = expected;
    }

    /** Whether {@link #verifySignature} has succeeded with {@code key} on this instance. */
    public boolean isVerifiedWith(Ed25519PublicKey key) {
        return key.equals(verifiedWith);
    }

    private static String text(JsonNode node, String name) {
        JsonNode member = node.get(name);
        if (member == null || !member.isTextual()) {
            throw new MalformedMessageException("$." + name, name + " is a string");
        }
        return member.textValue();
    }

    private static void checkSeqAndPrev(long seq, String prev) {
        if (seq < 1) {
            throw new MalformedMessageException("$.seq", "seq starts at 1");
        }
        if (seq == 1 && prev != null) {
            throw new MalformedMessageException("$.prev", "prev is null at seq 1");
        }
        if (seq > 1 && prev == null) {
            throw new MalformedMessageException("$.prev", "prev is required after seq 1");
        }
    }

    private static JsonNode requireBody(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new MalformedMessageException("$.body", "body is a JSON object");
        }
        return body.deepCopy();
    }

    private static byte[] canonicalBody(JsonNode body) {
        String canonical = CanonicalJson.canonicalString(body, "$.body", 1);
        // Every char is at least one UTF-8 byte: a long string is too big before it is encoded.
        byte[] bytes = canonical.length() > MAX_BODY_BYTES ? null : canonical.getBytes(StandardCharsets.UTF_8);
        if (bytes == null || bytes.length > MAX_BODY_BYTES) {
            throw new MalformedMessageException("$.body", "body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        return bytes;
    }

    /** RFC 3339 UTC timestamp as signed: whole seconds or a fraction, always with {@code Z}. */
    public static String formatTimestamp(Instant ts) {
        return ts.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    public static Instant parseTimestamp(String ts, String path) {
        if (ts == null || !TIMESTAMP.matcher(ts).matches()) {
            throw new MalformedMessageException(path, "timestamp must be RFC 3339 UTC, e.g. 2026-11-29T02:00:00Z");
        }
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(path, "not a valid date and time");
        }
    }

    // Members in RFC 8785 order: body, key, origin, prev, seq, sig, ts, type, v. All names are ASCII,
    // so their code-unit order is the alphabetical one, and the body is already canonical UTF-8.
    // Every value after the body is ASCII (checked forms), so it is copied byte for char.
    private byte[] assemble(String signature) {
        StringBuilder out = new StringBuilder(300);
        out.append(",\"key\":\"").append(key.value()).append('"');
        out.append(",\"origin\":\"").append(origin.value()).append('"');
        out.append(",\"prev\":").append(prev == null ? "null" : "\"" + prev + "\"");
        out.append(",\"seq\":").append(seq);
        if (signature != null) {
            out.append(",\"sig\":\"").append(signature).append('"');
        }
        // ts matched TIMESTAMP (digits, '-', ':', '.', 'T', 'Z'): nothing in it needs escaping.
        out.append(",\"ts\":\"").append(ts).append('"');
        out.append(",\"type\":\"").append(type.wire()).append('"');
        out.append(",\"v\":").append(VERSION).append('}');
        byte[] head = BODY_MEMBER;
        byte[] tail = out.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + canonicalBody.length + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(canonicalBody, 0, bytes, head.length, canonicalBody.length);
        System.arraycopy(tail, 0, bytes, head.length + canonicalBody.length, tail.length);
        return bytes;
    }

    public HubId origin() {
        return origin;
    }

    public long seq() {
        return seq;
    }

    /** Hash of the previous envelope of this origin; {@code null} at seq 1. */
    public String prev() {
        return prev;
    }

    /** The signed timestamp text, exactly as signed. */
    public String ts() {
        return ts;
    }

    public Instant timestamp() {
        return Instant.parse(ts);
    }

    public UpdateType type() {
        return type;
    }

    /** A copy of the body; changing it does not change this envelope. */
    public JsonNode body() {
        return body.deepCopy();
    }

    public KeyId key() {
        return key;
    }

    public String sig() {
        return sig;
    }

    /** JCS form without {@code sig}: the bytes the signature covers. */
    public byte[] signingBytes() {
        return signingBytes.clone();
    }

    /** JCS form of the whole envelope: the wire and storage form, and the input of {@link #hash()}. */
    public byte[] canonicalBytes() {
        return canonicalBytes.clone();
    }

    public String canonicalJson() {
        return new String(canonicalBytes, StandardCharsets.UTF_8);
    }

    /** {@code sha256:} of the canonical form, {@code sig} included; what the next envelope's prev names. */
    public String hash() {
        return hash;
    }

    /** A tree of the whole envelope, for embedding in API answers. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("v", VERSION);
        n.put("origin", origin.value());
        n.put("seq", seq);
        if (prev == null) {
            n.putNull("prev");
        } else {
            n.put("prev", prev);
        }
        n.put("ts", ts);
        n.put("type", type.wire());
        n.set("body", body.deepCopy());
        n.put("key", key.value());
        n.put("sig", sig);
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Envelope other && hash.equals(other.hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return origin + "#" + seq + " " + type.wire() + " " + hash;
    }
}
