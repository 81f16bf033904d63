package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ProblemError;
import org.tsunagu.node.ops.bundle.BundleException;
import org.tsunagu.node.ops.bundle.BundleExporter;
import org.tsunagu.node.ops.bundle.BundleImportResult;
import org.tsunagu.node.ops.bundle.BundleImporter;
import org.tsunagu.node.ops.bundle.BundleManifest;
import org.tsunagu.node.ops.bundle.BundleSelection;
import org.tsunagu.node.ops.metrics.IngestMetrics;

/**
 * {@code POST /admin/v1/bundles}: applies an offline bundle through the one ingest path, all or
 * nothing; a refused bundle answers 422 naming the line and envelope at fault. {@code GET
 * /admin/v1/bundles?origins=&after=} downloads one.
 */
@AdminApi
@Path("/admin/v1/bundles")
public final class BundleResource {
    public static final String GZIP = "application/gzip";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final BundleImporter importer;
    private final BundleExporter exporter;
    private final java.nio.file.Path spoolDir;
    private final Runnable afterImport;
    private final IngestMetrics metrics;

    /**
     * @param spoolDir where uploads wait, whole, before the import starts: a slow upload must not hold
     *     the database's write transaction
     * @param afterImport run when a bundle added envelopes (e.g. so federation pushes them on)
     */
    public BundleResource(
            BundleImporter importer,
            BundleExporter exporter,
            java.nio.file.Path spoolDir,
            Runnable afterImport,
            IngestMetrics metrics) {
        this.metrics = metrics;
        this.importer = importer;
        this.exporter = exporter;
        this.spoolDir = spoolDir;
        this.afterImport = afterImport;
    }

    @POST
    @Consumes({GZIP, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode upload(InputStream body) throws IOException {
        Files.createDirectories(spoolDir);
        java.nio.file.Path spooled = Files.createTempFile(spoolDir, ".upload-", ".bundle");
        try {
            Files.copy(body, spooled, StandardCopyOption.REPLACE_EXISTING);
            BundleImportResult result;
            try (InputStream in = Files.newInputStream(spooled)) {
                result = importer.importFrom(in);
            } catch (BundleException e) {
                metrics.refused(IngestMetrics.BUNDLE, e.reason(), e.origin());
                throw refused(e);
            }
            metrics.applied(IngestMetrics.BUNDLE, result.accepted(), result.duplicates());
            if (result.accepted() > 0) {
                afterImport.run();
            }
            return json(result);
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    @GET
    @Produces(GZIP)
    public Response download(@QueryParam("origins") List<String> origins, @QueryParam("after") List<String> after) {
        BundleSelection selection;
        BundleManifest plan;
        try {
            selection = BundleSelection.parse(origins, after);
            plan = exporter.plan(selection);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(e.getMessage().contains("hub id") ? "origins" : "after", e.getMessage());
        }
        StreamingOutput stream = out -> {
            try {
                exporter.export(selection, out);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
        String name = "tsunagu-" + STAMP.format(plan.created().atOffset(ZoneOffset.UTC)) + ".ndjson.gz";
        return Response.ok(stream, GZIP)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    static ApiException refused(BundleException e) {
        Integer line = e.line() > 0 && e.line() <= Integer.MAX_VALUE ? (int) e.line() : null;
        return new ApiException(
                422,
                "the bundle is refused (" + e.reason() + ") and nothing of it was applied: " + e.getMessage(),
                List.of(new ProblemError(e.path(), e.getMessage(), line, null)));
    }

    static ObjectNode json(BundleImportResult result) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("accepted", result.accepted());
        out.put("duplicates", result.duplicates());
        out.set("manifest", result.manifest().toJson());
        return out;
    }
}
