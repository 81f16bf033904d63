package org.tsunagu.node.federation;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The RFC 9421 profile of DESIGN §5 for peer requests: one signature labelled {@code sig1} covering
 * {@code "@method" "@target-uri" "content-digest"} with {@code created}, {@code keyid} (the sender's key
 * id) and {@code alg="ed25519"}; the body's RFC 9530 {@code Content-Digest} is {@code sha-256}. A
 * signature older or newer than {@code maxSkew} is refused, which bounds replays of captured requests.
 */
public final class HttpMessageSigning implements RequestSigning {
    private static final String COMPONENTS = "(\"@method\" \"@target-uri\" \"content-digest\")";
    private static final Pattern INPUT = Pattern.compile(
            "sig1=\\(\"@method\" \"@target-uri\" \"content-digest\"\\);created=(\\d{1,15});keyid=\"([A-Za-z0-9:_-]+)\";"
                    + "alg=\"ed25519\"");
    private static final Pattern SIGNATURE = Pattern.compile("sig1=:([A-Za-z0-9+/=]+):");

    private final Supplier<Ed25519KeyPair> key;
    private final Clock clock;
    private final Duration maxSkew;

    /** @param key the node's current key (it changes on rotation) */
    public HttpMessageSigning(Supplier<Ed25519KeyPair> key, Clock clock, Duration maxSkew) {
        this.key = key;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    @Override
    public Map<String, String> sign(String method, URI target, byte[] body) {
        Ed25519KeyPair k = key.get();
        String digest = digest(body);
        String params = COMPONENTS + ";created=" + clock.instant().getEpochSecond() + ";keyid=\""
                + k.publicKey().keyId().value() + "\";alg=\"ed25519\"";
        byte[] base = base(method, target, digest, params);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Digest", digest);
        h.put("Signature-Input", "sig1=" + params);
        h.put("Signature", "sig1=:" + Base64.getEncoder().encodeToString(k.sign(base)) + ":");
        return h;
    }

    @Override
    public KeyId verify(String method, URI target, Function<String, List<String>> headers, byte[] body) {
        String input = single(headers, "Signature-Input");
        String signature = single(headers, "Signature");
        String digest = single(headers, "Content-Digest");
        Matcher in = INPUT.matcher(input);
        if (!in.matches()) {
            throw new MalformedMessageException(
                    "Signature-Input",
                    "expected sig1 covering @method, @target-uri, content-digest with created, keyid, alg");
        }
        Matcher sig = SIGNATURE.matcher(signature);
        if (!sig.matches()) {
            throw new MalformedMessageException("Signature", "expected sig1=:base64:");
        }
        long created = Long.parseLong(in.group(1));
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - created) > maxSkew.toSeconds()) {
            throw new InvalidSignatureException("Signature-Input", "created is outside the accepted clock window");
        }
        if (!MessageDigest.isEqual(
                digest.getBytes(StandardCharsets.US_ASCII), digest(body).getBytes(StandardCharsets.US_ASCII))) {
            throw new InvalidSignatureException("Content-Digest", "does not match the body");
        }
        KeyId keyId = KeyId.parse(in.group(2), "Signature-Input.keyid");
        byte[] sigBytes;
        try {
            sigBytes = Base64.getDecoder().decode(sig.group(1));
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("Signature", "not base64");
        }
        String params = input.substring("sig1=".length());
        keyId.publicKey().verify(base(method, target, digest, params), sigBytes);
        return keyId;
    }

    private static byte[] base(String method, URI target, String digest, String params) {
        String base = "\"@method\": " + method + "\n\"@target-uri\": " + target + "\n\"content-digest\": " + digest
                + "\n\"@signature-params\": " + params;
        return base.getBytes(StandardCharsets.UTF_8);
    }

    static String digest(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "sha-256=:" + Base64.getEncoder().encodeToString(d) + ":";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String single(Function<String, List<String>> headers, String name) {
        List<String> v = headers.apply(name);
        if (v == null || v.size() != 1 || v.get(0) == null) {
            throw new MalformedMessageException(name, "exactly one " + name + " header is required");
        }
        return v.get(0);
    }
}
