package org.tsunagu.node.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tsunagu.node.federation.Federation;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.ops.metrics.PullLag;
import org.tsunagu.node.web.FollowStatus;
import org.tsunagu.protocol.HubId;

/**
 * The hubs page's view of whom this node follows, from federation's subscriptions, of how far
 * behind it is (the heads its pulls read, for the origins some subscription follows), and of which
 * nodes have not acknowledged this hub's erasures (its receipts). It lives here
 * because it joins federation and metrics, which the web package does not import.
 */
final class FederationFollowStatus implements FollowStatus {
    private final Federation federation;
    private final PullLag pullLag;

    FederationFollowStatus(Federation federation, PullLag pullLag) {
        this.federation = federation;
        this.pullLag = pullLag;
    }

    @Override
    public Optional<FollowStatus.Follow> follow(HubId hub) {
        return federation.peers().subscriptions().stream()
                .filter(s -> s.hub().equals(hub.value()))
                .findFirst()
                .map(s -> new FollowStatus.Follow(s.status(), s.lastPullAt(), s.lastError(), null));
    }

    @Override
    public Map<String, List<Long>> erasuresWaiting() {
        Map<String, List<Long>> out = new TreeMap<>();
        // Newest first from federation: walk it backwards so each hub's list is oldest first.
        List<Map<String, Object>> erasures = federation.erasures();
        for (int i = erasures.size() - 1; i >= 0; i--) {
            Map<String, Object> erasure = erasures.get(i);
            long seq = (Long) erasure.get("seq");
            for (Object hub : (List<?>) erasure.get("waiting")) {
                out.computeIfAbsent((String) hub, h -> new ArrayList<>()).add(seq);
            }
        }
        return out;
    }

    @Override
    public Optional<Long> advertisedHead(HubId origin) {
        boolean followed = federation.peers().subscriptions().stream()
                .anyMatch(s -> !"refused".equals(s.status()) && new OriginFilter(s.origins()).matches(origin));
        return followed ? pullLag.remoteHead(origin) : Optional.empty();
    }
}
