package org.tsunagu.node.app;

import java.util.Optional;
import org.tsunagu.node.federation.Federation;
import org.tsunagu.node.federation.OriginFilter;
import org.tsunagu.node.ops.metrics.PullLag;
import org.tsunagu.node.web.FollowStatus;
import org.tsunagu.protocol.HubId;

/**
 * The hubs page's view of whom this node follows, from federation's subscriptions, and of how far
 * behind it is: the heads its pulls read, for the origins some subscription follows. It lives here
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
    public Optional<Long> advertisedHead(HubId origin) {
        boolean followed = federation.peers().subscriptions().stream()
                .anyMatch(s -> !"refused".equals(s.status()) && new OriginFilter(s.origins()).matches(origin));
        return followed ? pullLag.remoteHead(origin) : Optional.empty();
    }
}
