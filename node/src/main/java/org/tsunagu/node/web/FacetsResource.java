package org.tsunagu.node.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.tsunagu.node.directory.OrganizationQuery;

/**
 * {@code GET /v1/directory/facets?q=&country=&sector=&language=&hub=}: counts of the matching
 * organisations by country, sector, language and hub, for the page's filters (see
 * {@link FacetCounts}). The core offers no facets, so this is the page's own, built on the search.
 */
@Path("v1/directory/facets")
public final class FacetsResource {
    private final FacetService facets;

    public FacetsResource(FacetService facets) {
        this.facets = facets;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public FacetCounts facets(
            @QueryParam("q") String q,
            @QueryParam("country") String country,
            @QueryParam("sector") String sector,
            @QueryParam("language") String language,
            @QueryParam("hub") String hub) {
        return facets.facets(new OrganizationQuery(q, country, sector, language, hub, 0, null));
    }
}
