package org.tsunagu.node.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.Optional;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.Problem;
import org.tsunagu.node.log.FeedHead;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.protocol.Envelope;
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
            @HeaderParam(ProtocolVersions.HEADER) String versions,
            @Context UriInfo uri) {
        HubId origin = Params.origin(originText);
        long after = Params.longParam("after", afterText, 0, 0, MAX_SEQ);
        int requested = Params.limitParam(limitText, DEFAULT_LIMIT, LogStore.MAX_FEED_LIMIT);
        LogChain.Head head =
                log.head(origin).orElseThrow(() -> ApiException.notFound("no log of " + origin + " is held here"));
        int limit = requested;
        if (!ProtocolVersions.declares2(versions) && head.version() >= Envelope.VERSION_2) {
            // SPEC §10.4: a reader that did not declare version 2 gets none; its page ends before the
            // first one, and a page that would start with one is refused, saying from where.
            Optional<Long> v2 = log.firstVersion2Seq(origin, after, requested);
            if (v2.isPresent()) {
                if (v2.get() == after + 1) {
                    return versionRefusal(origin, log.firstVersion2Seq(origin).orElse(v2.get()));
                }
                limit = (int) (v2.get() - 1 - after);
            }
        }
        int pageLimit = limit;
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            // A chunk at a time: a slow reader never holds one of the few database read connections
            // while the network drains, and memory stays bounded. The log only grows, so chunks agree.
            long next = after;
            int left = pageLimit;
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
                    .queryParam("limit", requested)
                    .build()
                    .toString();
            response.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    private static Response versionRefusal(HubId origin, long sinceSeq) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:tsunagu:problem:version");
        problem.put("title", "This log is in a protocol version the request did not declare");
        problem.put("status", 406);
        problem.put(
                "detail",
                origin + "'s log is version 2 from seq " + sinceSeq + "; send " + ProtocolVersions.HEADER + ": "
                        + ProtocolVersions.READ + " if you read it (SPEC §10.4)");
        problem.put("origin", origin.value());
        problem.put("since_seq", sinceSeq);
        problem.put("errors", List.of(Map.of("path", ProtocolVersions.HEADER, "message", "must declare version 2")));
        return Response.status(406).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
