package org.tsunagu.node.federation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.body.Bodies;

/**
 * Any body a peer sends as a feed page ({@code GET /v1/feeds/{origin}}, NDJSON) ends in envelopes or a
 * typed {@link PeerException}; each envelope then validates or fails with a typed error.
 */
class FeedPageFuzzTest {
    private static final HubId ORIGIN = HubId.of("jp-janic");

    @FuzzTest(maxDuration = "20s")
    void parseFeedPage_anyBody_envelopesOrTypedError(byte[] body) {
        try {
            for (Envelope e : PeerClient.parseFeedPage(body, "http://peer.invalid", ORIGIN, 50)) {
                try {
                    Bodies.validate(e);
                } catch (ProtocolException expected) {
                    // refused envelope: alerted, not stored
                }
            }
        } catch (PeerException expected) {
            // the page is refused and the pull retries later
        }
    }
}
