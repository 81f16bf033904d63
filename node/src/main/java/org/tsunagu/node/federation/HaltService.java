package org.tsunagu.node.federation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.EquivocationEvidence;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.canon.StrictJson;

/**
 * Halted origins for the admin: the evidence (both envelopes, and where each came from) and the
 * decision to resume on the branch the origin's log continues on.
 */
public final class HaltService {
    private static final Logger LOG = LoggerFactory.getLogger(HaltService.class);

    /** One envelope of the evidence; {@code from} is the peer that delivered it, when known. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Side(String hash, JsonNode envelope, String from) {}

    /** One fork of a halted origin. */
    public record Fork(String origin, long seq, Side held, Side conflicting, String detectedAt) {}

    private final NodeLog log;
    private final AlertStore alerts;

    HaltService(NodeLog log, AlertStore alerts) {
        this.log = log;
        this.alerts = alerts;
    }

    public List<Fork> list() {
        List<Fork> out = new ArrayList<>();
        List<Alert> raised = alerts.list(Alert.EQUIVOCATION, 1000);
        for (HubId origin : alerts.haltedOrigins()) {
            for (EquivocationEvidence e : alerts.equivocations(origin)) {
                String from = raised.stream()
                        .filter(a -> origin.value().equals(a.origin())
                                && Long.valueOf(e.seq()).equals(a.seq()))
                        .map(Alert::peer)
                        .filter(p -> p != null)
                        .findFirst()
                        .orElse(null);
                out.add(new Fork(
                        origin.value(),
                        e.seq(),
                        new Side(e.heldHash(), json(e.heldEnvelope()), "held in this node's log"),
                        new Side(e.conflictingHash(), json(e.conflictingEnvelope()), from),
                        e.detectedAt().toString()));
            }
        }
        return out;
    }

    /** Resumes {@code origin} on the branch of the envelope {@code keep} (a hash of its evidence). */
    public void resume(String originText, String keep) {
        HubId origin = HubId.parse(originText, "$.origin");
        if (!alerts.haltedOrigins().contains(origin)) {
            throw new FederationException(404, origin + " is not halted");
        }
        if (keep == null || keep.isBlank()) {
            throw ValidationException.of("$.keep", "required: the hash of the envelope whose branch continues");
        }
        if (!log.resumeHalted(origin, keep)) {
            throw ValidationException.of("$.keep", "not the hash of an envelope in the evidence of " + origin);
        }
        LOG.warn("admin resumed {} on the branch of {}", origin, keep);
    }

    /** Replaces {@code hub}'s pinned key out of band, from the seq after the head held. */
    public void replaceKey(String hubText, String keyText, HubId self) {
        HubId hub = HubId.parse(hubText, "$.hub");
        if (hub.equals(self)) {
            throw new FederationException(409, "this node's own key changes by POST /admin/v1/keys/rotate", "$.hub");
        }
        if (keyText == null) {
            throw ValidationException.of("$.key", "required");
        }
        org.tsunagu.protocol.KeyId key = org.tsunagu.protocol.KeyId.parse(keyText, "$.key");
        try {
            key.publicKey();
        } catch (RuntimeException e) {
            throw ValidationException.of("$.key", "not a usable Ed25519 key");
        }
        if (!log.keys().replace(hub, key)) {
            throw new FederationException(404, "no key of " + hub + " is pinned here");
        }
        LOG.warn("admin replaced the key of {} with fingerprint {}", hub, key.fingerprint());
    }

    private static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
