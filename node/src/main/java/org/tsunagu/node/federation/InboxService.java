package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.MalformedMessageException;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.UpdateType;

/**
 * {@code POST /v1/inbox}: a batch pushed by a peer. The request must be signed by a pinned peer this
 * node follows; each envelope is then checked by the one ingest path against its own origin's key (not
 * the sender's). A gap makes this node pull from the sender.
 */
public final class InboxService {
    static final String UNKNOWN_ORIGIN = "UNKNOWN_ORIGIN";
    /** Pushes signed by an unknown key start a catch-up of every followed peer at most this often. */
    static final Duration CATCH_UP_GAP = Duration.ofSeconds(10);

    private final FederationConfig config;
    private final NodeLog log;
    private final SubscriptionStore subscriptions;
    private final Alerts alerts;
    private final Puller puller;
    private final Runnable afterIngest;
    private final Throttle catchUp;

    InboxService(
            FederationConfig config,
            NodeLog log,
            SubscriptionStore subscriptions,
            Alerts alerts,
            Puller puller,
            Runnable afterIngest,
            Clock clock) {
        this.config = config;
        this.log = log;
        this.subscriptions = subscriptions;
        this.alerts = alerts;
        this.puller = puller;
        this.afterIngest = afterIngest;
        this.catchUp = new Throttle(CATCH_UP_GAP, clock);
    }

    /** The followed peer whose current key is {@code signer}, if any. */
    Optional<HubId> followedPeer(KeyId signer) {
        // From the key to its hub, not through every subscription: a hub following 59 others (a full
        // mesh, issue 14) ran 60 queries for this on every push it took.
        for (HubId hub : log.hubsWithCurrentKey(signer)) {
            if (subscriptions.find(hub).isPresent()) {
                return Optional.of(hub);
            }
        }
        return Optional.empty();
    }

    /** A batch pushed by {@code signer} from client {@code address} (null when unknown). */
    public IngestResult receive(KeyId signer, byte[] body, String address) {
        Optional<HubId> sender = followedPeer(signer);
        if (sender.isPresent() && puller.pullingAtStart(sender.get())) {
            // A node that restarts pulls what it missed from each peer first. A peer whose push retry
            // lands meanwhile sends what that pull is fetching: both were stored, the backlog crossed the
            // link twice, and the catch-up took ~40% longer (issue 14: 418 of 1,000 envelopes came both
            // ways in one restart in three). Busy instead, before the body is parsed: the peer tries
            // again after Retry-After, by when this node's re-confirmation has moved its pushes past
            // what was pulled.
            throw new BusyException("busy: pulling what it missed from " + sender.get() + " since it started", 1);
        }
        List<Envelope> batch;
        try {
            batch = parse(body);
        } catch (ProtocolException e) {
            HubId known = sender.orElseThrow(() -> notAPeer(signer, address));
            alerts.refused(known.value(), "push", "malformed batch at " + e.path() + ": " + e.getMessage());
            throw new FederationException(400, e.getMessage(), e.path());
        }
        IngestResult result = null;
        if (sender.isEmpty() && rotatesFollowedPeerTo(signer, batch)) {
            // A followed peer that rotated signs its next push with the new key, and that push carries
            // the key.rotate introducing it. The envelopes prove themselves (each is checked against its
            // origin's key, as a pulled page is), so apply them, then look the signer up again.
            result = log.ingest("push", batch);
            sender = followedPeer(signer);
        }
        HubId from = sender.orElseThrow(() -> notAPeer(signer, address));
        if (result == null) {
            result = log.ingest("push", batch);
        }
        // A peer pushes only to followers it accepted: a follow still shown as pending was approved.
        subscriptions
                .find(from)
                .filter(s -> s.status() == SubscriptionStore.Status.PENDING)
                .ifPresent(s -> subscriptions.put(from, s.origins(), SubscriptionStore.Status.ACTIVE, null));
        alerts.report(from.value(), "push", result);
        // An origin not known yet (relayed from its middle) is caught up by pulling, like a gap.
        if (!result.gaps().isEmpty() || result.rejected().stream().anyMatch(r -> UNKNOWN_ORIGIN.equals(r.reason()))) {
            puller.request(from);
        }
        if (result.accepted() > 0) {
            afterIngest.run();
        }
        return result;
    }

    private FederationException notAPeer(KeyId signer, String address) {
        alerts.refusedStranger(
                "push",
                address,
                "not signed by a peer this node follows",
                JsonNodeFactory.instance.objectNode().put("last_key", signer.fingerprint()));
        // A followed peer that rotated its key signs with a key we learn from its log: catch up. At most
        // once per CATCH_UP_GAP, or every stranger's push would make this node pull from all its peers.
        if (catchUp.tryAcquire()) {
            puller.requestAll();
        }
        return new FederationException(403, "the request is not signed by a peer this node follows");
    }

    /** True when {@code batch} holds a followed peer's {@code key.rotate} naming {@code signer}. */
    private boolean rotatesFollowedPeerTo(KeyId signer, List<Envelope> batch) {
        for (Envelope e : batch) {
            if (e.type() == UpdateType.KEY_ROTATE
                    && signer.value().equals(e.body().path("new_key").asText())
                    && subscriptions.find(e.origin()).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /** NDJSON, one envelope a line; the line number goes into the JSON path of any error. */
    private List<Envelope> parse(byte[] body) {
        List<Envelope> out = new ArrayList<>();
        int start = 0;
        int line = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    if (out.size() >= config.inboxMaxEnvelopes()) {
                        throw new MalformedMessageException(
                                "$[" + line + "]", "at most " + config.inboxMaxEnvelopes() + " envelopes per request");
                    }
                    try {
                        out.add(Envelope.parse(java.util.Arrays.copyOfRange(body, start, end)));
                    } catch (ProtocolException e) {
                        throw new MalformedMessageException(
                                "$[" + line + "]" + e.path().substring(1), e.getMessage());
                    }
                }
                line++;
                start = i + 1;
            }
        }
        return out;
    }
}
