package org.tsunagu.node.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tsunagu.protocol.HubId;

/**
 * What the hubs page needs to know from federation about a hub this node follows. {@code app.FederationFollowStatus}
 * adapts federation's subscriptions and the heads its pulls read to it; without federation every held
 * hub is shown as relayed and no lag in updates is known.
 */
@FunctionalInterface
public interface FollowStatus {
    /**
     * How this node follows {@code hub}: {@code status} is federation's subscription status
     * (active, pending, refused, failed); {@code remoteHead} the head seq the hub last advertised,
     * when known, from which the lag in updates is computed.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Follow(
            @JsonProperty("status") String status,
            @JsonProperty("last_pull_at") String lastPullAt,
            @JsonProperty("last_error") String lastError,
            @JsonProperty("remote_head") Long remoteHead) {
        public Follow {
            Objects.requireNonNull(status, "status");
        }
    }

    Optional<Follow> follow(HubId hub);

    /**
     * The newest head seq a followed peer advertised for {@code origin}, when this node follows that
     * origin (directly or relayed by the peer); empty when nobody told, or the origin is not followed.
     */
    default Optional<Long> advertisedHead(HubId origin) {
        return Optional.empty();
    }

    /**
     * This hub's erasures (SPEC §6.9) that {@code hub} was expected to acknowledge and has not: the seqs
     * of the {@code org.erase} envelopes in this hub's log, by hub id, oldest first (SPEC §6.11).
     */
    default Map<String, List<Long>> erasuresWaiting() {
        return Map.of();
    }

    static FollowStatus none() {
        return hub -> Optional.empty();
    }
}
