package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.cli.KeyFile;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * This node's signing key, in memory and in {@code node.key}, and its rotation (DESIGN §4): a fresh key
 * is written to {@code node.key.next} (0600) BEFORE the {@code key.rotate} naming it is signed by the
 * old key, then takes the place of {@code node.key}; the old private key is archived as {@code
 * node.key.retired-SEQ} or deleted. A crash between the two steps is repaired on the next start by
 * {@link #recover}: whichever file holds the key the log now names is used.
 */
public final class NodeKeys {
    private static final Logger LOG = LoggerFactory.getLogger(NodeKeys.class);

    /** What {@code POST /admin/v1/keys/rotate} answers; never any private material. */
    public record Rotation(
            @JsonProperty("seq") long seq,
            @JsonProperty("hash") String hash,
            @JsonProperty("old_key") String oldKey,
            @JsonProperty("new_key") String newKey,
            @JsonProperty("new_key_fingerprint") String newKeyFingerprint,
            @JsonProperty("old_private_key") String oldPrivateKey) {}

    private final Path keyFile;
    private final Publisher publisher;
    private final SecureRandom random;
    private final AtomicReference<Ed25519KeyPair> current;

    public NodeKeys(Path keyFile, Ed25519KeyPair key, Publisher publisher, SecureRandom random) {
        this.keyFile = keyFile;
        this.publisher = publisher;
        this.random = random;
        this.current = new AtomicReference<>(key);
    }

    /** The key that signs now (envelopes and peer requests). */
    public Ed25519KeyPair current() {
        return current.get();
    }

    /** Signs {@code key.rotate} with the current key and switches to a new one. Serialised. */
    public synchronized Rotation rotate(boolean keepOld) {
        Ed25519KeyPair old = current.get();
        Ed25519KeyPair next = Ed25519KeyPair.generate(random);
        Path nextFile = sibling(".next");
        try {
            Files.deleteIfExists(nextFile);
            KeyFile.write(nextFile, next);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the new key; nothing was rotated", e);
        }
        Envelope e = publisher.rotateKey(next);
        current.set(next);
        String archived;
        try {
            if (keepOld) {
                Path retired = sibling(".retired-" + e.seq());
                Files.move(keyFile, retired, StandardCopyOption.ATOMIC_MOVE);
                archived = "kept as " + retired.getFileName();
            } else {
                Files.deleteIfExists(keyFile);
                archived = "deleted";
            }
            Files.move(nextFile, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            // The log already names the new key; the next start finds it in node.key.next.
            throw new UncheckedIOException(
                    "the key rotated at seq " + e.seq() + " but " + keyFile
                            + " could not be replaced; node.key.next holds the new key",
                    ex);
        }
        LOG.info(
                "rotated the node key at seq {}: new key fingerprint {}, old private key {}",
                e.seq(),
                next.publicKey().keyId().fingerprint(),
                archived);
        return new Rotation(
                e.seq(),
                e.hash(),
                old.publicKey().keyId().value(),
                next.publicKey().keyId().value(),
                next.publicKey().keyId().fingerprint(),
                keepOld ? "kept" : "deleted");
    }

    /**
     * The key to sign with, given {@code read} from {@code node.key} and the key the log names now:
     * after a crash in the middle of a rotation, the new key is in {@code node.key.next}; it is moved
     * into place.
     */
    public static Ed25519KeyPair recover(Path keyFile, Ed25519KeyPair read, Optional<KeyId> pinned) {
        Path nextFile = keyFile.resolveSibling(keyFile.getFileName() + ".next");
        if (pinned.isEmpty() || pinned.get().equals(read.publicKey().keyId()) || !Files.isRegularFile(nextFile)) {
            return read;
        }
        Ed25519KeyPair next = KeyFile.read(nextFile);
        if (!pinned.get().equals(next.publicKey().keyId())) {
            return read;
        }
        try {
            Files.move(nextFile, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the interrupted key rotation", e);
        }
        LOG.warn("finished an interrupted key rotation: {} now holds the key the log names", keyFile);
        return next;
    }

    private Path sibling(String suffix) {
        return keyFile.resolveSibling(keyFile.getFileName() + suffix);
    }
}
