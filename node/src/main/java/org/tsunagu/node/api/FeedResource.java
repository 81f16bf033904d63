package org.tsunagu.node.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.log.FeedHead;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.LogChain;

/**
 * The logs this node holds, for peers to pull: the list of origins with their heads, and each origin's
 * envelopes in order as NDJSON, one canonical (signed) envelope per line, streamed from the database.
 */
@Path("v1/feeds")
public final class FeedResource {
    public static final String NDJSON = "application/x-ndjson";
    static final int DEFAULT_LIMIT = 1000;
    private static final int CHUNK = 256;
    private static final long MAX_SEQ = (1L << 53) - 1;

    private final LogStore log;

    public FeedResource(LogStore log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> feeds() {
        List<Map<String, Object>> feeds =
                log.heads().stream().map(FeedResource::view).toList();
        return Map.of("feeds", feeds);
    }

    private static Map<String, Object> view(FeedHead head) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("origin", head.origin().value());
        view.put("seq", head.seq());
        view.put("hash", head.hash());
        view.put("updated_at", head.updatedAt().toString());
        return view;
    }

    /**
     * Envelopes with seq greater than {@code after}, at most {@code limit}. Seqs have no gaps, so the
     * page's end is known before streaming: a {@code Link: rel="next"} header names the next page.
     */
    @GET
    @Path("{origin}")
    @Produces(NDJSON)
    public Response feed(
            @PathParam("origin") String originText,
            @QueryParam("after") String afterText,
            @QueryParam("limit") String limitText,
            @Context UriInfo uri) {
        HubId origin = Params.origin(originText);
        long after = Params.longParam("after", afterText, 0, 0, MAX_SEQ);
        int limit = Params.limitParam(limitText, DEFAULT_LIMIT, LogStore.MAX_FEED_LIMIT);
        LogChain.Head head =
                log.head(origin).orElseThrow(() -> ApiException.notFound("no log of " + origin + " is held here"));
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            // A chunk at a time: a slow reader never holds one of the few database read connections
            // while the network drains, and memory stays bounded. The log only grows, so chunks agree.
            long next = after;
            int left = limit;
            while (left > 0) {
                List<String> chunk = new ArrayList<>(Math.min(left, CHUNK));
                log.streamFeed(origin, next, Math.min(left, CHUNK), chunk::add);
                for (String line : chunk) {
                    writer.write(line);
                    writer.write('\n');
                }
                if (chunk.size() < Math.min(left, CHUNK)) {
                    break;
                }
                next += chunk.size();
                left -= chunk.size();
            }
            writer.flush();
        };
        Response.ResponseBuilder response = Response.ok(body, NDJSON).header("Tsunagu-Head-Seq", head.seq());
        if (after + limit < head.seq()) {
            String next = uri.getAbsolutePathBuilder()
                    .queryParam("after", after + limit)
                    .queryParam("limit", limit)
                    .build()
                    .toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }
}
