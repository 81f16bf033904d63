package org.tsunagu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.sign.Ed25519PublicKey;

/** init -> serve -> add organisations -> search -> read the feed -> verify it with the protocol library. */
class NodeEndToEndIT {
    @TempDir
    Path tmp;

    private static final String JANIC = """
            {"id": "janic", "name": "国際協力NGOセンター",
             "names": {"ja": "国際協力NGOセンター", "en": "Japan NGO Center for International Cooperation"},
             "alternate_names": ["JANIC"], "country": "JP", "sectors": ["15150"], "languages": ["ja", "en"],
             "website": "https://www.janic.org/"}
            """;
    private static final String PEACE_WINDS = """
            {"id": "peace-winds", "name": "Peace Winds Japan", "country": "JP",
             "description": "Emergency relief and reconstruction after disasters and conflicts.",
             "sectors": ["72010"], "languages": ["en", "ja"]}
            """;

    @Test
    void initServeWriteSearchFeedVerify() throws Exception {
        Path data = tmp.resolve("data");
        NodeProcess.Result init = NodeProcess.run(
                "init",
                "--data",
                data.toString(),
                "--hub",
                "jp-e2e",
                "--name",
                "E2E hub",
                "--country",
                "JP",
                "--url",
                "http://127.0.0.1:8080/");
        assertEquals(0, init.status(), init.out());
        Matcher token = Pattern.compile("admin token\\s+(\\S+)").matcher(init.out());
        assertTrue(token.find(), init.out());

        try (NodeProcess node = NodeProcess.serve(data)) {
            TestClient admin = new TestClient(node.base(), token.group(1));
            TestClient.Reply created = admin.postJson("/admin/v1/organizations", JANIC);
            assertEquals(201, created.status(), created.body());
            assertTrue(created.header("Location").endsWith("/v1/directory/organizations/jp-e2e/janic"));
            assertEquals(
                    201, admin.postJson("/admin/v1/organizations", PEACE_WINDS).status());

            TestClient anyone = new TestClient(node.base(), null);
            assertEquals(
                    401, anyone.postJson("/admin/v1/organizations", PEACE_WINDS).status());
            assertEquals(List.of("janic"), searchIds(anyone, "国際協力"));
            assertEquals(List.of("janic"), searchIds(anyone, "JANIC"));
            assertEquals(List.of("peace-winds"), searchIds(anyone, "reconstruction"));

            JsonNode hub = anyone.get("/.well-known/tsunagu").json();
            assertEquals("jp-e2e", hub.get("hub").asText());
            Ed25519PublicKey key = KeyId.parse(hub.get("key").asText(), "$.key").publicKey();

            JsonNode feeds = anyone.get("/v1/feeds").json();
            assertEquals(3, feeds.get("feeds").get(0).get("seq").longValue(), feeds.toString());

            TestClient.Reply feed = anyone.get("/v1/feeds/jp-e2e");
            assertEquals(200, feed.status());
            assertTrue(feed.contentType().startsWith("application/x-ndjson"), feed.contentType());
            List<Envelope> envelopes = verifiedChain(feed.body(), key);
            assertEquals(3, envelopes.size());
            assertEquals("hub.profile", envelopes.get(0).type().wire());
            assertEquals("国際協力NGOセンター", envelopes.get(1).body().get("name").asText());
            assertEquals(
                    feeds.get("feeds").get(0).get("hash").asText(),
                    envelopes.get(2).hash());
            node.stop();
        }
        NodeProcess.Result verify = NodeProcess.run("verify", "--data", data.toString());
        assertEquals(0, verify.status(), verify.out());
    }

    @Test
    void serveWithSeed_importsOnceThenSignsNothingNew() throws Exception {
        Path data = tmp.resolve("data");
        Path seed = tmp.resolve("seed.json");
        Files.writeString(seed, "[" + JANIC + "," + PEACE_WINDS + "]");
        try (NodeProcess node =
                NodeProcess.serve(data, "--hub", "jp-seed", "--country", "JP", "--seed", seed.toString())) {
            TestClient anyone = new TestClient(node.base(), null);
            assertEquals(List.of("janic"), searchIds(anyone, "JANIC"));
            node.stop();
        }
        try (NodeProcess node = NodeProcess.serve(data, "--seed", seed.toString())) {
            JsonNode feeds = new TestClient(node.base(), null).get("/v1/feeds").json();
            assertEquals(3, feeds.get("feeds").get(0).get("seq").longValue(), "the second start signs nothing");
            node.stop();
        }
    }

    private static List<String> searchIds(TestClient client, String q) {
        TestClient.Reply reply =
                client.get("/v1/directory/organizations?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
        assertEquals(200, reply.status(), reply.body());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : reply.json().get("items")) {
            ids.add(item.get("id").asText());
            assertNotNull(item.get("provenance").get("seq"));
        }
        return ids;
    }

    /** Parses each NDJSON line, checks it is canonical, signed by {@code key} and chained to the last. */
    static List<Envelope> verifiedChain(String ndjson, Ed25519PublicKey key) {
        List<Envelope> envelopes = new ArrayList<>();
        LogChain.Head head = null;
        for (String line : ndjson.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Envelope envelope = Envelope.parse(line);
            assertEquals(line, envelope.canonicalJson(), "feed lines are the canonical form");
            envelope.verifySignature(key);
            List<Envelope> held = envelopes;
            assertEquals(
                    LogChain.Outcome.APPEND,
                    LogChain.check(
                            head, envelope, seq -> held.get((int) seq - 1).hash()));
            head = new LogChain.Head(envelope.origin(), envelope.seq(), envelope.hash());
            envelopes.add(envelope);
        }
        return envelopes;
    }
}
