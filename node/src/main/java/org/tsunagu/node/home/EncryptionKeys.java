package org.tsunagu.node.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;

/**
 * The hub's X25519 encryption keys (SPEC §6.10) in {@code DATA/encryption-keys/}: one 0600 file per
 * key, {@code 000001.key}, {@code 000002.key} …, each holding base64url of the 32 private-key bytes.
 * The highest number is the current key, published in the hub's profile; the others are kept so that
 * records sealed to them still open after a rotation. A file is never rewritten: rotating adds the
 * next one, so a crash mid-rotation leaves either the old set or the new one.
 */
public final class EncryptionKeys {
    public static final String FOLDER = "encryption-keys";

    private final Path folder;
    private final SecureRandom random;
    private final Map<EncryptionKeyId, EncryptionKeyPair> byId = new ConcurrentHashMap<>();
    private final List<EncryptionKeyId> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile EncryptionKeyPair current;
    private int number;

    private EncryptionKeys(Path folder, SecureRandom random) {
        this.folder = folder;
        this.random = random;
    }

    /**
     * The keys in {@code dataDir} if it has any, for reading only ({@code verify}'s replay opens the
     * records this hub opened); nothing is created.
     */
    public static java.util.Optional<EncryptionKeys> existing(Path dataDir) {
        return Files.isDirectory(dataDir.resolve(FOLDER))
                ? java.util.Optional.of(open(dataDir, new SecureRandom()))
                : java.util.Optional.empty();
    }

    /** Loads the keys in {@code dataDir}, creating the folder and a first key if there is none. */
    public static EncryptionKeys open(Path dataDir, SecureRandom random) {
        EncryptionKeys keys = new EncryptionKeys(dataDir.resolve(FOLDER), Objects.requireNonNull(random));
        try {
            if (!Files.isDirectory(keys.folder)) {
                PrivateFiles.createDirectory(keys.folder);
            }
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(keys.folder)) {
                s.filter(p -> p.getFileName().toString().matches("[0-9]{6}\\.key"))
                        .sorted()
                        .forEach(files::add);
            }
            for (Path file : files) {
                keys.load(file);
            }
            if (keys.current == null) {
                keys.rotate();
            }
            return keys;
        } catch (IOException e) {
            throw new NodeFileException(keys.folder, "cannot read the encryption keys: " + e.getMessage());
        }
    }

    private void load(Path file) throws IOException {
        String text = Files.readString(file).strip();
        EncryptionKeyPair key;
        try {
            key = EncryptionKeyPair.fromPrivateKey(Base64Url.decode(text, "$"));
        } catch (ProtocolException | IllegalArgumentException e) {
            // The message never quotes the key.
            throw new NodeFileException(file, "not an X25519 private key in base64url");
        }
        byId.put(key.keyId(), key);
        order.add(key.keyId());
        current = key;
        number = Integer.parseInt(file.getFileName().toString().substring(0, 6));
    }

    /** The key published in the profile: new records are sealed to it. */
    public EncryptionKeyId current() {
        return current.keyId();
    }

    /** The key pair with this public key, current or retired; null if this hub never had it. */
    public EncryptionKeyPair find(EncryptionKeyId id) {
        return byId.get(id);
    }

    /** Every key id held, oldest first; the last is {@link #current()}. */
    public List<EncryptionKeyId> all() {
        return List.copyOf(order);
    }

    /**
     * Draws a new key and makes it current, keeping the old ones. Sign a new profile afterwards so
     * that other hubs seal to it.
     */
    public synchronized EncryptionKeyId rotate() {
        EncryptionKeyPair next = EncryptionKeyPair.generate(random);
        Path file = folder.resolve(String.format("%06d.key", number + 1));
        try {
            PrivateFiles.writeNew(file, Base64Url.encode(next.privateKeyBytes()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        number++;
        byId.put(next.keyId(), next);
        order.add(next.keyId());
        current = next;
        return next.keyId();
    }
}
