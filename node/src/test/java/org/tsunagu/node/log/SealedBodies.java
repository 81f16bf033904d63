package org.tsunagu.node.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;

/** Sealed {@code org.upsert} bodies (SPEC §6.10) as an origin makes them, for tests that ingest them. */
public final class SealedBodies {
    private SealedBodies() {}

    /**
     * {@code clear} with {@code sealed} set to {@code part} sealed for {@code to} (recipient hub and the
     * key sealed to), for the envelope {@code origin} signs at {@code seq}.
     */
    public static ObjectNode seal(
            HubId origin,
            long seq,
            ObjectNode clear,
            ObjectNode part,
            Map<HubId, EncryptionKeyPair> to,
            SecureRandom random) {
        Map<HubId, EncryptionKeyId> recipients = new LinkedHashMap<>();
        to.forEach((hub, key) -> recipients.put(hub, key.keyId()));
        ObjectNode body = clear.deepCopy();
        body.set(
                "sealed",
                Sealing.seal(
                        part,
                        new SealIdentity(
                                origin,
                                seq,
                                UpdateType.ORG_UPSERT,
                                clear.get("id").asText()),
                        recipients,
                        random));
        return body;
    }
}
