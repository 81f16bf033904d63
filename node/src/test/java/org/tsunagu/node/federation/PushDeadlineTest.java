package org.tsunagu.node.federation;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tsunagu.node.federation.FederationFixtures.await;
import static org.tsunagu.node.federation.FederationFixtures.clientSigningWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Each push is ended at its deadline if still running. That deadline used to stay scheduled for its
 * full 60 s after the push had ended, holding the push's answer, request and body: a forum relaying to
 * 60 hubs kept hundreds of megabytes of finished pushes that way and ran out of heap.
 */
class PushDeadlineTest {
    @Test
    void finishedPushes_leaveNoDeadlineHoldingThem() throws Exception {
        WireMockServer peer =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        peer.start();
        try {
            peer.stubFor(post(urlPathEqualTo("/v1/inbox")).willReturn(okJson("{\"accepted\":[]}")));
            PeerClient client = clientSigningWith(Ed25519KeyPair.generate(new SecureRandom()));
            int before = PeerClient.pushDeadlinesPending();
            List<CompletableFuture<JsonNode>> pushes = new ArrayList<>();
            String body = "{\"padding\":\"" + "x".repeat(100_000) + "\"}";
            for (int i = 0; i < 50; i++) {
                pushes.add(client.push(peer.baseUrl() + "/v1/inbox", List.of(body)));
            }
            for (CompletableFuture<JsonNode> push : pushes) {
                assertEquals(0, push.get(30, TimeUnit.SECONDS).get("accepted").size());
            }
            // Each deadline leaves as its push's completion runs (just after the answer is handed on).
            await("the 50 deadlines released", () -> PeerClient.pushDeadlinesPending() <= before);
        } finally {
            peer.stop();
        }
    }
}
