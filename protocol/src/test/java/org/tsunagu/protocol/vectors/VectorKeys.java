package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The deterministic keys of the vectors: each seed is SHA-256 of the UTF-8 bytes of a label, so any
 * implementation can rebuild them and re-sign the cases. Test keys only; never use them for a hub.
 */
final class VectorKeys {
    static final String LABEL_PREFIX = "tsunagu-vectors/";

    final Ed25519KeyPair janic1 = key("jp-janic/1");
    final Ed25519KeyPair janic2 = key("jp-janic/2");
    final Ed25519KeyPair ngo1 = key("th-ngocoord/1");
    final Ed25519KeyPair stranger = key("stranger");

    private final Map<String, Ed25519KeyPair> byLabel = new LinkedHashMap<>();

    VectorKeys() {
        byLabel.put("jp-janic/1", janic1);
        byLabel.put("jp-janic/2", janic2);
        byLabel.put("th-ngocoord/1", ngo1);
        byLabel.put("stranger", stranger);
    }

    static Ed25519KeyPair key(String label) {
        return Ed25519KeyPair.fromSeed(sha256((LABEL_PREFIX + label).getBytes(StandardCharsets.UTF_8)));
    }

    /** A {@code keys} member: label, seed and key id of each labelled key. */
    static com.fasterxml.jackson.databind.node.ArrayNode json(java.util.List<String> labels) {
        com.fasterxml.jackson.databind.node.ArrayNode keys =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (String label : labels) {
            Ed25519KeyPair pair = key(label);
            keys.addObject()
                    .put("label", LABEL_PREFIX + label)
                    .put("seed_hex", java.util.HexFormat.of().formatHex(pair.seed()))
                    .put("key", pair.publicKey().keyId().value());
        }
        return keys;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code keys} member of a vector file. */
    ArrayNode toJson() {
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        byLabel.forEach((label, pair) -> keys.addObject()
                .put("label", LABEL_PREFIX + label)
                .put("seed_hex", HexFormat.of().formatHex(pair.seed()))
                .put("key", pair.publicKey().keyId().value()));
        return keys;
    }
}
