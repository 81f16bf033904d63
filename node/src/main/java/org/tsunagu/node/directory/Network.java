package org.tsunagu.node.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The partnership network of a search: organisations as nodes and their partnerships (confirmed, or
 * announced and awaiting co-signatures; never retracted) as edges, for at most {@code max} matching
 * organisations. Beyond that, {@code grouped_by} is {@code hub}: a node per hub with how many matching
 * organisations it holds, an edge per pair of hubs and status with how many partnerships join their
 * matching organisations (a hub with itself when both parties are its own). An edge of a partnership
 * with three or more listed parties is drawn between each pair of them.
 */
public record Network(
        @JsonProperty("grouped_by") String groupedBy,
        @JsonProperty("max_organizations") int max,
        @JsonProperty("nodes") List<Node> nodes,
        @JsonProperty("edges") List<Edge> edges) {
    public static final String ORGANIZATION = "organization";
    public static final String HUB = "hub";

    public Network {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * An organisation ({@code id} its global id, with its {@code name}, {@code names} and {@code country}
     * as this node may show them) or, grouped, a hub ({@code id} the hub, {@code count} its matches).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Node(
            @JsonProperty("id") String id,
            @JsonProperty("hub") String hub,
            @JsonProperty("name") String name,
            @JsonProperty("names") JsonNode names,
            @JsonProperty("country") String country,
            @JsonProperty("sealed") Boolean sealed,
            @JsonProperty("count") Long count) {}

    /**
     * Between two nodes: one partnership ({@code partnership} its global id, {@code hub} the announcing
     * hub, {@code title}) or, grouped, {@code count} partnerships. {@code status} is {@code confirmed}
     * or {@code announced}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Edge(
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("status") String status,
            @JsonProperty("partnership") String partnership,
            @JsonProperty("hub") String hub,
            @JsonProperty("title") String title,
            @JsonProperty("count") Long count) {}
}
