package org.tsunagu.node.federation;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.HubId;

/** The public read surface a peer pulls from (served by the api package in production). */
@Path("/")
public final class TestPublicResource {
    private final HubId self;
    private final TestLog log;

    TestPublicResource(HubId self, TestLog log) {
        this.self = self;
        this.log = log;
    }

    @GET
    @Path(".well-known/tsunagu")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> hub() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("hub", self.value());
        doc.put("name", self.value());
        doc.put("key", log.currentKey(self).orElseThrow().value());
        List<String> first = log.feed(self, 0, 1);
        if (!first.isEmpty()) {
            doc.put("profile", FederationFixtures.json(first.get(0)));
        }
        return doc;
    }

    @GET
    @Path("v1/feeds")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> feeds() {
        List<Map<String, Object>> items = new ArrayList<>();
        log.heads().forEach((o, s) -> items.add(Map.of("origin", o.value(), "seq", s)));
        return Map.of("feeds", items);
    }

    @GET
    @Path("v1/feeds/{origin}")
    @Produces(PeerClient.NDJSON)
    public String feed(
            @PathParam("origin") String origin,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("1000") int limit) {
        StringBuilder sb = new StringBuilder();
        for (String line : log.feed(HubId.of(origin), after, Math.min(limit, 1000))) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
