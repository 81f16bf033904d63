package org.tsunagu.node.home;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The node's signing key on disk ({@code node.key}, 0600): {@code {"key": "ed25519:…", "seed": "…"}}.
 * The key id is stored beside the seed so that a damaged or swapped file is noticed at start rather
 * than after the node has signed with an unexpected key.
 */
public final class KeyFile {
    private KeyFile() {}

    public static void write(Path file, Ed25519KeyPair key) throws IOException {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("key", key.publicKey().keyId().value());
        json.put("seed", Base64Url.encode(key.seed()));
        PrivateFiles.writeNew(file, CanonicalJson.canonicalString(json) + "\n");
    }

    /**
     * @throws NodeFileException if the file is missing, unreadable or does not hold a consistent key
     */
    public static Ed25519KeyPair read(Path file) {
        JsonNode json;
        try {
            json = StrictJson.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new NodeFileException(file, "cannot read the key file: " + e.getMessage());
        } catch (ProtocolException e) {
            throw new NodeFileException(file, "the key file is not valid JSON");
        }
        if (!json.isObject() || !Set.of("key", "seed").equals(memberNames(json))) {
            throw new NodeFileException(file, "the key file must hold exactly {\"key\", \"seed\"}");
        }
        try {
            Ed25519KeyPair key =
                    Ed25519KeyPair.fromSeed(Base64Url.decode(json.path("seed").asText(null), "$.seed"));
            KeyId stored = KeyId.parse(json.path("key").asText(null), "$.key");
            if (!stored.equals(key.publicKey().keyId())) {
                throw new NodeFileException(file, "the seed does not belong to key " + stored.value());
            }
            return key;
        } catch (ProtocolException e) {
            // The message never quotes the seed.
            throw new NodeFileException(file, "bad key file at " + e.path() + ": " + e.getMessage());
        }
    }

    private static Set<String> memberNames(JsonNode json) {
        Set<String> names = new HashSet<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
