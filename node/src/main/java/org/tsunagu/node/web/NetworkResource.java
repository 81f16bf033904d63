package org.tsunagu.node.web;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.api.OrganizationFilters;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.Network;
import org.tsunagu.node.directory.NetworkBusyException;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.http.ApiException;

/**
 * {@code GET /v1/directory/network?q=&country=&sector=&language=&hub=&operates_in=}: the partnership
 * network of a search for the page to draw (see {@link Network}). Up to {@link #MAX} organisations
 * the page can still label every node; beyond, it gets one node per hub, counted by the same cached
 * facet pass as the map, so a network of a million organisations costs what its partnerships cost.
 */
@Path("v1/directory/network")
public final class NetworkResource {
    /** Organisations drawn one by one at most: the "readable at 500". */
    public static final int MAX = 500;

    private final DirectoryService directory;
    private final FacetService facets;

    public NetworkResource(DirectoryService directory, FacetService facets) {
        this.directory = directory;
        this.facets = facets;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Network network(@BeanParam OrganizationFilters filters) {
        OrganizationQuery query = filters.query(0, null);
        Network network;
        try {
            network = directory.network(query, MAX);
        } catch (NetworkBusyException e) {
            throw new ApiException(503, e.getMessage(), e.retryAfterSeconds());
        }
        if (!Network.HUB.equals(network.groupedBy())) {
            return network;
        }
        List<Network.Node> hubs = new ArrayList<>();
        for (Map.Entry<String, Long> hub : facets.aggregates(query).hub().entrySet()) {
            if (hub.getValue() > 0) {
                hubs.add(new Network.Node(hub.getKey(), hub.getKey(), hub.getKey(), null, null, null, hub.getValue()));
            }
        }
        return new Network(network.groupedBy(), network.max(), hubs, network.edges());
    }
}
