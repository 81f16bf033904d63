package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.federation.FederationException;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ProblemError;
import org.tsunagu.node.log.Alert;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.protocol.canon.StrictJson;

/** Admin calls for alerts: list (severe first), acknowledge one or many (behind the admin token filter). */
@AdminApi
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AlertAdminResource {
    /** One alert at {@code GET /admin/v1/alerts}; {@code details} is a JSON object when present. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlertView(
            @JsonProperty("id") long id,
            @JsonProperty("kind") String kind,
            @JsonProperty("peer") String peer,
            @JsonProperty("origin") String origin,
            @JsonProperty("seq") Long seq,
            @JsonProperty("message") String message,
            @JsonProperty("details") JsonNode details,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("acknowledged_at") String acknowledgedAt,
            @JsonProperty("count") long count,
            @JsonProperty("last_seen_at") String lastSeenAt,
            @JsonProperty("address") String address) {
        static AlertView of(Alert a) {
            return new AlertView(
                    a.id(),
                    a.kind(),
                    a.peer(),
                    a.origin(),
                    a.seq(),
                    a.message(),
                    a.details() == null ? null : StrictJson.parse(a.details().getBytes(StandardCharsets.UTF_8)),
                    a.createdAt().toString(),
                    a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString(),
                    a.count(),
                    a.lastSeenAt().toString(),
                    a.address());
        }
    }

    /**
     * {@code POST /admin/v1/alerts/acknowledge} body: acknowledges every open alert of {@code kind} (any
     * kind when absent) with an id up to {@code through} (any when absent).
     */
    public record AcknowledgeAlerts(
            @JsonProperty("kind") String kind,
            @JsonProperty("through") Long through) {}

    private final AlertStore alerts;

    public AlertAdminResource(AlertStore alerts) {
        this.alerts = alerts;
    }

    /**
     * Every kind of alert (equivocations, key rotations and keys learned, envelopes and requests refused,
     * replays, failing peers), newest first; {@code kind} narrows the list.
     */
    @GET
    @Path("alerts")
    public Map<String, Object> alerts(
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("kind") String kind,
            @QueryParam("order") @DefaultValue("severe") String order) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        if (!order.equals("severe") && !order.equals("newest")) {
            throw ApiException.badParameter("order", "severe (the default: severe kinds first) or newest");
        }
        List<Alert> items;
        if (kind != null) {
            items = alerts.list(kind, bounded);
        } else {
            items = order.equals("newest") ? alerts.newest(bounded) : alerts.list(bounded);
        }
        return Map.of("items", items.stream().map(AlertView::of).toList(), "open", alerts.openCount());
    }

    /**
     * Acknowledges many alerts at once: every open one of a kind, or every open one up to an id (both may
     * be given; an empty body acknowledges every open alert). Answers how many were acknowledged.
     */
    @POST
    @Path("alerts/acknowledge")
    public Map<String, Object> acknowledgeMany(AcknowledgeAlerts request) {
        String kind = request == null ? null : request.kind();
        Long through = request == null ? null : request.through();
        if (kind != null && kind.isBlank()) {
            throw new ApiException(
                    422, "kind must name a kind of alert", List.of(ProblemError.of("$.kind", "must not be blank")));
        }
        if (through != null && through < 1) {
            throw new ApiException(
                    422, "through must be an alert id", List.of(ProblemError.of("$.through", "must be at least 1")));
        }
        return Map.of("acknowledged", alerts.acknowledgeAll(kind, through));
    }

    /** Marks an alert as seen (it stays listed, with {@code acknowledged_at}). */
    @POST
    @Path("alerts/{id}/acknowledge")
    public AlertView acknowledge(@PathParam("id") long id) {
        if (!alerts.acknowledge(id)) {
            throw new FederationException(404, "no alert " + id);
        }
        return alerts.find(id).map(AlertView::of).orElseThrow();
    }
}
