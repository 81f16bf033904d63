package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.staff.AuditLog;

/**
 * Records every state-changing admin request, whoever made it (a staff account or the bearer token),
 * with its answer's status and the signed envelopes the answer names ({@code origin}, {@code seq} and
 * {@code hash} of a write result, at any depth): the audit trail of who signed what.
 */
public final class AuditFilter implements ContainerResponseFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);
    private static final int MAX_ENVELOPES = 1000;

    private final AuditLog audit;
    private final ObjectMapper mapper;

    public AuditFilter(AuditLog audit, ObjectMapper mapper) {
        this.audit = audit;
        this.mapper = mapper;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object actor = request.getProperty(AdminAuthFilter.ACTOR);
        if (actor == null || StaffPaths.isSafe(request.getMethod())) {
            return;
        }
        List<String> envelopes = new ArrayList<>();
        Object entity = response.getEntity();
        if (entity != null && response.getStatus() < 300) {
            try {
                collect(mapper.valueToTree(entity), envelopes);
            } catch (IllegalArgumentException e) {
                // A streamed answer (a bundle) names no envelope we can read here.
            }
        }
        String path = "/" + AdminAuthFilter.relative(request.getUriInfo().getPath());
        String action = request.getMethod() + " " + path;
        try {
            audit.record(actor.toString(), action, response.getStatus(), envelopes);
        } catch (RuntimeException e) {
            // A full disk refuses the audit row too. The answer must stay what the request got (a 507
            // says why it was refused; a 201 was signed and kept): turning it into a 500 here would
            // hide both. The row's loss is logged instead.
            LOG.error(
                    "audit trail not written for {} {} ({}): {}",
                    action,
                    response.getStatus(),
                    e.getClass().getSimpleName(),
                    e.getMessage());
        }
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node == null || out.size() >= MAX_ENVELOPES) {
            return;
        }
        if (node.isObject()
                && node.path("seq").isIntegralNumber()
                && node.path("hash").isTextual()
                && node.path("origin").isTextual()) {
            out.add(node.get("origin").asText() + "/" + node.get("seq").asLong() + " "
                    + node.get("hash").asText());
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
