package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.glassfish.jersey.server.ResourceConfig;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.JsonMapperProvider;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/** A federation node on 127.0.0.1 with its own folder; can be stopped and started on the same port. */
final class TestNode implements AutoCloseable {
    final HubId hub;
    private final Path dir;
    private final boolean learnFromProfile;
    private final UnaryOperator<FederationConfig> tweak;
    private Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
    private int port;
    private TestDb db;
    private TestLog log;
    private Federation federation;
    private ApiServer server;
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    TestNode(Path dir, String hub, boolean learnFromProfile, UnaryOperator<FederationConfig> tweak) {
        this.hub = HubId.of(hub);
        this.dir = dir;
        this.learnFromProfile = learnFromProfile;
        this.tweak = tweak;
    }

    static TestNode start(Path dir, String hub) {
        TestNode n = new TestNode(dir, hub, true, c -> c);
        n.start();
        return n;
    }

    TestNode start() {
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        db = new TestDb(dir.resolve("tsunagu.db"));
        log = new TestLog(db, hub, key, Clock.systemUTC(), learnFromProfile);
        FederationConfig config =
                tweak.apply(FederationConfig.defaults(hub, this::url).quick());
        HttpMessageSigning signing = new HttpMessageSigning(log::key, Clock.systemUTC(), Duration.ofMinutes(5));
        federation = new Federation(config, db, log, signing, metrics, Clock.systemUTC());
        ResourceConfig rc = ApiServer.baseConfig(new JsonMapperProvider()).register(new TestPublicResource(hub, log));
        federation.resources().forEach(rc::register);
        server = ApiServer.start("127.0.0.1", port, rc);
        port = server.port();
        if (log.head(hub) == 0) {
            publish(
                    UpdateType.HUB_PROFILE,
                    FederationFixtures.json("{\"hub\":\"" + hub + "\",\"name\":\"" + hub
                            + "\",\"country\":\"JP\",\"url\":\"" + url() + "\"}"));
        }
        federation.start();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Envelope publish(UpdateType type, JsonNode body) {
        Envelope e = log.publish(type, body);
        if (federation != null) {
            federation.published();
        }
        return e;
    }

    Envelope publishOrg(String id, String name) {
        return publish(UpdateType.ORG_UPSERT, FederationFixtures.org(id, name));
    }

    Envelope rotate() {
        Ed25519KeyPair next = Ed25519KeyPair.generate(new SecureRandom());
        Envelope e = log.rotate(next);
        key = next;
        federation.published();
        return e;
    }

    TestLog log() {
        return log;
    }

    Federation federation() {
        return federation;
    }

    long head(TestNode origin) {
        return log.head(origin.hub);
    }

    /** Pins {@code peer} and follows everything it holds. */
    void follow(TestNode peer) {
        federation.peers().add(peer.url(), null);
        peer.federation.peers().add(url(), null);
        federation.peers().follow(peer.url(), OriginFilter.all());
    }

    void stop() {
        federation.close();
        server.close();
        try {
            db.close();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        federation = null;
    }

    @Override
    public void close() {
        if (federation != null) {
            stop();
        }
    }
}
