package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * {@code tsunagu init --recover-from URL}: a hub that lost its disk but kept {@code node.key} reads its
 * own log back from a node that holds it. Which hub the key signs for and the key of its first envelope
 * are read from that node; every envelope then goes through the one ingest path like any pulled page,
 * and the key in force after the head must be {@code node.key}'s, else the recovery is refused.
 */
public final class OwnLogRecovery {
    private final String url;
    private final PeerClient client;
    private final int pageSize;

    /** What the recovering node learned from {@code url} before pulling. */
    public record Plan(HubId hub, KeyId firstKey, long remoteHead) {}

    public OwnLogRecovery(String url, Ed25519KeyPair key, Clock clock) {
        PeerService.requireHttpUrl(url);
        this.url = url;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.client = new PeerClient(
                http, new RequestSigning(() -> key, clock, Duration.ofMinutes(5)), Duration.ofSeconds(30));
        this.pageSize = 2000;
    }

    /**
     * Finds the hub {@code key} signs for (or checks {@code hub} when given) and the key of its seq 1.
     *
     * @throws PeerException when the node cannot be read, holds no log of the hub, or names no hub
     *     whose current key is {@code key}
     */
    public Plan plan(HubId hub, KeyId key) {
        HubId found = hub != null ? hub : hubOf(key);
        long head = client.feeds(url).getOrDefault(found, 0L);
        if (head == 0) {
            throw new PeerException(url + " holds no log of " + found + " to recover from", 0);
        }
        List<Envelope> first = client.feed(url, found, 0, 1);
        if (first.isEmpty() || first.get(0).seq() != 1) {
            throw new PeerException(url + " does not serve seq 1 of " + found, 0);
        }
        KeyId firstKey = first.get(0).key();
        firstKey.publicKey(); // the full key check of SPEC §2 before pinning it, even provisionally
        return new Plan(found, firstKey, head);
    }

    /** The hub whose current key, as the node at {@code url} lists hubs, is {@code key}. */
    private HubId hubOf(KeyId key) {
        JsonNode hubs = client.getJson(PeerClient.resolve(url, "/v1/directory/hubs"));
        for (JsonNode h : hubs.path("items")) {
            if (key.value().equals(h.path("key").asText())
                    && HubId.isValid(h.path("hub").asText())) {
                return HubId.of(h.path("hub").asText());
            }
        }
        throw new PeerException(
                url + " lists no hub whose key is this node.key (" + key.fingerprint() + "); pass --hub", 0);
    }

    /**
     * Pulls the hub's log from seq 1 through {@code ingestor}, page by page, until the node's head.
     *
     * @return the head seq reached
     * @throws PeerException when a page cannot be read or an envelope is refused
     */
    public long pull(Plan plan, Ingestor ingestor) {
        long local = 0;
        while (local < plan.remoteHead()) {
            List<Envelope> page = client.feed(url, plan.hub(), local, pageSize);
            if (page.isEmpty()) {
                break;
            }
            IngestReport r = ingestor.ingest(page);
            if (!r.rejected().isEmpty()) {
                IngestReport.Rejection x = r.rejected().get(0);
                throw new PeerException(
                        "seq " + x.seq() + " of " + plan.hub() + " from " + url + " was refused: " + x.reason() + ": "
                                + x.message(),
                        0);
            }
            long reached = local + r.accepted().size() + r.duplicates().size();
            if (reached <= local) {
                throw new PeerException(url + " served seqs of " + plan.hub() + " that do not follow seq " + local, 0);
            }
            local = reached;
        }
        return local;
    }
}
