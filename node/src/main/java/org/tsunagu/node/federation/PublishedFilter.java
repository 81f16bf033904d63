package org.tsunagu.node.federation;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Wakes the pusher after every successful admin write (publish, import, partnership, rotation): the
 * transaction has committed by the time the response is filtered, so subscribers get the new envelopes
 * at once instead of at the next poll, without the write paths knowing about federation.
 */
final class PublishedFilter implements ContainerResponseFilter {
    private final Runnable published;

    PublishedFilter(Runnable published) {
        this.published = published;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (response.getStatus() / 100 == 2
                && !"GET".equals(method)
                && !"HEAD".equals(method)
                && request.getUriInfo().getPath().startsWith("admin/")) {
            published.run();
        }
    }
}
