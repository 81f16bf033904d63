package org.tsunagu.node.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.HubView;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.directory.Page;
import org.tsunagu.node.directory.PartnershipQuery;
import org.tsunagu.node.directory.PartnershipView;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.protocol.HubId;

/** The federated directory: every origin this node holds, searched together, each item with provenance. */
@Path("v1/directory")
@Produces(MediaType.APPLICATION_JSON)
public final class DirectoryResource {
    private final DirectoryService directory;

    public DirectoryResource(DirectoryService directory) {
        this.directory = directory;
    }

    @GET
    @Path("organizations")
    public Page<OrganizationView> organizations(
            @BeanParam OrganizationFilters filters,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = Params.limitParam(limit, OrganizationQuery.DEFAULT_LIMIT, OrganizationQuery.MAX_LIMIT);
        return directory.searchOrganizations(Params.query(() -> filters.query(pageSize, cursor)));
    }

    @GET
    @Path("organizations/{origin}/{id}")
    public OrganizationView organization(@PathParam("origin") String origin, @PathParam("id") String id) {
        HubId hub = Params.origin(origin);
        return directory
                .organization(hub, id)
                .orElseThrow(() -> ApiException.notFound("no organisation " + origin + "/" + id));
    }

    @GET
    @Path("partnerships")
    public Page<PartnershipView> partnerships(
            @QueryParam("status") String status,
            @QueryParam("organization") List<String> organizations,
            @QueryParam("hub") String hub,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int pageSize = Params.limitParam(limit, OrganizationQuery.DEFAULT_LIMIT, OrganizationQuery.MAX_LIMIT);
        return directory.partnerships(
                Params.query(() -> new PartnershipQuery(status, organizations, hub, pageSize, cursor)));
    }

    @GET
    @Path("partnerships/{origin}/{id}")
    public PartnershipView partnership(@PathParam("origin") String origin, @PathParam("id") String id) {
        HubId hub = Params.origin(origin);
        return directory
                .partnership(hub, id)
                .orElseThrow(() -> ApiException.notFound("no partnership " + origin + "/" + id));
    }

    @GET
    @Path("hubs")
    public Map<String, List<HubView>> hubs() {
        return Map.of("items", directory.hubs());
    }
}
