package org.tsunagu.node.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class KeyFileTest {
    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void read_writtenKey_returnsSameKey() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        Path file = dir.resolve("node.key");
        KeyFile.write(file, key);
        assertEquals(key.publicKey(), KeyFile.read(file).publicKey());
        assertFalse(PrivateFiles.readableByOthers(file));
    }

    @Test
    void read_seedOfAnotherKey_failsWithoutShowingTheSeed() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        Ed25519KeyPair other = Ed25519KeyPair.generate(random);
        String seed = Base64Url.encode(other.seed());
        Path file = dir.resolve("node.key");
        Files.writeString(file, "{\"key\":\"" + key.publicKey().keyId().value() + "\",\"seed\":\"" + seed + "\"}");
        NodeFileException e = assertThrows(NodeFileException.class, () -> KeyFile.read(file));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        assertFalse(e.getMessage().contains(seed));
    }

    @Test
    void read_extraMember_fails() throws Exception {
        Path file = dir.resolve("node.key");
        Files.writeString(file, "{\"key\":\"x\",\"seed\":\"y\",\"z\":1}");
        assertThrows(NodeFileException.class, () -> KeyFile.read(file));
    }

    @Test
    void read_missingFile_namesTheFile() {
        NodeFileException e = assertThrows(NodeFileException.class, () -> KeyFile.read(dir.resolve("none")));
        assertTrue(e.getMessage().contains("none"));
    }
}
