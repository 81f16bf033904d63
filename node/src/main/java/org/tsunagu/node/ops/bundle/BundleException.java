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
    private final long line;
    private final HubId origin;
    private final Long seq;

    public BundleException(long line, String path, String message) {
        this(line, null, null, path, message, null);
    }

    public BundleException(long line, HubId origin, Long seq, String path, String message, Throwable cause) {
        super(path, where(line, origin, seq) + message, cause);
        this.line = line;
        this.origin = origin;
        this.seq = seq;
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
