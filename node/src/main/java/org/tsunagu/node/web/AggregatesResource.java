package org.tsunagu.node.web;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.tsunagu.node.api.OrganizationFilters;

/**
 * {@code GET /v1/directory/aggregates?q=&country=&sector=&language=&hub=}: the map's counts for the
 * search (see {@link Aggregates}), computed on the server from the facet tables, so the page never
 * needs every record to shade a country.
 */
@Path("v1/directory/aggregates")
public final class AggregatesResource {
    private final FacetService facets;

    public AggregatesResource(FacetService facets) {
        this.facets = facets;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Aggregates aggregates(@BeanParam OrganizationFilters filters) {
        return facets.aggregates(filters.query(0, null));
    }
}
