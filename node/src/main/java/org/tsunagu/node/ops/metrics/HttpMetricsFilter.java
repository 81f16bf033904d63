package org.tsunagu.node.ops.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.time.Duration;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every request, tagged by method, route template (never the raw path: ids in paths would make
 * the number of series unbounded) and status. Pre-matching, so requests refused before reaching a
 * resource (401, 404, 413, 429) are timed too.
 */
@PreMatching
@Priority(1) // first in, so requests another filter refuses (413, 401, 429) are timed as well
public final class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String NAME = "tsunagu.http.requests";
    private static final String START = HttpMetricsFilter.class.getName() + ".start";
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;

    public HttpMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object start = request.getProperty(START);
        if (!(start instanceof Long startNanos)) {
            return;
        }
        Timer.builder(NAME)
                .description("HTTP requests served, by method, route template and status")
                .tag("method", request.getMethod())
                .tag("route", route(request))
                .tag("status", Integer.toString(response.getStatus()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String route(ContainerRequestContext request) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info)) {
            return "unknown";
        }
        List<UriTemplate> templates = info.getMatchedTemplates();
        if (templates.isEmpty()) {
            return "unmatched";
        }
        StringBuilder route = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            route.append('/').append(templates.get(i).getTemplate());
        }
        return normalize(route.toString());
    }

    /**
     * One slash between segments and none at the end: a resource at {@code "/"} with a method at {@code
     * "/hubs"} is {@code /hubs}, never {@code //hubs}; the root alone is {@code /}.
     */
    static String normalize(String route) {
        String collapsed = route.replaceAll("/{2,}", "/");
        return collapsed.length() > 1 && collapsed.endsWith("/")
                ? collapsed.substring(0, collapsed.length() - 1)
                : collapsed;
    }
}
