package org.tsunagu.node.admin;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.ops.backup.DatabaseBackup;

/**
 * {@code GET /admin/v1/backup}: an online backup of the database (what {@code tsunagu backup} writes),
 * downloaded, for a hub whose staff have no shell on the server. The copy is made in the data
 * folder's spool (owner-only) and deleted once sent. It holds no private key: {@code node.key} is
 * backed up apart (docs/OPERATIONS.md).
 */
@AdminApi
@Path("/admin/v1/backup")
public final class BackupResource {
    static final String SQLITE = "application/vnd.sqlite3";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final java.nio.file.Path database;
    private final java.nio.file.Path spool;
    private final Clock clock;

    public BackupResource(java.nio.file.Path database, java.nio.file.Path spool, Clock clock) {
        this.database = database;
        this.spool = spool;
        this.clock = clock;
    }

    @GET
    @Produces(SQLITE)
    public Response download() {
        java.nio.file.Path copy = spool.resolve("backup-" + UUID.randomUUID() + ".db");
        try {
            Files.createDirectories(spool);
            DatabaseBackup.backup(database, copy);
        } catch (IOException e) {
            throw new ApiException(500, "the backup could not be made: " + e.getMessage());
        }
        StreamingOutput stream = out -> {
            try {
                Files.copy(copy, out);
            } finally {
                Files.deleteIfExists(copy);
            }
        };
        String name = "tsunagu-" + STAMP.format(clock.instant().atOffset(ZoneOffset.UTC)) + ".db";
        return Response.ok(stream, SQLITE)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }
}
