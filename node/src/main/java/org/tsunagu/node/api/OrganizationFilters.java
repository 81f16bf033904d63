package org.tsunagu.node.api;

import jakarta.ws.rs.QueryParam;
import org.tsunagu.node.directory.OrganizationQuery;

/**
 * The filters of the organisation search, {@code ?q=&country=&sector=&language=&hub=&operates_in=}, taken as they
 * are by every endpoint that searches (the directory, its exports), as a JAX-RS {@code @BeanParam}.
 */
public final class OrganizationFilters {
    @QueryParam("q")
    String q;

    @QueryParam("country")
    String country;

    @QueryParam("sector")
    String sector;

    @QueryParam("language")
    String language;

    @QueryParam("hub")
    String hub;

    @QueryParam("operates_in")
    String operatesIn;

    /**
     * The search with these filters.
     *
     * @throws org.tsunagu.protocol.ValidationException naming each bad filter ({@code $.country})
     */
    public OrganizationQuery query(int limit, String cursor) {
        return new OrganizationQuery(q, country, sector, language, hub, limit, cursor, operatesIn);
    }
}
