package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.tsunagu.node.db.GroupCommit;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/**
 * This hub's own organisations. Every change is one signed update ({@code org.upsert} with the whole
 * record, or {@code org.remove}); the check that the organisation exists (or not) runs in the same
 * transaction as the write, so two concurrent creates of one id cannot both succeed.
 */
@Path("admin/v1/organizations")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class OrganizationAdminResource {
    private final Writes writes;
    private final Publisher publisher;
    private final DirectoryService directory;
    private final BooleanSupplier checkpoint;

    /** @param checkpoint truncates the WAL after an erasure is committed ({@code Database#checkpoint}) */
    /** @param audiences seals a record whose write names an {@code audience} (issue #13) */
    public OrganizationAdminResource(
            GroupCommit commit,
            Publisher publisher,
            DirectoryService directory,
            BooleanSupplier checkpoint,
            Audiences audiences) {
        this.writes = new Writes(
                Writes.Kind.ORGANIZATION,
                commit,
                publisher,
                directory::organizationExists,
                audiences,
                (origin, id) -> directory
                        .organization(origin, id)
                        .map(OrganizationView::sealed)
                        .isPresent());
        this.publisher = publisher;
        this.directory = directory;
        this.checkpoint = checkpoint;
    }

    /**
     * Creates an organisation; without an {@code id} member a UUID is assigned. 409 if the id is taken.
     * An {@code audience} member ({@link Audiences}) seals it to named hubs.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        return writes.create(RequestBodies.object(body), "PUT replaces it", WriteResult::of);
    }

    /**
     * Replaces the whole record (creating it if new: 201). The body's id, if any, must match the path. A
     * sealed one stays sealed only with an {@code audience} again: without one the write is refused (422
     * at {@code $.audience}) rather than published in clear; {@code {"kind": "public"}} unseals it.
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, byte[] body) {
        return writes.replace(id, RequestBodies.object(body), WriteResult::of);
    }

    /** Removes (tombstones) the organisation; {@code reason} is signed into the update. */
    @DELETE
    @Path("{id}")
    public WriteResult remove(@PathParam("id") String id, @QueryParam("reason") String reason) {
        ObjectNode removal = JsonNodeFactory.instance.objectNode();
        removal.put("id", id);
        if (reason != null && !reason.isBlank()) {
            removal.put("reason", reason.strip());
        }
        Envelope envelope = writes.inTransaction(() -> {
            if (!writes.exists(id)) {
                throw ApiException.notFound("no organisation " + writes.self() + "/" + id);
            }
            return writes.publish(UpdateType.ORG_REMOVE, removal);
        });
        return WriteResult.of(id, envelope);
    }

    /**
     * Erases the organisation everywhere (SPEC §6.9): signs an {@code org.erase} (body {@code
     * {"reason"?}}), redacts this hub's own earlier version 2 bodies of it, drops it from the directory
     * and search index, and checkpoints the WAL so the bytes leave the files; federation then carries
     * the erase to every subscriber. A removed organisation can be erased; an unknown one is 404.
     */
    @POST
    @Path("{id}/erase")
    public ErasureResult erase(@PathParam("id") String id, byte[] body) {
        ObjectNode request = RequestBodies.optionalObject(body);
        RequestBodies.onlyMembers(request, List.of("reason"));
        Publisher.Erased erased = writes.inTransaction(() -> {
            if (!directory.organizationHeld(writes.self(), id, true)) {
                throw ApiException.notFound("no organisation " + writes.self() + "/" + id);
            }
            return publisher.erase(id, request.get("reason"));
        });
        return ErasureResult.of(id, erased, checkpoint.getAsBoolean());
    }
}
