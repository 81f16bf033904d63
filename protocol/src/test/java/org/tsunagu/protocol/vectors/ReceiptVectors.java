package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.ErasureReceipt;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * {@code erasure-receipts.json} (SPEC §6.11): th-hub's receipt for mm-hub's org.erase at seq 4 of
 * envelopes-v2.json, then tampered twins (each member changed under the same signature, another key's
 * signature, the key of a stranger named) and malformed forms. Ed25519 is deterministic and the time is
 * fixed, so the file is reproducible.
 */
final class ReceiptVectors {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Instant AT = Instant.parse("2026-12-01T04:00:00Z");

    private final Ed25519KeyPair th = VectorKeys.key("th-hub/1");
    private final Ed25519KeyPair stranger = VectorKeys.key("stranger");
    private final Envelope erase = new EnvelopeV2Vectors().log.get(3);
    private final ArrayNode cases = F.arrayNode();

    ArrayNode build() {
        ErasureReceipt good = ErasureReceipt.sign(erase, HubId.of("th-hub"), AT, th);
        String text = good.canonicalJson();
        add("th-hub's receipt for mm-hub/4 (the org.erase of envelopes-v2.json)", text, null, null);
        twin(
                "erase names another envelope (mm-hub/3's hash)",
                text,
                good.erase(),
                new EnvelopeV2Vectors().log.get(2).hash());
        twin("seq changed", text, "\"seq\":4", "\"seq\":3");
        twin("hub changed", text, "\"hub\":\"th-hub\"", "\"hub\":\"ph-hub\"");
        twin("origin changed", text, "\"origin\":\"mm-hub\"", "\"origin\":\"mm-hux\"");
        twin("ts changed", text, "\"ts\":\"2026-12-01T04:00:00Z\"", "\"ts\":\"2026-12-01T04:00:01Z\"");
        ErasureReceipt byStranger = ErasureReceipt.sign(erase, HubId.of("th-hub"), AT, stranger);
        twin("signed by a stranger's key, naming th-hub's key", text, good.sig(), byStranger.sig());
        twin(
                "naming a stranger's key, signed by th-hub's",
                text,
                good.key().value(),
                stranger.publicKey().keyId().value());
        malformed("an unknown member", text.replace("{", "{\"note\":\"x\","), "$.note");
        malformed("type is not erasure.receipt", text.replace("erasure.receipt", "org.erase"), "$.type");
        malformed("no sig", without(text, good.sig()), "$.sig");
        malformed("an envelope is not a receipt", erase.canonicalJson(), "$.body");
        return cases;
    }

    private static String without(String text, String sig) {
        return text.replace(",\"sig\":\"" + sig + "\"", "");
    }

    private void twin(String name, String text, String from, String to) {
        add(name, text.replace(from, to), "signature", "$.sig");
    }

    private void malformed(String name, String text, String path) {
        add(name, text, "malformed", path);
    }

    private void add(String name, String text, String error, String path) {
        ObjectNode c = cases.addObject();
        c.put("name", name);
        c.put("receipt", text);
        ObjectNode expected = c.putObject("expected");
        if (error == null) {
            expected.put("valid", true);
            expected.put("erase", erase.hash());
        } else {
            expected.put("valid", false);
            expected.put("error", error);
            expected.put("path", path);
        }
    }

    /** The {@code keys} member, with seeds as in the other files. */
    ArrayNode keysJson() {
        return VectorKeys.json(List.of("th-hub/1", "stranger"));
    }
}
