package org.tsunagu.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.MalformedMessageException;

class Ed25519KeyPairTest {
    @Test
    void fromSeed_wrongLength_throwsMalformed() {
        assertThrows(MalformedMessageException.class, () -> Ed25519KeyPair.fromSeed(new byte[31]));
        assertThrows(MalformedMessageException.class, () -> Ed25519KeyPair.fromSeed(null));
    }

    @Test
    void fromSeed_callerChangesArray_keyUnchanged() {
        byte[] seed = new byte[32];
        Ed25519KeyPair pair = Ed25519KeyPair.fromSeed(seed);
        byte[] before = pair.publicKey().toBytes();
        seed[0] = 42;
        pair.seed()[1] = 42;
        assertArrayEquals(
                before, Ed25519KeyPair.fromSeed(pair.seed()).publicKey().toBytes());
        assertArrayEquals(new byte[32], pair.seed());
    }

    @Test
    void toString_neverShowsSeed() {
        Ed25519KeyPair pair = Ed25519KeyPair.generate(new SecureRandom());
        String text = pair.toString();
        String seedHex = HexFormat.of().formatHex(pair.seed());
        String seedB64 = Base64.getEncoder().encodeToString(pair.seed());
        String seedB64Url = Base64Url.encode(pair.seed());
        assertFalse(text.contains(seedHex) || text.contains(seedB64) || text.contains(seedB64Url.substring(0, 20)));
    }

    @Test
    void generate_twice_givesDifferentKeys() {
        SecureRandom random = new SecureRandom();
        assertNotEquals(
                Ed25519KeyPair.generate(random).publicKey(),
                Ed25519KeyPair.generate(random).publicKey());
    }
}
