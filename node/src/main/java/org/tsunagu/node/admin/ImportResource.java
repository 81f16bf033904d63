package org.tsunagu.node.admin;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.function.Supplier;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ProblemError;
import org.tsunagu.node.importer.ImportException;
import org.tsunagu.node.importer.ImportReport;
import org.tsunagu.node.importer.OrganizationImporter;

/**
 * Bulk import of organisations: a hub's spreadsheet as CSV ({@code text/csv}) or a JSON array of
 * records in this node's shape or HSDS 3.0's ({@code application/json}). All or nothing unless
 * {@code ?partial=true}; either way each bad record is reported with its line.
 */
@Path("admin/v1/import/organizations")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class ImportResource {
    private final OrganizationImporter importer;

    public ImportResource(OrganizationImporter importer) {
        this.importer = importer;
    }

    @POST
    @Consumes({"text/csv", "application/csv"})
    public ImportReport csv(byte[] body, @QueryParam("partial") boolean partial) {
        return run(() -> importer.importCsv(body, partial), partial);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public ImportReport json(byte[] body, @QueryParam("partial") boolean partial) {
        return run(() -> importer.importJson(body, partial), partial);
    }

    private static ImportReport run(Supplier<ImportReport> work, boolean partial) {
        try {
            return work.get();
        } catch (ImportException e) {
            String detail = e.errors().size() + " problem(s) in the file; nothing was imported"
                    + (partial ? "" : " (add ?partial=true to import the valid records and skip the bad ones)");
            throw new ApiException(
                    422,
                    detail,
                    e.errors().stream()
                            .map(r -> new ProblemError(r.path(), r.message(), r.line(), r.field()))
                            .toList());
        }
    }
}
