package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.db.GroupCommit;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.PartnershipStatus;
import org.tsunagu.node.directory.PartnershipView;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.body.GlobalId;
import org.tsunagu.protocol.body.Partnership;

/**
 * Partnerships: this hub announces them, and endorses or retracts those it is a party to. A
 * partnership is confirmed once every party's hub has endorsed the announcement; the announcer's own
 * announcement counts as its endorsement, so one whose parties are all on this hub is confirmed at once.
 */
@Path("admin/v1/partnerships")
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
public final class PartnershipAdminResource {
    private final Writes writes;
    private final DirectoryService directory;
    private final HubId self;

    /** @param audiences seals an announcement whose write names an {@code audience} (SPEC §6.5) */
    public PartnershipAdminResource(
            GroupCommit commit, Publisher publisher, DirectoryService directory, Audiences audiences) {
        this.writes = new Writes(
                Writes.Kind.PARTNERSHIP,
                commit,
                publisher,
                (origin, id) -> directory.partnership(origin, id).isPresent(),
                audiences,
                (origin, id) -> directory
                        .partnership(origin, id)
                        .map(PartnershipView::sealed)
                        .isPresent());
        this.directory = directory;
        this.self = publisher.self();
    }

    /**
     * Announces a partnership (the {@code partnership.announce} body; {@code id} defaults to a UUID and
     * a party's {@code hub} to its organisation's origin). 409 if this hub already announced that id.
     * An {@code audience} member ({@link Audiences}) seals it; it must name every party's hub.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response announce(byte[] body) {
        ObjectNode record = RequestBodies.object(body);
        fillPartyHubs(record);
        return writes.create(record, "PUT re-announces it", this::result);
    }

    /**
     * Re-announces (replaces) a partnership of this hub; endorsements of the old announcement lapse. A
     * sealed one stays sealed only with an {@code audience} again, so the write must say: without one it
     * is refused (422 at {@code $.audience}) rather than published in clear by a form that did not know.
     */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reannounce(@PathParam("id") String id, byte[] body) {
        ObjectNode record = RequestBodies.object(body);
        fillPartyHubs(record);
        return writes.replace(id, record, this::result);
    }

    /**
     * This hub endorses the current announcement of {@code origin/id}, if it is a party's hub and has
     * not endorsed it yet (then nothing new is signed and the answer says so).
     */
    @POST
    @Path("{origin}/{id}/endorse")
    public Map<String, Object> endorse(@PathParam("origin") String origin, @PathParam("id") String id, byte[] body) {
        RequestBodies.onlyMembers(RequestBodies.optionalObject(body), List.of());
        GlobalId partnership = globalId(origin, id);
        Envelope envelope = writes.inTransaction(() -> {
            PartnershipView view = existing(partnership);
            requireParty(view);
            if (view.status() == PartnershipStatus.RETRACTED) {
                throw ApiException.conflict("partnership " + partnership + " is retracted");
            }
            if (view.endorsedBy().contains(self.value())) {
                return null;
            }
            ObjectNode endorsement = JsonNodeFactory.instance.objectNode();
            endorsement.put("partnership", partnership.toString());
            endorsement.put("announcement", view.announcement());
            return writes.publish(UpdateType.PARTNERSHIP_ENDORSE, endorsement);
        });
        return withPartnership(partnership, envelope);
    }

    /** This hub withdraws from {@code origin/id}; body {@code {"reason"?}}. Retracting twice signs nothing. */
    @POST
    @Path("{origin}/{id}/retract")
    public Map<String, Object> retract(@PathParam("origin") String origin, @PathParam("id") String id, byte[] body) {
        ObjectNode request = RequestBodies.optionalObject(body);
        RequestBodies.onlyMembers(request, List.of("reason"));
        GlobalId partnership = globalId(origin, id);
        Envelope envelope = writes.inTransaction(() -> {
            PartnershipView view = existing(partnership);
            requireParty(view);
            if (view.status() == PartnershipStatus.RETRACTED) {
                return null;
            }
            ObjectNode retraction = JsonNodeFactory.instance.objectNode();
            retraction.put("partnership", partnership.toString());
            if (request.has("reason")) {
                retraction.set("reason", request.get("reason"));
            }
            return writes.publish(UpdateType.PARTNERSHIP_RETRACT, retraction);
        });
        return withPartnership(partnership, envelope);
    }

    private PartnershipView existing(GlobalId partnership) {
        return directory
                .partnership(partnership.origin(), partnership.id())
                .orElseThrow(() -> ApiException.notFound("no partnership " + partnership));
    }

    private void requireParty(PartnershipView view) {
        if (view.sealed() != null && !view.sealed().opened()) {
            // Sealed to other hubs: this hub cannot read the parties, so it is none of them (SPEC §6.5).
            throw ApiException.conflict(
                    "hub " + self + " is not a party to " + view.globalId() + ": it is sealed to other hubs");
        }
        // The record is the announcement's validated body (opened here, if sealed).
        if (Partnership.fromBody(view.record()).parties().stream()
                .anyMatch(p -> p.hub().equals(self))) {
            return;
        }
        throw ApiException.conflict("hub " + self + " is not a party to " + view.globalId());
    }

    private static GlobalId globalId(String origin, String id) {
        if (GlobalId.tryParse(origin + "/" + id).isEmpty()) {
            throw ApiException.notFound("no partnership " + origin + "/" + id);
        }
        return GlobalId.parse(origin + "/" + id, "$");
    }

    /** A party may leave out its hub: it is the origin part of its organisation's global id. */
    private static void fillPartyHubs(ObjectNode record) {
        for (JsonNode party : record.path("parties")) {
            if (party instanceof ObjectNode object
                    && !object.has("hub")
                    && object.path("organization").isTextual()) {
                String organization = object.get("organization").textValue();
                int slash = organization.indexOf('/');
                if (slash > 0) {
                    object.put("hub", organization.substring(0, slash));
                }
            }
        }
    }

    private Map<String, Object> result(String id, Envelope envelope) {
        return answer(new GlobalId(self, id), WriteResult.of(id, envelope));
    }

    private Map<String, Object> withPartnership(GlobalId partnership, Envelope envelope) {
        return answer(partnership, envelope == null ? null : WriteResult.about(partnership.toString(), envelope));
    }

    /** What was signed (null if nothing new), and the partnership as it now stands. */
    private Map<String, Object> answer(GlobalId partnership, WriteResult write) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("write", write);
        result.put(
                "partnership",
                directory.partnership(partnership.origin(), partnership.id()).orElse(null));
        return result;
    }
}
