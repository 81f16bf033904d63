package org.tsunagu.node.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Closes what Jersey would read leniently or answer without a problem document, on every path (after
 * admin authentication, which comes first on {@code /admin/} paths):
 *
 * <ul>
 *   <li>matrix parameters ({@code /admin/v1/organizations/a;b}): Jersey drops {@code ;b} and acts on
 *       {@code a}; refused 400 with the path;
 *   <li>two Content-Type headers, or one naming several types: 415 (Jersey answers an empty 400);
 *   <li>a Content-Type that is not a media type ({@code ???/;;}): 400 (Jersey answers an empty 400).
 * </ul>
 *
 * As a response filter it gives any error Jersey answers without a body (a header it could not parse,
 * e.g. {@code Accept}) a problem document.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION + 1)
public final class RequestShapeFilter implements ContainerRequestFilter, ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String rawPath = request.getUriInfo().getRequestUri().getRawPath();
        if (rawPath != null && rawPath.indexOf(';') >= 0) {
            throw new ApiException(
                    400,
                    "matrix parameters are not supported: a path must not contain \";\" (write it as %3B)",
                    List.of(ProblemError.of("path", "contains \";\" at " + rawPath.indexOf(';'))));
        }
        List<String> types = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (types == null || types.isEmpty()) {
            return;
        }
        if (types.size() > 1 || listsSeveral(types.get(0))) {
            throw new ApiException(
                    415,
                    "a request has one Content-Type",
                    List.of(ProblemError.of(
                            "Content-Type", "sent " + types.size() + " times or naming several types")));
        }
        try {
            MediaType type = MediaType.valueOf(types.get(0).strip());
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                throw new ApiException(
                        415,
                        "Content-Type must name one type, not a wildcard",
                        List.of(ProblemError.of("Content-Type", "is a wildcard")));
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    400,
                    "Content-Type is not a media type",
                    List.of(ProblemError.of("Content-Type", "expected type/subtype, e.g. application/json")));
        }
    }

    /** A comma outside a quoted parameter value separates two media types. */
    private static boolean listsSeveral(String value) {
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++;
            } else if (c == ',' && !quoted) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && !response.hasEntity() && !"HEAD".equals(request.getMethod())) {
            String path = request.getUriInfo().getRequestUri().getRawPath();
            String detail = status == 400 ? "a request header could not be parsed" : null;
            Problem problem = new Problem("about:blank", ProblemMapper.phrase(status), status, detail, path, List.of());
            response.setEntity(problem, new java.lang.annotation.Annotation[0], MediaType.valueOf(Problem.MEDIA_TYPE));
        }
    }
}
