package org.tsunagu.node.api;

import java.util.List;
import org.tsunagu.protocol.Envelope;

/**
 * How nodes tell each other which envelope versions they read (SPEC §10.4): the hub document's {@code
 * "versions"} and the {@code Tsunagu-Versions} header sent with every feed request, subscription and
 * push. A peer that does not declare version 2 is sent no version 2 envelope.
 */
public final class ProtocolVersions {
    /** The request header. */
    public static final String HEADER = "Tsunagu-Versions";
    /** What this node reads, as the header says it. */
    public static final String READ = Envelope.VERSION + ", " + Envelope.VERSION_2;
    /** What this node reads, as the hub document says it. */
    public static final List<Integer> READ_LIST = List.of(Envelope.VERSION, Envelope.VERSION_2);

    private ProtocolVersions() {}

    /** Whether a {@code Tsunagu-Versions} value ({@code null} when absent) declares version 2. */
    public static boolean declares2(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",", 16)) {
            if (part.strip().equals(String.valueOf(Envelope.VERSION_2))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a canonical envelope line is version 2 (every one, full or redacted, ends {@code "v":2}}). */
    public static boolean isVersion2(String canonicalEnvelope) {
        return canonicalEnvelope.endsWith("\"v\":2}");
    }
}
