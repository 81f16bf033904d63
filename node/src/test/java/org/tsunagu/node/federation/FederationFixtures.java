package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.tsunagu.node.Await;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.canon.StrictJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** Helpers shared by federation tests. */
final class FederationFixtures {
    private FederationFixtures() {}

    static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonNode org(String id, String name) {
        return json("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"country\":\"JP\"}");
    }

    /** The default peer limits but for a request deadline and a page byte budget of a test's choosing. */
    static PeerLimits limitsWith(Duration requestDeadline, long pageBytes) {
        PeerLimits d = PeerLimits.defaults();
        return new PeerLimits(
                d.bodySlots(),
                d.strangerSlots(),
                d.strangerSlotsPerAddress(),
                d.bodyDeadline(),
                requestDeadline,
                d.perPeerRequests(),
                pageBytes,
                d.maxPending(),
                d.pendingExpiry());
    }

    /** A peer client whose requests are signed by {@code key} (a peer's, or a stranger's). */
    static PeerClient clientSigningWith(Ed25519KeyPair key) {
        return new PeerClient(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                new RequestSigning(() -> key, Clock.systemUTC(), Duration.ofMinutes(5)),
                Duration.ofSeconds(5));
    }

    /** An {@code org.upsert} of {@code origin} at {@code seq} after {@code prev}, signed now by {@code key}. */
    static Envelope orgAt(HubId origin, long seq, String prev, String id, String name, Ed25519KeyPair key) {
        return Envelope.sign(origin, seq, prev, Instant.now(), UpdateType.ORG_UPSERT, org(id, name), key);
    }

    /** The next envelope after {@code head} of its origin, signed by a stranger's key. */
    static Envelope forgedAfter(Envelope head) {
        return orgAt(
                head.origin(),
                head.seq() + 1,
                head.hash(),
                "evil",
                "Evil",
                Ed25519KeyPair.generate(new SecureRandom()));
    }

    /** Bounded poll for a condition; fails with {@code what} when it does not hold in time. */
    static void await(String what, BooleanSupplier condition) {
        Await.until(what, condition);
    }

    /** The same with a longer deadline, for waits that cross several nodes on a loaded machine. */
    static void await(Duration timeout, String what, BooleanSupplier condition) {
        Await.until(timeout, what, condition);
    }
}
