package org.tsunagu.node.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.Facets;
import org.tsunagu.node.directory.OrganizationQuery;

/**
 * {@code GET /v1/directory/facets?q=&country=&sector=&language=&hub=}: how many organisations match
 * the search for each country, sector, language and hub, for the filters' counts:
 * {@code {"country": {"JP": 120, …}, "sector": {…}, "language": {…}, "hub": {…}}}, largest first.
 */
@Path("v1/directory/facets")
public final class FacetsResource {
    private final DirectoryService directory;

    public FacetsResource(DirectoryService directory) {
        this.directory = directory;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Facets facets(
            @QueryParam("q") String q,
            @QueryParam("country") String country,
            @QueryParam("sector") String sector,
            @QueryParam("language") String language,
            @QueryParam("hub") String hub) {
        return directory.facets(new OrganizationQuery(q, country, sector, language, hub, 0, null));
    }
}
