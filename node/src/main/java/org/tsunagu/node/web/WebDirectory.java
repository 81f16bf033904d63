package org.tsunagu.node.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.export.ExportResource;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.protocol.HubId;

/**
 * The web directory's HTTP resources, for {@code app.NodeAssembly} to register: the page and its assets, the
 * filters' counts, the hubs page's data, and the CSV and HSDS exports.
 */
public final class WebDirectory {
    private WebDirectory() {}

    public static List<Object> resources(
            ObjectMapper mapper,
            DirectoryService directory,
            LogStore log,
            KeyRing keys,
            AlertStore alerts,
            FollowStatus follows,
            HubId self,
            Clock clock) {
        FacetService facets = new FacetService(directory, FacetService.DEFAULT_LIMIT);
        return List.of(
                new WebResource(WebAssets.lazily(() -> WebAssets.load(mapper))),
                new ConsoleResource(WebAssets.lazily(() -> WebAssets.console(mapper))),
                new FacetsResource(facets),
                new AggregatesResource(facets),
                new NetworkResource(directory, facets),
                new HubStatusResource(new HubStatusService(directory, log, keys, alerts, follows, self, clock)),
                new ExportResource(directory::searchOrganizations, mapper));
    }
}
