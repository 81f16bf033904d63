package org.tsunagu.node.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.HubView;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.FeedHead;
import org.tsunagu.node.log.HubKey;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;

/**
 * Builds the hubs page from what the node already keeps: hubs and their profiles (directory), log
 * heads (log), keys and their history (key ring), equivocation alerts, and federation's view of
 * each followed hub. Only facts any peer could check are shown: equivocations and key changes are
 * public signed history, while federation's rejected-request alerts stay on the admin API.
 */
public final class HubStatusService {
    /** Each equivocation halts its origin, so there is at most about one per hub. */
    private static final int MAX_EQUIVOCATIONS = 10_000;

    private final DirectoryService directory;
    private final LogStore log;
    private final KeyRing keys;
    private final AlertStore alerts;
    private final FollowStatus follows;
    private final HubId self;
    private final Clock clock;

    public HubStatusService(
            DirectoryService directory,
            LogStore log,
            KeyRing keys,
            AlertStore alerts,
            FollowStatus follows,
            HubId self,
            Clock clock) {
        this.directory = directory;
        this.log = log;
        this.keys = keys;
        this.alerts = alerts;
        this.follows = follows;
        this.self = self;
        this.clock = clock;
    }

    /** This node first, then hubs needing attention, then by hub id. */
    public List<HubStatus> hubs() {
        Map<String, FeedHead> heads =
                log.heads().stream().collect(Collectors.toMap(h -> h.origin().value(), Function.identity()));
        // The node's one alert store also holds federation's peer alerts: only equivocations are public.
        Map<String, List<Alert>> equivocations = alerts.list(Alert.EQUIVOCATION, MAX_EQUIVOCATIONS).stream()
                .filter(a -> a.origin() != null)
                .collect(Collectors.groupingBy(Alert::origin));
        // Nodes that have not acknowledged one of this hub's erasures (issue #13): each is flagged on its row,
        // and one this node holds no profile of (a follower it does not follow back) gets a row of its own.
        Map<String, List<Long>> erasures = new TreeMap<>(follows.erasuresWaiting());
        List<HubStatus> out = new ArrayList<>();
        for (HubView hub : directory.hubs()) {
            out.add(status(
                    hub,
                    heads.get(hub.hub()),
                    equivocations.getOrDefault(hub.hub(), List.of()),
                    erasures.getOrDefault(hub.hub(), List.of())));
            erasures.remove(hub.hub());
        }
        erasures.forEach((hub, seqs) -> out.add(unknown(hub, seqs)));
        out.sort(Comparator.comparing((HubStatus h) -> !h.self())
                .thenComparing(h -> h.alerts().isEmpty())
                .thenComparing(HubStatus::hub));
        return out;
    }

    private HubStatus unknown(String hub, List<Long> erasures) {
        FollowStatus.Follow follow =
                follows.follow(HubId.of(hub)).orElse(new FollowStatus.Follow("not_followed", null, null, null));
        return new HubStatus(
                hub,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                0,
                null,
                null,
                follow,
                new HubStatus.Lag(null, null),
                erasureAlerts(erasures));
    }

    private List<HubStatus.HubAlert> erasureAlerts(List<Long> erasures) {
        List<HubStatus.HubAlert> out = new ArrayList<>();
        for (long seq : erasures) {
            String at = log.envelope(self, seq).map(Envelope::ts).orElse(null);
            out.add(new HubStatus.HubAlert(HubStatus.HubAlert.ERASURE_WAITING, seq, at, null));
        }
        return out;
    }

    private HubStatus status(HubView hub, FeedHead head, List<Alert> equivocations, List<Long> erasures) {
        HubId id = HubId.of(hub.hub());
        boolean isSelf = id.equals(self);
        long headSeq = head == null ? 0 : head.seq();
        String signedAt = head == null
                ? null
                : log.envelope(id, head.seq()).map(Envelope::ts).orElse(null);
        String receivedAt = head == null ? null : head.updatedAt().toString();
        // What a followed peer last said this origin's head is: this node is behind by the difference.
        Long advertised =
                isSelf ? Long.valueOf(headSeq) : follows.advertisedHead(id).orElse(null);
        FollowStatus.Follow follow = isSelf
                ? new FollowStatus.Follow("self", null, null, headSeq)
                : follows.follow(id)
                        .map(f -> new FollowStatus.Follow(f.status(), f.lastPullAt(), f.lastError(), advertised))
                        // Held, or advertised by a peer that relays it to us: followed through that peer.
                        .orElse(new FollowStatus.Follow(
                                headSeq > 0 || advertised != null ? "relayed" : "not_followed",
                                null,
                                null,
                                advertised));
        if (hub.halted()) {
            follow = new FollowStatus.Follow("halted", follow.lastPullAt(), follow.lastError(), follow.remoteHead());
        }
        Long behind = follow.remoteHead() == null ? null : Math.max(0, follow.remoteHead() - headSeq);
        Long seconds = head == null
                ? null
                : Math.max(
                        0, Duration.between(head.updatedAt(), clock.instant()).toSeconds());
        List<HubStatus.HubAlert> hubAlerts = new ArrayList<>();
        for (Alert alert : equivocations) {
            hubAlerts.add(new HubStatus.HubAlert(
                    HubStatus.HubAlert.EQUIVOCATION,
                    alert.seq(),
                    alert.createdAt().toString(),
                    null));
        }
        for (HubKey key : keys.history(id)) {
            if (key.source() == KeySource.ROTATION) {
                hubAlerts.add(new HubStatus.HubAlert(
                        HubStatus.HubAlert.KEY_CHANGE,
                        key.fromSeq(),
                        key.addedAt().toString(),
                        key.key().value()));
            }
        }
        hubAlerts.addAll(erasureAlerts(erasures));
        String key = hub.key();
        return new HubStatus(
                hub.hub(),
                hub.name(),
                hub.profile() == null ? null : hub.profile().get("names"),
                hub.country(),
                hub.url(),
                key,
                key == null ? null : new KeyId(key).fingerprint(),
                isSelf,
                hub.halted(),
                headSeq,
                signedAt,
                receivedAt,
                follow,
                new HubStatus.Lag(behind, seconds),
                hubAlerts);
    }
}
