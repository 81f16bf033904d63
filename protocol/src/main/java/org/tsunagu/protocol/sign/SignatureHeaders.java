package org.tsunagu.protocol.sign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.sign.StructuredFields.ByteSequence;
import org.tsunagu.protocol.sign.StructuredFields.InnerList;
import org.tsunagu.protocol.sign.StructuredFields.Item;
import org.tsunagu.protocol.sign.StructuredFields.Member;

/**
 * Reads and writes the {@code Signature-Input} and {@code Signature} fields (RFC 9421 §4), which are
 * Structured Field Dictionaries keyed by a signature label. Several field lines of one name are joined
 * with ", " first, as RFC 9110 §5.3 allows.
 */
public final class SignatureHeaders {
    public static final String SIGNATURE_INPUT = "Signature-Input";
    public static final String SIGNATURE = "Signature";

    private SignatureHeaders() {}

    /**
     * Every signature the request carries, in the order of its {@code Signature-Input} members.
     *
     * @throws InvalidSignatureException if the request carries neither field (it is not signed)
     * @throws MalformedMessageException if either field is missing while the other is present, is not a
     *     well-formed dictionary, repeats a label, or the two fields do not name the same labels
     */
    public static List<ReceivedSignature> parse(SignableRequest request) {
        List<String> inputLines = request.headerValues(SIGNATURE_INPUT);
        List<String> signatureLines = request.headerValues(SIGNATURE);
        if (inputLines.isEmpty() && signatureLines.isEmpty()) {
            throw new InvalidSignatureException(
                    SIGNATURE, "the request is not signed (no Signature-Input or Signature)");
        }
        if (inputLines.isEmpty() || signatureLines.isEmpty()) {
            throw new MalformedMessageException(
                    inputLines.isEmpty() ? SIGNATURE_INPUT : SIGNATURE,
                    "Signature-Input and Signature must be sent together");
        }
        return parse(String.join(", ", inputLines), String.join(", ", signatureLines));
    }

    /**
     * Parses the two field values.
     *
     * @throws MalformedMessageException as {@link #parse(SignableRequest)}
     */
    public static List<ReceivedSignature> parse(String signatureInput, String signature) {
        Map<String, Member> inputs = StructuredFields.parseDictionary(signatureInput, SIGNATURE_INPUT);
        Map<String, Member> signatures = StructuredFields.parseDictionary(signature, SIGNATURE);
        if (inputs.isEmpty()) {
            throw new MalformedMessageException(SIGNATURE_INPUT, "Signature-Input has no member");
        }
        if (!inputs.keySet().equals(signatures.keySet())) {
            throw new MalformedMessageException(
                    SIGNATURE,
                    "labels differ: Signature-Input has " + inputs.keySet() + ", Signature has " + signatures.keySet());
        }
        List<ReceivedSignature> result = new ArrayList<>();
        for (Map.Entry<String, Member> e : inputs.entrySet()) {
            String label = e.getKey();
            result.add(new ReceivedSignature(
                    label, signatureParameters(label, e.getValue()), signatureBytes(label, signatures.get(label))));
        }
        return List.copyOf(result);
    }

    /** One {@code Signature-Input} member: {@code label=("@method" ...);created=...}. */
    public static String signatureInputMember(String label, SignatureParameters parameters) {
        return requireLabel(label) + "=" + parameters.serialize();
    }

    /** One {@code Signature} member: {@code label=:base64:}. */
    public static String signatureMember(String label, byte[] signature) {
        return requireLabel(label) + "=" + StructuredFields.serializeBareItem(ByteSequence.of(signature));
    }

    private static SignatureParameters signatureParameters(String label, Member member) {
        if (!(member instanceof InnerList list)) {
            throw new MalformedMessageException(
                    SIGNATURE_INPUT, "member " + label + " must be an inner list of components");
        }
        List<String> components = new ArrayList<>();
        for (Item item : list.items()) {
            if (!(item.value() instanceof String name)) {
                throw new MalformedMessageException(
                        SIGNATURE_INPUT, "member " + label + ": a component identifier must be a string");
            }
            if (!item.params().isEmpty()) {
                throw new MalformedMessageException(
                        SIGNATURE_INPUT,
                        "member " + label + ": component parameters ("
                                + item.params().keySet() + ") are not supported");
            }
            components.add(name);
        }
        return new SignatureParameters(components, new LinkedHashMap<>(list.params()));
    }

    private static byte[] signatureBytes(String label, Member member) {
        if (!(member instanceof Item item) || !(item.value() instanceof ByteSequence bytes)) {
            throw new MalformedMessageException(SIGNATURE, "member " + label + " must be a byte sequence (:base64:)");
        }
        return bytes.decode();
    }

    private static String requireLabel(String label) {
        if (label == null || !StructuredFields.isKey(label)) {
            throw new IllegalArgumentException("signature label must be a structured-field key: " + label);
        }
        return label;
    }
}
