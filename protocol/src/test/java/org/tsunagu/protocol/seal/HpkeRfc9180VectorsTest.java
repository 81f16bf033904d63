package org.tsunagu.protocol.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * RFC 9180 Appendix A.1 and A.2 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, with AES-128-GCM and with
 * ChaCha20Poly1305; modes base, psk, auth, authpsk) against BouncyCastle's HPKE, which {@link
 * HpkeSuite} uses. The vectors are read unchanged from {@code vectors/hpke/} (see its SOURCES.md).
 */
class HpkeRfc9180VectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    /** One "Setup Information" block with its encryptions and exports. */
    record Block(
            String title,
            Map<String, String> setup,
            List<Map<String, String>> encryptions,
            List<Map<String, String>> exports) {
        byte[] hex(String name) {
            return HEX.parseHex(setup.get(name));
        }

        int mode() {
            return Integer.parseInt(setup.get("mode"));
        }
    }

    static List<Block> blocks() throws IOException {
        String text;
        try (InputStream in =
                HpkeRfc9180VectorsTest.class.getResourceAsStream("/vectors/hpke/rfc9180-x25519-vectors.md")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Block> blocks = new ArrayList<>();
        String suite = null;
        String section = null;
        Block current = null;
        boolean inCode = false;
        Map<String, String> record = null;
        String last = null;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("~~~")) {
                inCode = !inCode;
                record = null;
                continue;
            }
            if (!inCode) {
                if (line.startsWith("## ")) {
                    suite = line.substring(3).trim();
                } else if (line.startsWith("### ")) {
                    current = new Block(
                            suite + " / " + line.substring(4).trim(),
                            new LinkedHashMap<>(),
                            new ArrayList<>(),
                            new ArrayList<>());
                    blocks.add(current);
                    section = "setup";
                } else if (line.startsWith("#### ")) {
                    section = line.contains("Encryptions") ? "enc" : "exp";
                }
                continue;
            }
            if (line.isBlank()) {
                record = null;
                continue;
            }
            if (record == null) {
                record = switch (section) {
                    case "setup" -> current.setup();
                    case "enc" -> add(current.encryptions());
                    default -> add(current.exports());
                };
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                last = line.substring(0, colon).trim();
                record.put(last, line.substring(colon + 1).trim());
            } else {
                record.put(last, record.get(last) + line.trim()); // a wrapped hex value
            }
        }
        return blocks;
    }

    private static Map<String, String> add(List<Map<String, String>> list) {
        Map<String, String> m = new LinkedHashMap<>();
        list.add(m);
        return m;
    }

    private static HPKE hpke(Block b) {
        return new HPKE(
                (byte) b.mode(),
                Short.parseShort(b.setup().get("kem_id")),
                Short.parseShort(b.setup().get("kdf_id")),
                Short.parseShort(b.setup().get("aead_id")));
    }

    private static HPKEContext receiver(HPKE hpke, Block b, AsymmetricCipherKeyPair r) {
        byte[] enc = b.hex("enc");
        byte[] info = b.hex("info");
        return switch (b.mode()) {
            case 0 -> hpke.setupBaseR(enc, r, info);
            case 1 -> hpke.setupPSKR(enc, r, info, b.hex("psk"), b.hex("psk_id"));
            case 2 -> hpke.setupAuthR(enc, r, info, hpke.deserializePublicKey(b.hex("pkSm")));
            default ->
                hpke.setupAuthPSKR(
                        enc, r, info, b.hex("psk"), b.hex("psk_id"), hpke.deserializePublicKey(b.hex("pkSm")));
        };
    }

    /** A fresh context moved to sequence number {@code seq}: every seal or open advances it by one. */
    private static HPKEContext at(HPKEContext context, long seq) throws InvalidCipherTextException {
        for (long i = 0; i < seq; i++) {
            context.seal(new byte[0], new byte[0]);
        }
        return context;
    }

    private static byte[] publicOf(HPKE hpke, byte[] sk) {
        return hpke.serializePublicKey(hpke.deserializePrivateKey(sk, null).getPublic());
    }

    @Test
    void blocks_allEightSuitesAndModes_present() throws IOException {
        List<Block> blocks = blocks();
        assertEquals(8, blocks.size());
        for (Block b : blocks) {
            assertEquals(6, b.encryptions().size(), b.title());
            assertEquals(3, b.exports().size(), b.title());
        }
    }

    @TestFactory
    Stream<DynamicTest> rfc9180_everyBlock_keysContextCiphertextsAndExportsMatch() throws IOException {
        return blocks().stream()
                .map(b -> DynamicTest.dynamicTest(b.title(), () -> {
                    HPKE hpke = hpke(b);
                    AsymmetricCipherKeyPair e = hpke.deriveKeyPair(b.hex("ikmE"));
                    assertArrayEquals(b.hex("pkEm"), hpke.serializePublicKey(e.getPublic()), "pkEm");
                    // BouncyCastle stores X25519 scalars clamped; the RFC prints them unclamped: compare through
                    // the public key each one gives.
                    assertArrayEquals(b.hex("pkEm"), publicOf(hpke, b.hex("skEm")), "skEm");
                    AsymmetricCipherKeyPair r = hpke.deriveKeyPair(b.hex("ikmR"));
                    assertArrayEquals(b.hex("pkRm"), hpke.serializePublicKey(r.getPublic()), "pkRm");
                    assertArrayEquals(b.hex("pkRm"), publicOf(hpke, b.hex("skRm")), "skRm");
                    if (b.setup().containsKey("ikmS")) {
                        AsymmetricCipherKeyPair s = hpke.deriveKeyPair(b.hex("ikmS"));
                        assertArrayEquals(b.hex("pkSm"), hpke.serializePublicKey(s.getPublic()), "pkSm");
                    }
                    for (Map<String, String> enc : b.encryptions()) {
                        long seq = Long.parseLong(enc.get("sequence number"));
                        byte[] pt = HEX.parseHex(enc.get("pt"));
                        byte[] aad = HEX.parseHex(enc.get("aad"));
                        byte[] ct = HEX.parseHex(enc.get("ct"));
                        assertArrayEquals(pt, at(receiver(hpke, b, r), seq).open(aad, ct), "open seq " + seq);
                        byte[] flipped = ct.clone();
                        flipped[0] ^= 1;
                        assertThrows(
                                InvalidCipherTextException.class,
                                () -> at(receiver(hpke, b, r), seq).open(aad, flipped));
                        if (b.mode() == 0) {
                            // The sender side, with the vector's ephemeral key.
                            HPKEContextWithEncapsulation sender =
                                    hpke.setupBaseS(hpke.deserializePublicKey(b.hex("pkRm")), b.hex("info"), e);
                            assertArrayEquals(b.hex("enc"), sender.getEncapsulation(), "enc");
                            assertArrayEquals(ct, at(sender, seq).seal(aad, pt), "seal seq " + seq);
                        }
                    }
                    for (Map<String, String> exp : b.exports()) {
                        byte[] context = HEX.parseHex(exp.get("exporter_context"));
                        int length = Integer.parseInt(exp.get("L"));
                        assertArrayEquals(
                                HEX.parseHex(exp.get("exported_value")),
                                receiver(hpke, b, r).export(context, length));
                    }
                }));
    }

    @Test
    void hpkeSuite_isTheChaCha20Poly1305BaseSuiteOfTheVectors() throws Exception {
        Block b = blocks().stream()
                .filter(x -> x.mode() == 0 && "3".equals(x.setup().get("aead_id")))
                .findFirst()
                .orElseThrow();
        HPKE ours = HpkeSuite.hpke();
        assertEquals(HPKE.aead_CHACHA20_POLY1305, ours.getAeadId());
        AsymmetricCipherKeyPair r = ours.deriveKeyPair(b.hex("ikmR"));
        Map<String, String> first = b.encryptions().get(0);
        assertArrayEquals(
                HEX.parseHex(first.get("pt")),
                ours.setupBaseR(b.hex("enc"), r, b.hex("info"))
                        .open(HEX.parseHex(first.get("aad")), HEX.parseHex(first.get("ct"))));
    }
}
