package org.tsunagu.node.ops.bundle;

import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;

/**
 * A bundle that cannot be applied: unreadable, cut short, not what its manifest claims, or holding an
 * envelope the ingest path refuses. Nothing of such a bundle is applied. It names where: the line of
 * the (decompressed) NDJSON file, 1 being the manifest, and for an envelope its origin and seq, with the
 * JSON path inside that line.
 */
public class BundleException extends ProtocolException {
    /** The reason of a file that cannot be read as a bundle or does not match its manifest. */
    public static final String MALFORMED = "MALFORMED";
    /** The reason of a file that ends before its manifest's last envelope. */
    public static final String TRUNCATED = "TRUNCATED";

    private final String reason;
    private final long line;
    private final HubId origin;
    private final Long seq;

    public BundleException(long line, String path, String message) {
        this(MALFORMED, line, null, null, path, message, null);
    }

    public BundleException(long line, HubId origin, Long seq, String path, String message, Throwable cause) {
        this(MALFORMED, line, origin, seq, path, message, cause);
    }

    /**
     * @param reason {@link #MALFORMED}, {@link #TRUNCATED}, or what the ingest path refused the envelope
     *     for ({@code BAD_SIGNATURE}, {@code UNKNOWN_ORIGIN}, {@code GAP}, {@code EQUIVOCATION}...)
     */
    public BundleException(
            String reason, long line, HubId origin, Long seq, String path, String message, Throwable cause) {
        super(path, where(line, origin, seq) + message, cause);
        this.reason = reason;
        this.line = line;
        this.origin = origin;
        this.seq = seq;
    }

    /** Why the bundle was refused, as a short upper-case code (for metrics and scripts). */
    public String reason() {
        return reason;
    }

    private static String where(long line, HubId origin, Long seq) {
        String at = line > 0 ? "line " + line : "bundle";
        if (origin != null) {
            at += " (" + origin + (seq == null ? "" : " seq " + seq) + ")";
        }
        return at + ": ";
    }

    /** 1-based line of the decompressed file; 0 when the fault is the file as a whole. */
    public long line() {
        return line;
    }

    /** The origin of the envelope at fault, or null. */
    public HubId origin() {
        return origin;
    }

    /** The seq of the envelope at fault, or null. */
    public Long seq() {
        return seq;
    }
}
