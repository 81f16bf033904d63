package org.tsunagu.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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
 * One signed update of one origin's log (DESIGN §3, SPEC §5):
 *
 * <ul>
 *   <li>version 1: {@code {v, origin, seq, prev, ts, type, body, key, sig}}; the signature and hash
 *       cover the body itself;
 *   <li>version 2: {@code {v, origin, seq, prev, ts, type, body_digest, key, sig}} plus, unless the
 *       envelope is redacted, {@code body} and {@code salt}. The signature and hash cover only {@code
 *       body_digest}, the hash of {@code {"body": …, "salt": …}}, so a node can drop body and salt (an
 *       erasure) and the envelope still verifies and still chains.
 * </ul>
 *
 * <p>Immutable: the body is copied in and out, and the canonical forms and the body digest are
 * computed once, when the envelope is built. Parsing checks structure only; {@link
 * #verifySignature(Ed25519PublicKey)} checks the body digest and the signature, and {@code
 * org.tsunagu.protocol.body.Bodies} checks the body's content.
 */
public final class Envelope {
    /** The first version: the signature covers the body. */
    public static final int VERSION = 1;
    /** The version whose signature covers a salted digest of the body, so the body can be erased. */
    public static final int VERSION_2 = 2;
    /** The canonical body may not exceed this. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Bytes of random salt in a version 2 body commitment. */
    public static final int SALT_BYTES = 16;

    private static final Set<String> MEMBERS = Set.of("v", "origin", "seq", "prev", "ts", "type", "body", "key", "sig");
    private static final Set<String> MEMBERS_V2 =
            Set.of("v", "origin", "seq", "prev", "ts", "type", "body_digest", "key", "sig");
    private static final Set<String> REDACTABLE_V2 = Set.of("body", "salt");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");
    private static final int SIGNATURE_LENGTH = 64;
    private static final byte[] BODY_MEMBER = "{\"body\":".getBytes(StandardCharsets.US_ASCII);

    private final int version;
    private final HubId origin;
    private final long seq;
    private final String prev;
    private final String ts;
    private final UpdateType type;
    /** {@code null} when a version 2 envelope is redacted. */
    private final JsonNode body;
    /** Version 2 only; {@code null} in version 1 and when redacted. */
    private final String salt;
    /** Version 2 only: as signed. */
    private final String bodyDigest;
    /** Version 2, not redacted: whether {@link #bodyDigest} is the digest of body and salt. */
    private final boolean digestMatches;

