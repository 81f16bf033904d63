package org.tsunagu.node.ops.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a bundle: gzip-compressed NDJSON, the manifest on the first line, then one envelope (its
 * canonical JSON, exactly as signed) per line. {@link #close()} refuses to finish a bundle holding a
 * different number of envelopes than its manifest says.
 */
public final class BundleWriter implements Closeable {
    private static final int BUFFER = 64 * 1024;

    private final GZIPOutputStream out;
    private final BundleManifest manifest;
    private long written;
    private boolean closed;

    public BundleWriter(OutputStream target, BundleManifest manifest) throws IOException {
        this.out = new GZIPOutputStream(target, BUFFER);
        this.manifest = manifest;
        line(manifest.toLine());
    }

    /** Appends one envelope's canonical JSON (without a newline). */
    public void write(String canonicalEnvelope) throws IOException {
        if (written == manifest.count()) {
            throw new IllegalStateException("the manifest announces " + manifest.count() + " envelopes");
        }
        line(canonicalEnvelope);
        written++;
    }

    private void line(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    /** Envelopes written so far. */
    public long written() {
        return written;
    }

    /** Finishes the gzip stream and closes the target. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            out.finish();
        }
        if (written != manifest.count()) {
            throw new IllegalStateException(
                    "wrote " + written + " envelopes but the manifest announces " + manifest.count());
        }
    }
}
