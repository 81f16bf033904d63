package org.tsunagu.protocol.sign;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The header field values {@link HttpSignatures#sign} produced, to be set on the outgoing request
 * (replacing any field of the same name).
 *
 * @param signatureInput value of {@code Signature-Input}
 * @param signature value of {@code Signature}
 * @param contentDigest value of {@code Content-Digest}, or null when the request has no body
 */
public record SignedHeaders(String signatureInput, String signature, String contentDigest) {
    public SignedHeaders {
        Objects.requireNonNull(signatureInput, "signatureInput");
        Objects.requireNonNull(signature, "signature");
    }

    /** Field name to value, {@code Content-Digest} first when present. */
    public Map<String, String> asMap() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (contentDigest != null) {
            fields.put(ContentDigest.HEADER, contentDigest);
        }
        fields.put(SignatureHeaders.SIGNATURE_INPUT, signatureInput);
        fields.put(SignatureHeaders.SIGNATURE, signature);
        return Collections.unmodifiableMap(fields);
    }
}