    private final KeyId key;
    private final String sig;
    private final byte[] sigBytes;
    /**
     * The canonical form. Whenever the envelope holds a body, it begins with {@code {"body":} and the
     * canonical body ({@link #bodyLength} bytes), so the body's bytes are read from here rather than kept
     * twice: a follower holds the pages it fetched ahead, and every byte an envelope keeps is copied by
     * young collections and promoted with its page (issue 14).
     */
    private final byte[] canonicalBytes;
    /** Bytes of the canonical body at {@link #BODY_MEMBER}'s end in {@link #canonicalBytes}; 0 when redacted. */
    private final int bodyLength;

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
        this.version = VERSION;
        this.origin = origin;
        this.seq = seq;
        this.prev = prev;
        this.ts = ts;
        this.type = type;
        this.body = body;
        this.salt = null;
        this.bodyDigest = null;
        this.digestMatches = true;
        this.key = key;
        this.sig = sig;
        this.sigBytes = sigBytes;
        this.bodyLength = canonicalBody.length;
        this.canonicalBytes = assemble(sig, canonicalBody, 0);
        this.hash = Hashes.sha256(canonicalBytes);
    }

    /**
     * A version 2 envelope. {@code body}, {@code canonicalBody} and {@code salt} are all {@code null}
     * when it is redacted; otherwise the body's digest is computed here, once, and compared with the
     * signed {@code bodyDigest} by {@link #verifySignature}.
     */
    private Envelope(
            HubId origin,
            long seq,
            String prev,
            String ts,
            UpdateType type,
            String bodyDigest,
            JsonNode body,
            byte[] canonicalBody,
            String salt,
            KeyId key,
            String sig,
            byte[] sigBytes) {
        this.version = VERSION_2;
        this.origin = origin;
        this.seq = seq;
        this.prev = prev;
        this.ts = ts;
        this.type = type;
        this.body = body;
        this.salt = salt;
        this.bodyLength = canonicalBody == null ? 0 : canonicalBody.length;
        this.bodyDigest = bodyDigest;
        this.digestMatches = body == null || bodyDigest.equals(bodyDigest(canonicalBody, salt));
        this.key = key;
        this.sig = sig;
        this.sigBytes = sigBytes;
        byte[] header = assembleV2(sig, null);
        this.hash = Hashes.sha256(header);
        this.canonicalBytes = body == null ? header : assembleV2(sig, canonicalBody);
    }

    /**
     * The version 2 body commitment: the hash of the canonical form of {@code {"body": body, "salt":
     * salt}}. The salt keeps a guessable body (a known name, an id) from being confirmed against the
     * digest once the body is erased.
     */
    public static String bodyDigest(byte[] canonicalBody, String salt) {
        // salt is checked base64url: ASCII with nothing to escape.
        byte[] tail = (",\"salt\":\"" + salt + "\"}").getBytes(StandardCharsets.US_ASCII);
        return Hashes.sha256(withBody(canonicalBody, tail));
    }

    /**
     * Signs a new envelope. Text in {@code body} must already be NFC (the body validators do that).
     *
     * @param prev the hash of the origin's previous envelope, {@code null} exactly when {@code seq == 1}
     */
    public static Envelope sign(
            HubId origin, long seq, String prev, Instant ts, UpdateType type, JsonNode body, Ed25519KeyPair signer) {
        Objects.requireNonNull(signer, "signer");
        if (type.sinceVersion() > VERSION) {
            throw new IllegalArgumentException(type + " needs a version " + type.sinceVersion() + " envelope");
        }
        String tsText = formatTimestamp(ts);
        checkSeqAndPrev(seq, prev);
        JsonNode bodyCopy = requireBody(body);
        byte[] canonicalBody = canonicalBody(bodyCopy);
        Envelope unsigned = new Envelope(
                origin, seq, prev, tsText, type, bodyCopy, signer.publicKey().keyId(), null, null, canonicalBody);
        byte[] signature = signer.sign(unsigned.signed());
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

    /** Signs a new version 2 envelope with a fresh random salt. */
    public static Envelope signV2(
            HubId origin, long seq, String prev, Instant ts, UpdateType type, JsonNode body, Ed25519KeyPair signer) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return signV2(origin, seq, prev, ts, type, body, salt, signer);
    }

    /**
     * Signs a new version 2 envelope with the given salt ({@value #SALT_BYTES} bytes; deterministic for
     * test vectors, otherwise use the random overload).
     */
    public static Envelope signV2(
            HubId origin,
            long seq,
            String prev,
            Instant ts,
            UpdateType type,
            JsonNode body,
            byte[] salt,
            Ed25519KeyPair signer) {
        Objects.requireNonNull(signer, "signer");
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("salt is " + SALT_BYTES + " bytes");
        }
        String tsText = formatTimestamp(ts);
        checkSeqAndPrev(seq, prev);
        JsonNode bodyCopy = requireBody(body);
        byte[] canonicalBody = canonicalBody(bodyCopy);
        String saltText = Base64Url.encode(salt);
        String digest = bodyDigest(canonicalBody, saltText);
        KeyId key = signer.publicKey().keyId();
        Envelope unsigned = new Envelope(
                origin, seq, prev, tsText, type, digest, bodyCopy, canonicalBody, saltText, key, null, null);
        byte[] signature = signer.sign(unsigned.signed());
        return new Envelope(
                origin,
                seq,
                prev,
                tsText,
                type,
                digest,
                bodyCopy,
                canonicalBody,
                saltText,
                key,
                Base64Url.encode(signature),
                signature);
    }

    /**
     * This envelope without its body and salt: same signature, same hash, still verifies and chains.
     * Version 2 only.
     *
     * @throws IllegalStateException for a version 1 envelope, whose signature covers its body
     */
    public Envelope redacted() {
        if (version != VERSION_2) {
            throw new IllegalStateException("a version 1 envelope cannot be redacted: its signature covers its body");
        }
        if (body == null) {
            return this;
        }
        Envelope r = new Envelope(origin, seq, prev, ts, type, bodyDigest, null, null, null, key, sig, sigBytes);
        r.verifiedWith = verifiedWith;
        return r;
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
        // The version decides which members exist, so it is read first.
        JsonNode v = node.get("v");
        if (v == null) {
            throw new MalformedMessageException("$.v", "required envelope member is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || (v.intValue() != VERSION && v.intValue() != VERSION_2)) {
            throw new MalformedMessageException(
                    "$.v", "unsupported envelope version (this implementation reads 1 and 2)");
        }
        boolean v2 = v.intValue() == VERSION_2;
        Set<String> required = v2 ? MEMBERS_V2 : MEMBERS;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!required.contains(name) && !(v2 && REDACTABLE_V2.contains(name))) {
                throw new MalformedMessageException("$." + HubId.shorten(name), "unknown envelope member");
            }
        }
        for (String name : required) {
            if (!node.has(name)) {
                throw new MalformedMessageException("$." + name, "required envelope member is missing");
            }
        }
        if (v2 && node.has("body") != node.has("salt")) {
            String missing = node.has("body") ? "salt" : "body";
            throw new MalformedMessageException(
                    "$." + missing, "body and salt are both present, or both absent (redacted)");
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
        if (!v2 && type.sinceVersion() > VERSION) {
            throw new MalformedMessageException(
                    "$.type", type.wire() + " exists from protocol version " + type.sinceVersion() + " on");
        }
        String bodyDigest = v2 ? Hashes.requireHash(text(node, "body_digest"), "$.body_digest") : null;
        JsonNode body = node.get("body");
        if (body != null && !body.isObject()) {
            throw new MalformedMessageException("$.body", "body is a JSON object");
        }
        String salt = null;
        if (v2 && body != null) {
            salt = text(node, "salt");
            if (Base64Url.decode(salt, "$.salt").length != SALT_BYTES) {
                throw new MalformedMessageException("$.salt", "the salt is " + SALT_BYTES + " bytes");
            }
        }
        KeyId key = KeyId.parse(text(node, "key"), "$.key");
        String sig = text(node, "sig");
        byte[] sigBytes = Base64Url.decode(sig, "$.sig");
        if (sigBytes.length != SIGNATURE_LENGTH) {
            throw new MalformedMessageException("$.sig", "an Ed25519 signature is 64 bytes, got " + sigBytes.length);
        }
        JsonNode bodyCopy = body == null ? null : copyBody ? body.deepCopy() : body;
        if (!v2) {
            return new Envelope(origin, seq, prev, ts, type, bodyCopy, key, sig, sigBytes, canonicalBody(bodyCopy));
        }
        byte[] canonical = bodyCopy == null ? null : canonicalBody(bodyCopy);
        return new Envelope(origin, seq, prev, ts, type, bodyDigest, bodyCopy, canonical, salt, key, sig, sigBytes);
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
        if (!digestMatches) {
            // The signature covers body_digest only: a body that does not match it is not what was signed.
            throw new InvalidSignatureException("$.body", "body and salt do not match the signed body_digest");
        }
        expected.verify(signed(), sigBytes);
        verifiedWith = expected;
    }

    /**
     * Counts this envelope as verified with the key that verified {@code successor}, without an Ed25519
     * check of its own, when {@code successor} is this origin's envelope at {@code seq + 1}, names this
     * envelope's hash as {@code prev}, and this envelope names that same key (SPEC §7, "A run vouched for
     * by its last envelope"). The successor's signature covers its {@code prev}, and this envelope's hash
     * covers all of it that a signature covers and its own {@code sig} too (in version 2 the body through
     * {@code body_digest}, whose match with body and salt is still required here): the holder of that key
     * signed for exactly this envelope. A relay that changed one byte of it changed its hash, and the
     * chain no longer reaches it.
     *
     * @return whether this envelope now counts as verified with that key
     */
    public boolean vouchFrom(Envelope successor) {
        Ed25519PublicKey signer = successor.verifiedWith;
        if (signer == null || !signer.keyId().equals(key) || !digestMatches) {
            return false;
        }
        if (!successor.origin.equals(origin) || successor.seq != seq + 1 || !hash.equals(successor.prev)) {
            return false;
        }
        verifiedWith = signer;
        return true;
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
        Instant quick = ts == null ? null : plainTimestamp(ts);
        if (quick != null) {
            return quick;
        }
        if (ts == null || !TIMESTAMP.matcher(ts).matches()) {
            throw new MalformedMessageException(path, "timestamp must be RFC 3339 UTC, e.g. 2026-11-29T02:00:00Z");
        }
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            throw new MalformedMessageException(path, "not a valid date and time");
        }
    }

    /**
     * The instant of {@code ts} when it is TIMESTAMP's shape with a day of the month up to 28, an hour
     * up to 23 and a second up to 59, so that it is certainly valid; null otherwise, and then {@link
     * #parseTimestamp} decides as before, through the pattern and {@link Instant#parse}. Every envelope a
     * pull parses passes through here: the pattern and the JDK's parser made ~9% of its parse CPU and as
     * much of its garbage (issue 14). Same answers: TimestampTest compares both on every shape.
     */
    static Instant plainTimestamp(String ts) {
        int n = ts.length();
        if (n < 20 || n == 21 || n > 30 || ts.charAt(n - 1) != 'Z') {
            return null;
        }
        if (ts.charAt(4) != '-'
                || ts.charAt(7) != '-'
                || ts.charAt(10) != 'T'
                || ts.charAt(13) != ':'
                || ts.charAt(16) != ':') {
            return null;
        }
        int year = digits(ts, 0, 4);
        int month = digits(ts, 5, 2);
        int day = digits(ts, 8, 2);
        int hour = digits(ts, 11, 2);
        int minute = digits(ts, 14, 2);
        int second = digits(ts, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 28
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (ts.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(ts, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int k = n - 21; k < 9; k++) {
                nanos *= 10;
            }
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    // Members in RFC 8785 order: body, key, origin, prev, seq, sig, ts, type, v. All names are ASCII,
    // so their code-unit order is the alphabetical one, and the body is already canonical UTF-8.
    // Every value after the body is ASCII (checked forms), so it is copied byte for char.
    /** With the canonical body at {@code bodyFrom} in {@code bodySource}, {@link #bodyLength} bytes. */
    private byte[] assemble(String signature, byte[] bodySource, int bodyFrom) {
        // Written straight into the result, not through a StringBuilder, a String and its bytes: this
        // runs for every envelope a pull parses (issue 14).
        String prevText = prev == null ? "null" : prev;
        int quotes = prev == null ? 0 : 2;
        String seqText = Long.toString(seq);
        int length = BODY_MEMBER.length
                + bodyLength
                + ",\"key\":\"\"".length()
                + key.value().length()
                + ",\"origin\":\"\"".length()
                + origin.value().length()
                + ",\"prev\":".length()
                + prevText.length()
                + quotes
                + ",\"seq\":".length()
                + seqText.length()
                + (signature == null ? 0 : ",\"sig\":\"\"".length() + signature.length())
                + ",\"ts\":\"\"".length()
                + ts.length()
                + ",\"type\":\"\"".length()
                + type.wire().length()
                + ",\"v\":1}".length();
        Ascii out = new Ascii(new byte[length]);
        out.bytes(BODY_MEMBER).bytes(bodySource, bodyFrom, bodyLength);
        out.text(",\"key\":\"").text(key.value()).text("\"");
        out.text(",\"origin\":\"").text(origin.value()).text("\"");
        out.text(",\"prev\":");
        if (prev == null) {
            out.text("null");
        } else {
            out.text("\"").text(prev).text("\"");
        }
        out.text(",\"seq\":").text(seqText);
        if (signature != null) {
            out.text(",\"sig\":\"").text(signature).text("\"");
        }
        // ts matched TIMESTAMP (digits, '-', ':', '.', 'T', 'Z'): nothing in it needs escaping.
        out.text(",\"ts\":\"").text(ts).text("\"");
        out.text(",\"type\":\"").text(type.wire()).text("\"");
        out.text(",\"v\":1}");
        return out.done();
    }

    /** Fills a byte array of a known length with bytes and ASCII text (checked forms: one byte a char). */
    private static final class Ascii {
        private final byte[] out;
        private int at;

        Ascii(byte[] out) {
            this.out = out;
        }

        Ascii bytes(byte[] b) {
            return bytes(b, 0, b.length);
        }

        Ascii bytes(byte[] b, int from, int length) {
            System.arraycopy(b, from, out, at, length);
            at += length;
            return this;
        }

        Ascii text(String s) {
            // The checked forms are ASCII, so ISO-8859-1 gives the same bytes, copied at once rather than
            // a charAt call per char (C1, the node's default JIT, leaves those calls in).
            return bytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        byte[] done() {
            if (at != out.length) {
                throw new IllegalStateException("envelope bytes: wrote " + at + " of " + out.length);
            }
            return out;
        }
    }

    /** {@code {"body":} + the canonical body + {@code tail} (the members after it and the closing brace). */
    private static byte[] withBody(byte[] canonicalBody, byte[] tail) {
        byte[] head = BODY_MEMBER;
        byte[] bytes = new byte[head.length + canonicalBody.length + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(canonicalBody, 0, bytes, head.length, canonicalBody.length);
        System.arraycopy(tail, 0, bytes, head.length + canonicalBody.length, tail.length);
        return bytes;
    }

    // Version 2 members in RFC 8785 order: body, body_digest, key, origin, prev, salt, seq, sig, ts,
    // type, v. Everything but the body is ASCII from checked forms.
    /** With {@code canonicalBody} (the whole form), or without body and salt when it is null (the hashed form). */
    private byte[] assembleV2(String signature, byte[] canonicalBody) {
        boolean withBody = canonicalBody != null;
        StringBuilder out = new StringBuilder(360);
        out.append(withBody ? "," : "{");
        out.append("\"body_digest\":\"").append(bodyDigest).append('"');
        out.append(",\"key\":\"").append(key.value()).append('"');
        out.append(",\"origin\":\"").append(origin.value()).append('"');
        out.append(",\"prev\":").append(prev == null ? "null" : "\"" + prev + "\"");
        if (withBody) {
            out.append(",\"salt\":\"").append(salt).append('"');
        }
        out.append(",\"seq\":").append(seq);
        if (signature != null) {
            out.append(",\"sig\":\"").append(signature).append('"');
        }
        out.append(",\"ts\":\"").append(ts).append('"');
        out.append(",\"type\":\"").append(type.wire()).append('"');
        out.append(",\"v\":").append(VERSION_2).append('}');
        byte[] tail = out.toString().getBytes(StandardCharsets.US_ASCII);
        return withBody ? withBody(canonicalBody, tail) : tail;
    }

    /** 1 or 2 ({@link #VERSION}, {@link #VERSION_2}). */
    public int version() {
        return version;
    }

    /** Whether this version 2 envelope's body and salt were dropped (erased); never true in version 1. */
    public boolean isRedacted() {
        return body == null;
    }

    /** Version 2: the signed {@code body_digest}; {@code null} in version 1. */
    public String bodyDigest() {
        return bodyDigest;
    }

    /** Version 2: the salt of the body commitment; {@code null} in version 1 and when redacted. */
    public String salt() {
        return salt;
    }

    /**
     * Version 2: the canonical form without body and salt (the form whose bytes hash to {@link #hash()});
     * in version 1 the canonical form.
     */
    public byte[] redactedBytes() {
        // Made again when asked for (rarely: an erasure), not kept with every envelope.
        return version == VERSION || body == null ? canonicalBytes.clone() : assembleV2(sig, null);
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

    /**
     * A copy of the body; changing it does not change this envelope.
     *
     * @throws IllegalStateException if the envelope is redacted ({@link #isRedacted()})
     */
    public JsonNode body() {
        return sharedBody().deepCopy();
    }

    /**
     * The body as this envelope holds it, not a copy, for code that only reads it: a follower reads the
     * body of every envelope it stores, and {@link #body}'s copy was ~6% of its storing thread's garbage
     * (issue 14). The caller must not modify it: the envelope's bytes, hash and signature would no
     * longer describe its body.
     *
     * @throws IllegalStateException if the envelope is redacted
     */
    public JsonNode sharedBody() {
        if (body == null) {
            throw new IllegalStateException(this + " is redacted: its body was erased");
        }
        return body;
    }

    public KeyId key() {
        return key;
    }

    public String sig() {
        return sig;
    }

    /** JCS form without {@code sig}: the bytes the signature covers. */
    public byte[] signingBytes() {
        return signed();
    }

    /**
     * The bytes the signature covers, made when asked for and not kept: a pull verifies only the last
     * envelope of each run with Ed25519 (the others are vouched for by the hash chain, see {@link
     * #vouchFrom}), so keeping them cost every envelope a copy of its body that was never read (issue 14).
     */
    private byte[] signed() {
        return version == VERSION ? assemble(null, canonicalBytes, BODY_MEMBER.length) : assembleV2(null, null);
    }

    /**
     * JCS form of the whole envelope: the wire and storage form. In version 1 the input of {@link
     * #hash()}; in version 2 the hash covers {@link #redactedBytes()}.
     */
    public byte[] canonicalBytes() {
        return canonicalBytes.clone();
    }

    public String canonicalJson() {
        return new String(canonicalBytes, StandardCharsets.UTF_8);
    }

    /**
     * {@code sha256:} of the canonical form ({@code sig} included, and in version 2 body and salt left
     * out); what the next envelope's prev names.
     */
    public String hash() {
        return hash;
    }

    /** A tree of the whole envelope, for embedding in API answers. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("v", version);
        n.put("origin", origin.value());
        n.put("seq", seq);
        if (prev == null) {
            n.putNull("prev");
        } else {
            n.put("prev", prev);
        }
        n.put("ts", ts);
        n.put("type", type.wire());
        if (bodyDigest != null) {
            n.put("body_digest", bodyDigest);
        }
        if (body != null) {
            n.set("body", body.deepCopy());
        }
        if (salt != null) {
            n.put("salt", salt);
        }
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
        return origin + "#" + seq + " " + type.wire() + " " + hash + (version == VERSION ? "" : " v" + version);
    }
}
