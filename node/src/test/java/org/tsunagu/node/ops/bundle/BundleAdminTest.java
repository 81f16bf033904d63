package org.tsunagu.node.ops.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.admin.BundleResource;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.OpsNode;
import org.tsunagu.node.ops.StoreNode;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/** Bundles through the admin API and the CLI, on nodes wired as {@code serve} wires them. */
class BundleAdminTest {
    @TempDir
    Path tmp;

    private final TestHub hubA = new TestHub("jp-alpha", 1);
    private final List<Envelope> logA = new ArrayList<>();
    private byte[] bundleOfA;
    private OpsNode node;

    @BeforeEach
    void setUp() throws IOException {
        logA.add(hubA.profile());
        for (int i = 1; i <= 10; i++) {
            logA.add(hubA.next(UpdateType.ORG_UPSERT, TestHub.org("org-" + i, "Organisation " + i, "JP")));
        }
        bundleOfA = StoreNode.bundleOf(tmp.resolve("carrier.db"), hubA, logA);
        node = new OpsNode(tmp.resolve("th"), "th-node");
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    private TestClient.Reply upload(TestClient client, byte[] bundle) {
        return client.send(client.request("/admin/v1/bundles")
                .header("Content-Type", BundleResource.GZIP)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bundle)));
    }

    @Test
    void post_bundleOfAPinnedOrigin_appliesItAndSaysWhat() {
        node.pin(hubA);

        TestClient.Reply reply = upload(node.admin, bundleOfA);

        assertEquals(200, reply.status(), reply.body());
        assertEquals(11, reply.json().get("accepted").asLong());
        assertEquals("jp-alpha", reply.json().at("/manifest/origins/0/origin").asText());
        assertEquals(11, node.node.log().head(hubA.id).orElseThrow().seq());
        TestClient.Reply org = node.anonymous.get("/v1/directory/organizations/jp-alpha/org-3");
        assertEquals(200, org.status(), org.body());
    }

    @Test
    void post_tamperedBundle_422NamingTheLineAndNothingApplied() {
        node.pin(hubA);
        byte[] tampered = BundleTest.rewrite(bundleOfA, lines -> {
            lines.set(4, lines.get(4).replace("Organisation 3", "Organisation Z"));
            return lines;
        });

        TestClient.Reply reply = upload(node.admin, tampered);

        assertEquals(422, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.contentType());
        JsonNode error = reply.json().get("errors").get(0);
        assertEquals(5, error.get("line").asInt(), "the edited line, lines.get(4): " + reply.body());
        assertTrue(node.node.log().head(hubA.id).isEmpty());
    }

    /**
     * Issue 10, attack 7: a fifth of the truncations of a valid bundle answered 500 (a cut inside the
     * manifest line). Every cut point: 422 TRUNCATED, nothing applied. Through the reader for every
     * point, through HTTP for a spread of them.
     */
    @Test
    void post_bundleCutAtEveryPoint_422TruncatedAndNothingApplied() {
        node.pin(hubA);
        for (int cut = 0; cut < bundleOfA.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(bundleOfA, cut);
            BundleException e = org.junit.jupiter.api.Assertions.assertThrows(
                    BundleException.class,
                    () -> {
                        try (BundleReader r = new BundleReader(new java.io.ByteArrayInputStream(part))) {
                            while (!r.next(100).isEmpty()) {
                                // read to the end
                            }
                        }
                    },
                    "cut at " + cut);
            assertEquals(BundleException.TRUNCATED, e.reason(), "cut at " + cut + ": " + e.getMessage());
        }
        for (int cut = 0; cut < bundleOfA.length; cut += Math.max(1, bundleOfA.length / 40)) {
            TestClient.Reply reply = upload(node.admin, java.util.Arrays.copyOf(bundleOfA, cut));
            assertEquals(422, reply.status(), "cut at " + cut + ": " + reply.body());
            assertTrue(reply.json().get("detail").asText().contains("TRUNCATED"), reply.body());
        }
        assertTrue(node.node.log().head(hubA.id).isEmpty());
    }

    @Test
    void post_withoutToken_401() {
        node.pin(hubA);
        assertEquals(401, upload(node.anonymous, bundleOfA).status());
        assertTrue(node.node.log().head(hubA.id).isEmpty());
    }

    @Test
    void post_largerThanSingleRequestLimit_accepted() throws IOException {
        // Bundles get the import body limit, not the 256 KiB one of single records.
        TestHub big = new TestHub("ph-big", 5);
        List<Envelope> log = new ArrayList<>();
        log.add(big.profile());
        Random random = new Random(7);
        for (int i = 0; i < 120; i++) {
            byte[] noise = new byte[3_000];
            random.nextBytes(noise);
            String text = Base64.getEncoder().encodeToString(noise);
            log.add(big.next(
                    UpdateType.ORG_UPSERT,
                    TestHub.org("o" + i, "Org " + i, "PH").put("description", text)));
        }
        byte[] bundle = StoreNode.bundleOf(tmp.resolve("big.db"), big, log);
        node.pin(big);
        assertTrue(bundle.length > ApiServer.DEFAULT_BODY_LIMIT, bundle.length + " bytes");

        TestClient.Reply reply = upload(node.admin, bundle);

        assertEquals(200, reply.status(), reply.body());
        assertEquals(121, reply.json().get("accepted").asLong());
    }

    @Test
    void get_download_isABundleAnotherNodeApplies() throws Exception {
        node.pin(hubA);
        upload(node.admin, bundleOfA);

        HttpResponse<byte[]> download = java.net.http.HttpClient.newHttpClient()
                .send(
                        node.admin
                                .request("/admin/v1/bundles?origins=jp-alpha&after=4")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, download.statusCode());
        assertEquals(
                BundleResource.GZIP,
                download.headers().firstValue("Content-Type").orElse(""));
        try (StoreNode other = new StoreNode(tmp.resolve("other.db")).pin(hubA)) {
            other.ingestAll(logA.subList(0, 4));
            BundleImportResult result =
                    new BundleImporter(other.db, other.ingestor).importFrom(new ByteArrayInputStream(download.body()));
            assertEquals(7, result.accepted());
            assertEquals(5, result.manifest().origins().get(0).from());
        }
    }

    @Test
    void get_unknownOrigin_400() {
        TestClient.Reply reply = node.admin.get("/admin/v1/bundles?origins=xx-nobody");
        assertEquals(400, reply.status(), reply.body());
    }
}
