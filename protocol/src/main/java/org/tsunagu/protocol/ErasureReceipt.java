package org.tsunagu.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * A node's signed acknowledgement that it applied an {@code org.erase} (SPEC §6.11): {@code {"type":
 * "erasure.receipt", "erase", "origin", "seq", "hub", "key", "ts", "sig"}}, where {@code erase} is the
 * hash of the erase envelope at {@code origin}/{@code seq}, {@code hub} the node that applied it and
 * {@code key} the key id it signed with. The signature covers the canonical form without {@code sig};
 * anyone holding the receipt can check it with the key it names, and anyone holding {@code hub}'s log
 * can check that the key is {@code hub}'s.
 */
public record ErasureReceipt(String erase, HubId origin, long seq, HubId hub, KeyId key, String ts, String sig) {
    /** Tells a receipt from an envelope (which has {@code v}) and from anything else signed with the key. */
    public static final String TYPE = "erasure.receipt";

    private static final Set<String> MEMBERS = Set.of("type", "erase", "origin", "seq", "hub", "key", "ts", "sig");

    public ErasureReceipt {
        Objects.requireNonNull(erase, "erase");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(sig, "sig");
    }

    /** {@code hub}'s receipt for {@code erase}, signed now with {@code signer}. */
    public static ErasureReceipt sign(Envelope erase, HubId hub, Instant now, Ed25519KeyPair signer) {
        if (erase.type() != UpdateType.ORG_ERASE) {
            throw new IllegalArgumentException("not an org.erase: " + erase);
        }
        ObjectNode unsigned = body(
                erase.hash(),
                erase.origin(),
                erase.seq(),
                hub,
                signer.publicKey().keyId(),
                Envelope.formatTimestamp(now));
        byte[] signature = signer.sign(CanonicalJson.canonicalize(unsigned));
        return new ErasureReceipt(
                erase.hash(),
                erase.origin(),
                erase.seq(),
                hub,
                signer.publicKey().keyId(),
                Envelope.formatTimestamp(now),
                Base64Url.encode(signature));
    }

    /**
     * Parses a receipt strictly (exactly its members, each in form) and checks its signature with the key
     * it names.
     *
     * @throws MalformedMessageException naming the member at fault
     * @throws InvalidSignatureException if the signature does not verify
     */
    public static ErasureReceipt parseVerified(byte[] json) {
        JsonNode node = StrictJson.parse(json);
        if (!node.isObject()) {
            throw new MalformedMessageException("$", "a receipt is a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!MEMBERS.contains(name)) {
                throw new MalformedMessageException("$." + HubId.shorten(name), "unknown member");
            }
        }
        if (!TYPE.equals(node.path("type").asText(null))) {
            throw new MalformedMessageException("$.type", "must be " + TYPE);
        }
        JsonNode seqNode = node.path("seq");
        if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.longValue() < 1) {
            throw new MalformedMessageException("$.seq", "seq is a positive integer");
        }
        String ts = text(node, "ts");
        Envelope.parseTimestamp(ts, "$.ts");
        ErasureReceipt r = new ErasureReceipt(
                Hashes.requireHash(text(node, "erase"), "$.erase"),
                HubId.parse(text(node, "origin"), "$.origin"),
                seqNode.longValue(),
                HubId.parse(text(node, "hub"), "$.hub"),
                KeyId.parse(text(node, "key"), "$.key"),
                ts,
                text(node, "sig"));
        byte[] signature = Base64Url.decode(r.sig, "$.sig");
        r.key.publicKey().verify(r.signingBytes(), signature, "$.sig");
        return r;
    }

    private static String text(JsonNode node, String name) {
        JsonNode m = node.get(name);
        if (m == null || !m.isTextual()) {
            throw new MalformedMessageException("$." + name, name + " is a string");
        }
        return m.textValue();
    }

    private static ObjectNode body(String erase, HubId origin, long seq, HubId hub, KeyId key, String ts) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", TYPE);
        n.put("erase", erase);
        n.put("origin", origin.value());
        n.put("seq", seq);
        n.put("hub", hub.value());
        n.put("key", key.value());
        n.put("ts", ts);
        return n;
    }

    /** The canonical form without {@code sig}: what the signature covers. */
    public byte[] signingBytes() {
        return CanonicalJson.canonicalize(body(erase, origin, seq, hub, key, ts));
    }

    /** The canonical form, as sent and stored. */
    public String canonicalJson() {
        ObjectNode n = body(erase, origin, seq, hub, key, ts);
        n.put("sig", sig);
        return new String(CanonicalJson.canonicalize(n), StandardCharsets.UTF_8);
    }
}
