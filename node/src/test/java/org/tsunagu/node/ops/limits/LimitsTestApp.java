package org.tsunagu.node.ops.limits;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.server.ResourceConfig;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.JsonMapperProvider;
import org.tsunagu.node.http.RawHttp;
import org.tsunagu.node.http.TestClient;

/** A server with the node's HTTP conventions and a few stand-in endpoints, for limit tests. */
final class LimitsTestApp {
    private LimitsTestApp() {}

    @Path("/")
    public static final class Endpoints {
        @GET
        @Path("v1/feeds")
        @Produces(MediaType.TEXT_PLAIN)
        public String feeds() {
            return "feeds";
        }

        @GET
        @Path("healthz")
        @Produces(MediaType.TEXT_PLAIN)
        public String health() {
            return "ok";
        }

        @GET
        @Path("admin/v1/alerts")
        @Produces(MediaType.TEXT_PLAIN)
        public String alerts() {
            return "alerts";
        }

        /** Stands in for the inbox: "verifies" when the test says so. */
        @POST
        @Path("v1/inbox")
        @Consumes(MediaType.WILDCARD)
        public Response inbox(@HeaderParam("X-Test-Verified") String verified) {
            return Response.status("yes".equals(verified) ? 200 : 401).build();
        }

        /** Reads the whole body, however slowly it comes. */
        @POST
        @Path("echo")
        @Consumes(MediaType.WILDCARD)
        @Produces(MediaType.TEXT_PLAIN)
        public String echo(byte[] body) {
            return Integer.toString(body.length);
        }
    }

    static ApiServer start(Object filter, Consumer<ResourceConfig> more, Consumer<NetworkListener> tuning) {
        ResourceConfig config = ApiServer.baseConfig(new JsonMapperProvider());
        config.register(new Endpoints());
        if (filter != null) {
            config.register(filter);
        }
        more.accept(config);
        return ApiServer.start("127.0.0.1", 0, config, tuning);
    }

    /** A server with {@code limits} applied, an HTTP client and a raw-socket client; closing it closes all. */
    static final class Running implements AutoCloseable {
        final ApiServer server;
        final TestClient client;
        final RawHttp raw;

        /** @param readBound how long a raw socket's read waits before the test fails */
        Running(ServerLimits limits, Duration readBound) {
            this.server = start(null, limits::register, limits::tune);
            this.client = new TestClient(server.baseUri(), null);
            this.raw = new RawHttp(server.port(), readBound);
        }

        @Override
        public void close() throws IOException {
            raw.close();
            server.close();
        }
    }
}
