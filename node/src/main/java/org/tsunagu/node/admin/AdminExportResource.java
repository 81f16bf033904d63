package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.tsunagu.node.api.OrganizationFilters;
import org.tsunagu.node.export.Exports;
import org.tsunagu.node.export.OrganizationPages;

/**
 * {@code GET /admin/v1/directory/export.csv}, {@code export.hxl.csv} and {@code export.hsds.json}:
 * the public exports' files and filters, but each organisation as this node reads it. On a hub named
 * by a sealed record (SPEC §6.10) that is the whole opened record, which its administrator may take
 * out; the public exports carry only the clear members. Admin-only (not for editors): the opened
 * details of an organisation at risk leave the node here.
 */
@Path("admin/v1/directory")
@AdminApi
public final class AdminExportResource {
    private final Exports exports;

    public AdminExportResource(OrganizationPages pages, ObjectMapper mapper) {
        this.exports = new Exports(pages, mapper, true);
    }

    @GET
    @Path("export.csv")
    public Response csv(@BeanParam OrganizationFilters filters, @QueryParam("bom") @DefaultValue("true") boolean bom) {
        return exports.csv(filters, bom);
    }

    @GET
    @Path("export.hxl.csv")
    public Response hxl(@BeanParam OrganizationFilters filters, @QueryParam("bom") @DefaultValue("true") boolean bom) {
        return exports.hxl(filters, bom);
    }

    @GET
    @Path("export.hsds.json")
    public Response hsds(@BeanParam OrganizationFilters filters) {
        return exports.hsds(filters);
    }
}
