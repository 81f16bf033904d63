package org.tsunagu.protocol.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.sign.StructuredFields.ByteSequence;
import org.tsunagu.protocol.sign.StructuredFields.Item;
import org.tsunagu.protocol.sign.StructuredFields.Member;

/**
 * The {@code Content-Digest} field of RFC 9530: a Structured Field Dictionary from algorithm to the
 * digest of the content as a byte sequence, e.g. {@code sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:}.
 * We send {@code sha-256} and require it on receipt; a {@code sha-512} member, when also present, is
 * checked too, and other (deprecated or unknown) algorithms are ignored as RFC 9530 §2 allows.
 */
public final class ContentDigest {
    public static final String HEADER = "Content-Digest";

    private ContentDigest() {}

    /** The field value for {@code body}: {@code sha-256=:base64(SHA-256(body)):}. */
    public static String sha256(byte[] body) {
        return "sha-256=" + StructuredFields.serializeBareItem(ByteSequence.of(Hashes.digest(body)));
    }

    /**
     * Checks {@code fieldValue} against {@code body} (comparison need not be constant-time: the digest
     * of a public body is no secret).
     *
     * @throws MalformedMessageException if the value is not a dictionary of byte sequences
     * @throws InvalidSignatureException if it has no {@code sha-256} member, or a digest does not match
     */
    public static void verify(String fieldValue, byte[] body) {
        Map<String, Member> digests = StructuredFields.parseDictionary(fieldValue, HEADER);
        if (!digests.containsKey("sha-256")) {
            throw new InvalidSignatureException(HEADER, "Content-Digest must carry sha-256");
        }
        for (Map.Entry<String, Member> e : digests.entrySet()) {
            String jdkName = switch (e.getKey()) {
                case "sha-256" -> "SHA-256";
                case "sha-512" -> "SHA-512";
                default -> null;
            };
            if (jdkName == null) {
                continue;
            }
            if (!(e.getValue() instanceof Item item) || !(item.value() instanceof ByteSequence expected)) {
                throw new MalformedMessageException(HEADER, e.getKey() + " must be a byte sequence (:base64:)");
            }
            if (!Arrays.equals(expected.decode(), digest(jdkName, body))) {
                throw new InvalidSignatureException(
                        HEADER, "Content-Digest " + e.getKey() + " does not match the body");
            }
        }
    }

    private static byte[] digest(String algorithm, byte[] body) {
        try {
            return MessageDigest.getInstance(algorithm).digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by the Java platform", e);
        }
    }
}
