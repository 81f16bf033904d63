package org.tsunagu.node.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The CSV, HXL and HSDS files, for the public exports ({@link ExportResource}) and the administrator's
 * ({@code admin.AdminExportResource}). They differ in one thing: with {@code held}, a sealed record this
 * node opened is written whole (its administrator reads it anyway, SPEC §6.10); without, as it may be
 * re-published, its clear members at most.
 */
public final class Exports {
    static final String CSV_TYPE = "text/csv; charset=utf-8; header=present";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int BUFFER = 64 * 1024;

    private final OrganizationPages pages;
    private final ObjectMapper mapper;
    private final boolean held;
    private final String prefix;

    public Exports(OrganizationPages pages, ObjectMapper mapper, boolean held) {
        this.pages = pages;
        this.mapper = mapper;
        this.held = held;
        this.prefix = held ? "tsunagu-directory-admin" : "tsunagu-directory";
    }

    public Response csv(OrganizationFilters filters, boolean bom) {
        return spreadsheet(filters, bom, List.of(CsvRow.HEADER), CsvRow::of, prefix + ".csv");
    }

    public Response hxl(OrganizationFilters filters, boolean bom) {
        return spreadsheet(filters, bom, List.of(HxlRow.HEADER, HxlRow.HASHTAGS), HxlRow::of, prefix + ".hxl.csv");
    }

    /**
     * Filters are checked before the first byte, so a bad one is a problem+json answer; a failure
     * later cuts the stream short (the HTTP chunking then never completes, so clients see an error
     * instead of a silently short file).
     */
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
            pages.forEach(query, held, organization -> CsvCells.writeRow(printer, row.apply(organization)));
            printer.flush();
        };
        return attachment(body, CSV_TYPE, filename);
    }

    public Response hsds(OrganizationFilters filters) {
        OrganizationQuery query = filters.query(OrganizationQuery.MAX_LIMIT, null);
        StreamingOutput body = out -> {
            try (JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                json.writeStartArray();
                pages.forEach(query, held, organization -> json.writeTree(HsdsOrganization.of(organization)));
                json.writeEndArray();
            }
        };
        return attachment(body, "application/json", prefix + ".hsds.json");
    }

    private static Response attachment(StreamingOutput body, String type, String filename) {
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .build();
    }
}
