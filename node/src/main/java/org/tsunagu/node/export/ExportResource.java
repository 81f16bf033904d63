package org.tsunagu.node.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVPrinter;
import org.tsunagu.node.api.OrganizationFilters;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.directory.OrganizationView;

/**
 * {@code GET /v1/directory/export.csv}, {@code export.hxl.csv} and {@code export.hsds.json}: every
 * organisation matching the same filters as the search ({@code q, country, sector, language, hub}),
 * streamed page by page. The filters are checked before the first byte, so a bad one is a
 * problem+json answer; a failure later cuts the stream short (the HTTP chunking then never
 * completes, so clients see an error instead of a silently short file).
 */
@Path("v1/directory")
public final class ExportResource {
    static final String CSV_TYPE = "text/csv; charset=utf-8; header=present";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int BUFFER = 64 * 1024;

    private final OrganizationPages pages;
    private final ObjectMapper mapper;

    public ExportResource(OrganizationPages pages, ObjectMapper mapper) {
        this.pages = pages;
        this.mapper = mapper;
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
        return spreadsheet(filters, bom, List.of(CsvRow.HEADER), CsvRow::of, "tsunagu-directory.csv");
    }

    /**
     * The HXL-tagged 3W export: the CSV export's conventions (UTF-8 with a byte order mark unless
     * {@code bom=false}, CRLF, formula guard), a header row, then the row of HXL hashtags under it
     * ({@link HxlRow}), then one row per organisation.
     */
    @GET
    @Path("export.hxl.csv")
    public Response hxl(@BeanParam OrganizationFilters filters, @QueryParam("bom") @DefaultValue("true") boolean bom) {
        return spreadsheet(
                filters, bom, List.of(HxlRow.HEADER, HxlRow.HASHTAGS), HxlRow::of, "tsunagu-directory.hxl.csv");
    }

    private Response spreadsheet(
            OrganizationFilters filters,
            boolean bom,
            List<List<String>> heads,
            Function<OrganizationView, List<String>> row,
            String filename) {
        OrganizationQuery query = filters.query(OrganizationQuery.MAX_LIMIT, null);
        StreamingOutput body = out -> {
            if (bom) {
                out.write(UTF8_BOM);
            }
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER);
            CSVPrinter printer = CsvCells.printer(writer);
            for (List<String> head : heads) {
                CsvCells.writeRow(printer, head);
            }
            pages.forEach(query, organization -> CsvCells.writeRow(printer, row.apply(organization)));
            printer.flush();
        };
        return attachment(body, CSV_TYPE, filename);
    }

    /** The HSDS 3.0 export: a JSON array of {@code organization} objects. */
    @GET
    @Path("export.hsds.json")
    public Response hsds(@BeanParam OrganizationFilters filters) {
        OrganizationQuery query = filters.query(OrganizationQuery.MAX_LIMIT, null);
        StreamingOutput body = out -> {
            try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                json.writeStartArray();
                pages.forEach(query, organization -> json.writeTree(HsdsOrganization.of(organization)));
                json.writeEndArray();
            }
        };
        return attachment(body, "application/json", "tsunagu-directory.hsds.json");
    }

    private static Response attachment(StreamingOutput body, String type, String filename) {
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .build();
    }
}
