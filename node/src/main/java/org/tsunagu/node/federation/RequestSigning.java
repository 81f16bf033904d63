package org.tsunagu.node.federation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tsunagu.protocol.KeyId;

/**
 * RFC 9421 message signatures for peer requests (DESIGN §5: alg ed25519, keyid = the sender's key id,
 * covering {@code @method}, {@code @target-uri}, {@code content-digest} and {@code created}).
 */
public interface RequestSigning {
    /** The headers to add to a request: Content-Digest, Signature-Input, Signature. */
    Map<String, String> sign(String method, URI target, byte[] body);

    /**
     * Checks a received request's signature and digest with the key its keyid names.
     *
     * @param headers header values by (case-insensitive) name
     * @return the key id that signed it; the caller decides whether that key is trusted
     * @throws org.tsunagu.protocol.ProtocolException when the signature is missing, stale or wrong
     */
    KeyId verify(String method, URI target, Function<String, List<String>> headers, byte[] body);
}
