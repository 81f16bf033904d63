package org.tsunagu.node.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.tsunagu.node.api.OrganizationFilters;

/**
 * {@code GET /v1/directory/export.csv}, {@code export.hxl.csv} and {@code export.hsds.json}: every
 * organisation matching the same filters as the search ({@code q, country, sector, language, hub}),
 * streamed page by page. The filters are checked before the first byte, so a bad one is a
 * problem+json answer; a failure later cuts the stream short (the HTTP chunking then never
 * completes, so clients see an error instead of a silently short file).
 */
@Path("v1/directory")
public final class ExportResource {
    private final Exports exports;

    public ExportResource(OrganizationPages pages, ObjectMapper mapper) {
        this.exports = new Exports(pages, mapper, false);
    }

    /**
     * The CSV export. It starts with a UTF-8 byte order mark unless {@code bom=false}: the file is
     * made for spreadsheets, and Excel on Windows reads a CSV without one in the system code page,
     * garbling Thai and Japanese. Scripts that cannot skip a BOM ask for {@code bom=false}; our
     * importer takes either.
     */
    @GET
    @Path("export.csv")
    public Response csv(@BeanParam OrganizationFilters filters, @QueryParam("bom") @DefaultValue("true") boolean bom) {
        return exports.csv(filters, bom);
    }

    /**
     * The HXL-tagged 3W export: the CSV export's conventions (UTF-8 with a byte order mark unless
     * {@code bom=false}, CRLF, formula guard), a header row, then the row of HXL hashtags under it
     * ({@link HxlRow}), then one row per organisation.
     */
    @GET
    @Path("export.hxl.csv")
    public Response hxl(@BeanParam OrganizationFilters filters, @QueryParam("bom") @DefaultValue("true") boolean bom) {
        return exports.hxl(filters, bom);
    }

    /** The HSDS 3.0 export: a JSON array of {@code organization} objects. */
    @GET
    @Path("export.hsds.json")
    public Response hsds(@BeanParam OrganizationFilters filters) {
        return exports.hsds(filters);
    }
}
