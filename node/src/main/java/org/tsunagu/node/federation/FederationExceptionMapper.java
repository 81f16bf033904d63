package org.tsunagu.node.federation;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem documents for federation refusals and unreachable peers. */
public final class FederationExceptionMapper implements ExceptionMapper<FederationException> {
    @Override
    public Response toResponse(FederationException e) {
        int status = e.status();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put(
                "title",
                Response.Status.fromStatusCode(status) == null
                        ? "Error"
                        : Response.Status.fromStatusCode(status).getReasonPhrase());
        problem.put("status", status);
        problem.put("detail", e.getMessage());
        if (e.path() != null) {
            problem.put("errors", java.util.List.of(Map.of("path", e.path(), "message", e.getMessage())));
        }
        return Response.status(status)
                .type("application/problem+json")
                .entity(problem)
                .build();
    }
}
