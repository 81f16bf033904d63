package org.tsunagu.node.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One row of the hubs page: who the hub is, the key it signs with, how fresh its log is here, how
 * this node follows it, and what an operator must look at. {@code follow.status} is {@code self},
 * a federation subscription status, {@code relayed} (held, but through another hub) or
 * {@code halted} (it equivocated).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HubStatus(
        @JsonProperty("hub") String hub,
        @JsonProperty("name") String name,
        @JsonProperty("names") JsonNode names,
        @JsonProperty("country") String country,
        @JsonProperty("url") String url,
        @JsonProperty("key") String key,
        @JsonProperty("key_fingerprint") String keyFingerprint,
        @JsonProperty("self") boolean self,
        @JsonProperty("halted") boolean halted,
        @JsonProperty("head_seq") long headSeq,
        @JsonProperty("last_signed_at") String lastSignedAt,
        @JsonProperty("last_received_at") String lastReceivedAt,
        @JsonProperty("follow") FollowStatus.Follow follow,
        @JsonProperty("lag") Lag lag,
        @JsonProperty("alerts") List<HubAlert> alerts) {
    public HubStatus {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(follow, "follow");
        alerts = List.copyOf(alerts);
    }

    /** Updates known to exist but not yet held (null when unknown), and seconds since the last one arrived. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Lag(
            @JsonProperty("updates") Long updates,
            @JsonProperty("seconds") Long seconds) {}

    /**
     * An equivocation or a key change, at log position {@code seq} of the hub; or {@code
     * erasure_waiting}: the hub has not acknowledged this node's erase at {@code seq} of this node's log.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HubAlert(
            @JsonProperty("kind") String kind,
            @JsonProperty("seq") Long seq,
            @JsonProperty("at") String at,
            @JsonProperty("key") String key) {
        public static final String EQUIVOCATION = "equivocation";
        public static final String KEY_CHANGE = "key_change";
        public static final String ERASURE_WAITING = "erasure_waiting";

        public HubAlert {
            Objects.requireNonNull(kind, "kind");
        }
    }
}
