package org.tsunagu.node.log;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tsunagu.node.directory.BodyRules;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.ProtocolException;

/**
 * Re-checks every stored envelope as if it had just arrived: canonical form, signature by the key
 * the key ring holds for that origin and seq, body rules, and the chain (seqs from 1 without gaps,
 * each prev the hash of the one before, the recorded head at the end). Signatures, the costly part,
 * are verified in parallel a page at a time; the chain is then walked in order.
 */
public final class LogVerifier {
    private static final int PAGE = 1000;

    /** One problem, at one envelope (seq 0 = the origin as a whole). */
    public record Fault(HubId origin, long seq, String message) {
        @Override
        public String toString() {
            return origin + (seq > 0 ? " seq " + seq : "") + ": " + message;
        }
    }

    /** What was checked, and every fault found. */
    public record Summary(int origins, long envelopes, List<Fault> faults) {
        public Summary {
            faults = List.copyOf(faults);
        }
    }

    private final LogStore log;
    private final KeyRing keys;
    private final Clock clock;

    public LogVerifier(LogStore log, KeyRing keys, Clock clock) {
        this.log = log;
        this.keys = keys;
        this.clock = clock;
    }

    public Summary verifyAll() {
        List<Fault> faults = new ArrayList<>();
        long envelopes = 0;
        List<FeedHead> heads = log.heads();
        for (FeedHead head : heads) {
            envelopes += verifyOrigin(head, faults);
        }
        return new Summary(heads.size(), envelopes, faults);
    }

    /** A parsed line and the fault found checking it on its own, if any. */
    private record Checked(String line, Envelope envelope, String fault) {}

    private long verifyOrigin(FeedHead head, List<Fault> faults) {
        HubId origin = head.origin();
        List<HubKey> history = keys.history(origin);
        long expectedSeq = 1;
        String prevHash = null;
        long count = 0;
        while (true) {
            List<String> page = new ArrayList<>(PAGE);
            log.streamFeed(origin, expectedSeq - 1, PAGE, page::add);
            if (page.isEmpty()) {
                break;
            }
            List<Checked> checked = page.parallelStream()
                    .map(line -> check(origin, line, history, clock))
                    .toList();
            for (Checked c : checked) {
                count++;
                if (c.envelope() == null) {
                    faults.add(new Fault(origin, expectedSeq, c.fault()));
                    return count;
                }
                Envelope e = c.envelope();
                if (e.seq() != expectedSeq) {
                    faults.add(new Fault(origin, expectedSeq, "gap: the next envelope held is seq " + e.seq()));
                    return count;
                }
                if (c.fault() != null) {
                    faults.add(new Fault(origin, e.seq(), c.fault()));
                }
                if (!Objects.equals(e.prev(), prevHash)) {
                    faults.add(new Fault(
                            origin,
                            e.seq(),
                            "prev " + e.prev() + " is not the hash of seq " + (e.seq() - 1) + " (" + prevHash + ")"));
                }
                prevHash = e.hash();
                expectedSeq = e.seq() + 1;
            }
        }
        if (expectedSeq - 1 != head.seq() || !Objects.equals(prevHash, head.hash())) {
            faults.add(new Fault(
                    origin,
                    0,
                    "the recorded head (seq " + head.seq() + ", " + head.hash()
                            + ") is not the last envelope held (seq " + (expectedSeq - 1) + ", " + prevHash + ")"));
        }
        return count;
    }

    private static Checked check(HubId origin, String line, List<HubKey> history, Clock clock) {
        Envelope e;
        try {
            e = Envelope.parse(line);
        } catch (ProtocolException ex) {
            return new Checked(line, null, "unparseable envelope at " + ex.path() + ": " + ex.getMessage());
        }
        if (!e.origin().equals(origin)) {
            return new Checked(line, e, "stored under " + origin + " but its origin is " + e.origin());
        }
        if (!e.canonicalJson().equals(line)) {
            return new Checked(line, e, "not stored in its canonical form");
        }
        KeyId expected = history.stream()
                .filter(k -> k.covers(e.seq()))
                .map(HubKey::key)
                .findFirst()
                .orElse(null);
        if (expected == null) {
            return new Checked(line, e, "no key of " + origin + " covers this seq");
        }
        if (!expected.equals(e.key())) {
            return new Checked(line, e, "signed by " + e.key() + " but the key for this seq is " + expected);
        }
        try {
            e.verifySignature(expected.publicKey());
            if (!e.isRedacted()) {
                // A redacted (erased) version 2 envelope still verifies and chains; it has no body to judge.
                BodyRules.validate(e.version(), origin, e.type(), e.body(), clock);
            }
        } catch (ProtocolException ex) {
            return new Checked(line, e, ex.getMessage() + " (" + ex.path() + ")");
        }
        return new Checked(line, e, null);
    }
}
