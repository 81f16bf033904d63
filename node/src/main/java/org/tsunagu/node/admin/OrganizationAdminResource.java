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
import java.net.URI;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
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
    private final GroupCommit writes;
    private final Publisher publisher;
    private final DirectoryService directory;
    private final HubId self;

    public OrganizationAdminResource(GroupCommit writes, Publisher publisher, DirectoryService directory) {
        this.writes = writes;
        this.publisher = publisher;
        this.directory = directory;
        this.self = publisher.self();
    }

    /** Creates an organisation; without an {@code id} member a UUID is assigned. 409 if the id is taken. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        ObjectNode record = RequestBodies.object(body);
        String id = Writes.idForCreate(record);
        Publisher.Draft draft = prepare(record);
        Writes.Written written = Writes.write(
                writes,
                () -> exists(id),
                true,
                "organisation " + self + "/" + id + " exists; PUT replaces it",
                () -> publisher.publish(draft));
        return written.answer(location(id), WriteResult.of(id, written.envelope()));
    }

    /** Replaces the whole record (creating it if new: 201). The body's id, if any, must match the path. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, byte[] body) {
        ObjectNode record = RequestBodies.object(body);
        Writes.idForReplace(record, id);
        Publisher.Draft draft = prepare(record);
        Writes.Written written = Writes.write(writes, () -> exists(id), false, null, () -> publisher.publish(draft));
        return written.answer(location(id), WriteResult.of(id, written.envelope()));
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
        Envelope envelope = RequestBodies.rebasingErrors(() -> writes.inTransaction(c -> {
            if (!exists(id)) {
                throw ApiException.notFound("no organisation " + self + "/" + id);
            }
            return publisher.publish(UpdateType.ORG_REMOVE, removal);
        }));
        return WriteResult.of(id, envelope);
    }

    /** Normalised and validated on the request's thread, before it queues for the single writer. */
    private Publisher.Draft prepare(ObjectNode record) {
        return RequestBodies.rebasingErrors(() -> publisher.prepare(UpdateType.ORG_UPSERT, record));
    }

    private boolean exists(String id) {
        return directory.organizationExists(self, id);
    }

    private URI location(String id) {
        return URI.create("/v1/directory/organizations/" + self.value() + "/" + id);
    }
}
