package org.tsunagu.node.home;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /**
     * What {@code POST /admin/v1/keys/rotate} answers; never any private material. {@code warning} says
     * what could not be done with the key files after the log had rotated (the rotation stands).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rotation(
            @JsonProperty("seq") long seq,
            @JsonProperty("hash") String hash,
            @JsonProperty("old_key") String oldKey,
            @JsonProperty("new_key") String newKey,
            @JsonProperty("new_key_fingerprint") String newKeyFingerprint,
            @JsonProperty("old_private_key") String oldPrivateKey,
            @JsonProperty("warning") String warning) {}

    /**
     * Where {@code key.rotate} is signed: the node's log (its {@code Publisher}), kept behind this
     * interface so that the home package depends on nothing above it.
     */
    @FunctionalInterface
    public interface RotationLog {
        /**
         * Signs {@code key.rotate} naming {@code next} with the current key.
         *
         * @throws IllegalStateException when the log names another key for this hub than the one held
         */
        Envelope rotateKey(Ed25519KeyPair next);
    }

    private final Path keyFile;
    private final RotationLog publisher;
    private final SecureRandom random;
    private final AtomicReference<Ed25519KeyPair> current;

    public NodeKeys(Path keyFile, Ed25519KeyPair key, RotationLog publisher, SecureRandom random) {
        this.keyFile = keyFile;
        this.publisher = publisher;
        this.random = random;
        this.current = new AtomicReference<>(key);
    }

    /** The key that signs now (envelopes and peer requests). */
    public Ed25519KeyPair current() {
        return current.get();
    }

    /**
     * Signs {@code key.rotate} with the current key and switches to a new one. Serialised. A node whose
     * key is held only in memory (no {@code node.key}, as in some tests and embeddings) rotates too: the
     * new key is written to {@code node.key}, and the old one to {@code node.key.retired-SEQ} if kept.
     *
     * @throws KeyRotationException (federation answers 409) when nothing was rotated because the key files do not allow it
     *     ({@code node.key} holds another key, or the new key cannot be stored)
     */
    public synchronized Rotation rotate(boolean keepOld) {
        Ed25519KeyPair old = current.get();
        boolean onDisk = requireKeyFileHolds(old);
        Ed25519KeyPair next = Ed25519KeyPair.generate(random);
        Path nextFile = sibling(".next");
        try {
            Files.deleteIfExists(nextFile);
            KeyFile.write(nextFile, next);
        } catch (IOException e) {
            throw new KeyRotationException("cannot store the new key as " + nextFile + " ("
                    + e.getClass().getSimpleName() + "); nothing was rotated");
        }
        Envelope e;
        try {
            e = publisher.rotateKey(next);
        } catch (IllegalStateException ex) {
            // The log names another key for this hub than the one this node holds: nothing was signed.
            deleteQuietly(nextFile);
            throw new KeyRotationException(ex.getMessage() + "; nothing was rotated");
        }
        current.set(next);
        String archived = keepOld ? "kept as " + sibling(".retired-" + e.seq()).getFileName() : "deleted";
        String warning = null;
        try {
            Path retired = sibling(".retired-" + e.seq());
            if (onDisk && keepOld) {
                Files.move(keyFile, retired, StandardCopyOption.ATOMIC_MOVE);
            } else if (onDisk) {
                Files.delete(keyFile);
            } else if (keepOld) {
                KeyFile.write(retired, old); // it was held only in memory
            }
            Files.move(nextFile, keyFile, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException ex) {
            // The log already names the new key, and this node signs with it; the next start finds it in
            // node.key.next. Say so rather than fail: the rotation happened and must not be repeated.
            warning = "the key rotated at seq " + e.seq() + " but " + keyFile.getFileName()
                    + " could not be replaced (" + ex.getClass().getSimpleName() + "); "
                    + nextFile.getFileName() + " holds the new key and is moved into place at the next start";
            LOG.error(warning);
        }
        LOG.info(
                "rotated the node key at seq {}: new key fingerprint {}, old private key {}{}",
                e.seq(),
                next.publicKey().keyId().fingerprint(),
                archived,
                onDisk ? "" : " (there was no key file: " + keyFile.getFileName() + " now holds the new key)");
        return new Rotation(
                e.seq(),
                e.hash(),
                old.publicKey().keyId().value(),
                next.publicKey().keyId().value(),
                next.publicKey().keyId().fingerprint(),
                keepOld ? "kept" : "deleted",
                warning);
    }

    /**
     * True when {@code node.key} holds {@code key}, false when there is no key file (the key is held in
     * memory only); refused when it holds anything else, since rotating would then archive or delete the
     * wrong file.
     */
    private boolean requireKeyFileHolds(Ed25519KeyPair key) {
        if (!Files.exists(keyFile)) {
            return false;
        }
        KeyId held;
        try {
            held = KeyFile.read(keyFile).publicKey().keyId();
        } catch (NodeFileException e) {
            throw new KeyRotationException(
                    keyFile.getFileName() + " cannot be read (" + e.getMessage() + "); nothing was rotated");
        }
        KeyId signing = key.publicKey().keyId();
        if (!held.equals(signing)) {
            throw new KeyRotationException(
                    keyFile.getFileName() + " holds key " + held.fingerprint() + ", not the key this node signs with ("
                            + signing.fingerprint() + "); restore it or restart the node with it. Nothing was rotated");
        }
        return true;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", file.getFileName(), e.getClass().getSimpleName());
        }
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
