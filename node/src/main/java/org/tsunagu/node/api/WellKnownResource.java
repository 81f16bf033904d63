package org.tsunagu.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.KeyId;

/**
 * The hub document peers fetch first: who this hub is, the key to pin (with a fingerprint for
 * out-of-band checking), where its endpoints are, and its latest signed {@code hub.profile}.
 */
@Path(".well-known/tsunagu")
public final class WellKnownResource {
    private final NodeConfig config;
    private final Publisher publisher;
    private final Supplier<Optional<Envelope>> latestProfile;

    public WellKnownResource(NodeConfig config, Publisher publisher, Supplier<Optional<Envelope>> latestProfile) {
        this.config = config;
        this.publisher = publisher;
        this.latestProfile = latestProfile;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> hub() {
        KeyId key = publisher.currentKey();
        URI base = URI.create(config.url().endsWith("/") ? config.url() : config.url() + "/");
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("feeds", base.resolve("v1/feeds").toString());
        endpoints.put(
                "organizations", base.resolve("v1/directory/organizations").toString());
        endpoints.put("partnerships", base.resolve("v1/directory/partnerships").toString());
        endpoints.put("hubs", base.resolve("v1/directory/hubs").toString());
        endpoints.put("health", base.resolve("healthz").toString());

        Map<String, Object> hub = new LinkedHashMap<>();
        hub.put("protocol", Envelope.VERSION);
        hub.put("versions", ProtocolVersions.READ_LIST);
        hub.put("hub", config.hub().value());
        hub.put("name", config.name());
        hub.put("country", config.country());
        hub.put("url", config.url());
        hub.put("key", key.value());
        hub.put("key_fingerprint", key.fingerprint());
        hub.put("endpoints", endpoints);
        hub.put("profile", latestProfile.get().map(e -> (JsonNode) e.toJson()).orElse(null));
        return hub;
    }
}
