package org.tsunagu.node.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.Optional;
import org.tsunagu.protocol.HubId;

/**
 * What the hubs page needs to know from federation about a hub this node follows. {@code Main}
 * adapts federation's subscriptions to it; without federation every held hub is shown as relayed.
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

    static FollowStatus none() {
        return hub -> Optional.empty();
    }
}
