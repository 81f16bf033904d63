package org.tsunagu.node.ops.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.admin.BundleResource;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.OpsCli;
import org.tsunagu.node.ops.OpsNode;
import org.tsunagu.node.ops.StoreNode;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/**
 * A bundle carrying an origin this node has never pinned, through the admin API and the CLI, with
 * learn_origins on (the default: learned from its seq-1 hub.profile, as a relayed push would be) and
 * off (refused whole, naming the origin).
 */
class BundleOriginPolicyTest {
    @TempDir
    Path tmp;

    private final TestHub hubA = new TestHub("jp-alpha", 1);
    private byte[] bundleOfA;

    @BeforeEach
    void setUp() {
        List<Envelope> log = new ArrayList<>();
        log.add(hubA.profile());
        for (int i = 1; i <= 3; i++) {
            log.add(hubA.next(UpdateType.ORG_UPSERT, TestHub.org("org-" + i, "Organisation " + i, "JP")));
        }
        bundleOfA = StoreNode.bundleOf(tmp.resolve("carrier.db"), hubA, log);
    }

    private TestClient.Reply upload(OpsNode node) {
        return node.admin.send(node.admin
                .request("/admin/v1/bundles")
                .header("Content-Type", BundleResource.GZIP)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundleOfA)));
    }

    @Test
    void post_learnOriginsOn_unpinnedOriginLearnedFromItsProfile() {
        try (OpsNode node = new OpsNode(tmp.resolve("on"), "th-learns")) {
            TestClient.Reply reply = upload(node);

            assertEquals(200, reply.status(), reply.body());
            assertEquals(4, reply.json().get("accepted").asLong());
            assertEquals(
                    KeySource.LEARNED_FROM_PROFILE,
                    node.node.keys().history(hubA.id).get(0).source());
        }
    }

    @Test
    void post_learnOriginsOff_refusedNamingTheOriginAndNothingApplied() {
        Settings pinnedOnly = Settings.defaults().with(Settings.LEARN_ORIGINS, false);
        try (OpsNode node = new OpsNode(tmp.resolve("off"), "th-pinned", pinnedOnly)) {
            TestClient.Reply reply = upload(node);

            assertEquals(422, reply.status(), reply.body());
            assertTrue(
                    reply.json().get("detail").asText().contains("jp-alpha is not a hub this node follows"),
                    reply.body());
            JsonNode error = reply.json().get("errors").get(0);
            assertEquals("$.origin", error.get("path").asText());
            assertEquals(2, error.get("line").asInt(), "the first envelope, after the manifest");
            assertTrue(node.node.log().head(hubA.id).isEmpty());
            assertTrue(node.node.keys().currentKey(hubA.id).isEmpty(), "no key learned");
        }
    }

    @Test
    void post_learnOriginsOff_pinnedOriginStillAccepted() {
        Settings pinnedOnly = Settings.defaults().with(Settings.LEARN_ORIGINS, false);
        try (OpsNode node = new OpsNode(tmp.resolve("pinned"), "th-pinned", pinnedOnly).pin(hubA)) {
            assertEquals(200, upload(node).status());
        }
    }

    @Test
    void importBundle_followsLearnOriginsFromEveryPlaceItCanBeSet() throws IOException {
        Path file = tmp.resolve("a.ndjson.gz");
        Files.write(file, bundleOfA);
        Path env = receiver("ph-env");
        Path json = receiver("ph-json");
        Path flag = receiver("ph-flag");
        Path nodeJson = json.resolve("node.json");
        String text = Files.readString(nodeJson);
        Files.writeString(
                nodeJson, text.substring(0, text.lastIndexOf('}')) + ",\"settings\":{\"learn_origins\":false}}");
        Files.copy(nodeJson, flag.resolve("node.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        OpsCli.Run byEnv = OpsCli.run(
                Map.of("TSUNAGU_LEARN_ORIGINS", "false"), "import-bundle", "--data", env.toString(), file.toString());
        OpsCli.Run byNodeJson = OpsCli.run("import-bundle", "--data", json.toString(), file.toString());
        OpsCli.Run flagOverNodeJson =
                OpsCli.run("import-bundle", "--data", flag.toString(), "--learn-origins=true", file.toString());
        OpsCli.Run byDefault =
                OpsCli.run("import-bundle", "--data", receiver("ph-default").toString(), file.toString());

        for (OpsCli.Run refused : List.of(byEnv, byNodeJson)) {
            assertEquals(1, refused.status(), refused.toString());
            assertTrue(
                    refused.err().contains("line 2 (jp-alpha seq 1): UNKNOWN_ORIGIN: jp-alpha is not a hub this node"),
                    refused.err());
        }
        for (OpsCli.Run applied : List.of(flagOverNodeJson, byDefault)) {
            assertEquals(0, applied.status(), applied.toString());
            assertTrue(applied.out().contains("4 new envelopes"), applied.out());
        }
        assertEquals(0, OpsCli.run("verify", "--data", flag.toString()).status());
    }

    private Path receiver(String hub) {
        Path data = tmp.resolve(hub);
        OpsCli.init(data, hub);
        return data;
    }
}
