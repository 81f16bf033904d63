package org.tsunagu.protocol.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.body.Bodies;

/**
 * Any bytes handed to the envelope parser (a pushed body, a feed line, a bundle line) end in a parsed
 * envelope or a typed {@link ProtocolException}: never another exception, a hang or a memory blow-up.
 * Every build replays the saved inputs under {@code EnvelopeFuzzTestInputs/}; {@code scripts/fuzz}
 * searches for new ones.
 */
class EnvelopeFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void parse_anyBytes_parsesOrThrowsTypedError(byte[] input) {
        try {
            Envelope e = Envelope.parse(input);
            // A parsed envelope must also survive the checks the ingest path runs next.
            e.canonicalJson();
            e.hash();
            Bodies.validate(e);
        } catch (ProtocolException expected) {
            // the typed refusal the wire turns into problem+json
        }
    }
}
