package org.tsunagu.node.ops.bundle;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.tsunagu.node.ops.bundle.BundleManifest.OriginRange;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.canon.StrictJson;

/**
 * Reads a bundle envelope by envelope, holding it to its manifest as it goes: every line parses as an
 * envelope, each origin's envelopes come in seq order from the manifest's {@code from}, each one's
 * {@code prev} is the hash of the one before, the last one's hash is the manifest's head, and the file
 * ends (gzip trailer and checksum included) exactly after {@code count} envelopes. Signatures are the
 * ingest path's job; this class only makes sure the file is whole and is what it says it is.
 *
 * <p>Memory stays bounded whatever the file: one line at most {@link #MAX_LINE_BYTES}, one batch.
 */
public final class BundleReader implements Closeable {
    /** An envelope line is at most what the protocol parser accepts, plus its newline. */
    public static final int MAX_LINE_BYTES = StrictJson.MAX_MESSAGE_BYTES + 1;

    /** One envelope of the bundle and the line it was on. */
    public record Entry(long line, Envelope envelope) {}

    private final InputStream in;
    private final BundleManifest manifest;
    private final Map<HubId, Progress> progress = new HashMap<>();
    private static final int CHUNK = 64 * 1024;
    // Own buffering: a byte at a time through BufferedInputStream would take its lock per byte.
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private byte[] buffer = new byte[8 * 1024];
    private long line;
    private long envelopes;
    private boolean finished;

    /** Where an origin's chain in this bundle has got to. */
    private static final class Progress {
        final OriginRange range;
        long nextSeq;
        String lastHash;
        long lastLine;

        Progress(OriginRange range) {
            this.range = range;
            this.nextSeq = range.from();
        }
    }

    /** Opens a bundle and reads its manifest. */
    public BundleReader(InputStream compressed) {
        try {
            this.in = new GZIPInputStream(compressed, CHUNK);
        } catch (ZipException e) {
            throw new BundleException(0, "$", "not a gzip file: " + e.getMessage());
        } catch (EOFException e) {
            throw new BundleException(
                    BundleException.TRUNCATED, 0, null, null, "$", "the file is empty or cut short", null);
        } catch (IOException e) {
            throw new BundleException(0, "$", "cannot read the bundle: " + e.getMessage());
        }
        byte[] first = readLine();
        if (first == null) {
            throw new BundleException(1, "$", "the bundle has no manifest");
        }
        this.manifest = BundleManifest.parse(first);
        for (OriginRange r : manifest.origins()) {
            progress.put(r.origin(), new Progress(r));
        }
    }

    public BundleManifest manifest() {
        return manifest;
    }

    /**
     * Up to {@code max} further envelopes, each checked against the manifest and the chain so far; an
     * empty list once the bundle has been read to its end and found whole.
     *
     * @throws BundleException naming the line (and envelope) at fault
     */
    public List<Entry> next(int max) {
        List<Entry> out = new ArrayList<>(Math.min(max, 1024));
        while (out.size() < max && envelopes < manifest.count()) {
            byte[] bytes = readLine();
            if (bytes == null) {
                throw truncated();
            }
            out.add(new Entry(line, check(bytes)));
            envelopes++;
        }
        if (envelopes == manifest.count() && !finished) {
            finish();
        }
        return out;
    }

    private Envelope check(byte[] bytes) {
        Envelope e;
        try {
            e = Envelope.parse(bytes);
        } catch (ProtocolException ex) {
            throw new BundleException(line, null, null, ex.path(), "not a valid envelope: " + ex.getMessage(), ex);
        }
        Progress p = progress.get(e.origin());
        if (p == null) {
            throw fault(e, "$.origin", "origin " + e.origin() + " is not in the manifest");
        }
        if (e.seq() != p.nextSeq) {
            throw fault(
                    e,
                    "$.seq",
                    p.nextSeq > p.range.to()
                            ? "the manifest ends " + e.origin() + " at seq " + p.range.to()
                            : "expected seq " + p.nextSeq + " of " + e.origin() + " here (lines missing or reordered)");
        }
        if (p.lastHash != null && !p.lastHash.equals(e.prev())) {
            // An admin who edits a bundle edits a record: the changed line is the one before, whose hash
            // no longer matches what this line's prev says it was when signed. Name that line.
            throw new BundleException(
                    p.lastLine,
                    e.origin(),
                    e.seq() - 1,
                    "$",
                    "the envelope was changed after it was signed: its hash is not the prev that line " + line
                            + " (seq " + e.seq() + ") names (or line " + line + "'s prev was changed)",
                    null);
        }
        if (e.seq() == p.range.to() && !p.range.head().equals(e.hash())) {
            throw fault(e, "$", "hash " + e.hash() + " is not the manifest's head " + p.range.head());
        }
        p.lastHash = e.hash();
        p.lastLine = line;
        p.nextSeq++;
        return e;
    }

    private BundleException fault(Envelope e, String path, String message) {
        return new BundleException(line, e.origin(), e.seq(), path, message, null);
    }

    /** After the last envelope: nothing but the end of the file, and a valid gzip trailer. */
    private void finish() {
        finished = true;
        int b;
        try {
            b = nextByte();
        } catch (IOException e) {
            throw damaged(e);
        }
        if (b >= 0) {
            throw new BundleException(line + 1, "$", "more lines than the manifest's count of " + manifest.count());
        }
    }

    private BundleException truncated() {
        if (manifest == null) {
            // Cut short in its first line: there is no manifest to say what is missing.
            return new BundleException(
                    BundleException.TRUNCATED,
                    line + 1,
                    null,
                    null,
                    "$",
                    "the bundle is cut short in its manifest",
                    null);
        }
        for (OriginRange r : manifest.origins()) {
            Progress p = progress.get(r.origin());
            if (p.nextSeq <= r.to()) {
                return new BundleException(
                        BundleException.TRUNCATED,
                        line + 1,
                        r.origin(),
                        p.nextSeq,
                        "$",
                        "the bundle is cut short: it ends after " + envelopes + " of " + manifest.count()
                                + " envelopes",
                        null);
            }
        }
        return new BundleException(
                BundleException.TRUNCATED, line + 1, null, null, "$", "the bundle is cut short", null);
    }

    private BundleException damaged(IOException e) {
        if (e instanceof EOFException) {
            return truncated();
        }
        return new BundleException(line + 1, null, null, "$", "the file is damaged: " + e.getMessage(), e);
    }

    /** The next line without its newline; null at the end of the file. A last line must end in one. */
    private byte[] readLine() {
        int length = 0;
        try {
            while (true) {
                int b = nextByte();
                if (b < 0) {
                    if (length > 0) {
                        throw new BundleException(
                                BundleException.TRUNCATED,
                                line + 1,
                                null,
                                null,
                                "$",
                                "the last line is cut short (no newline)",
                                null);
                    }
                    return null;
                }
                if (b == '\n') {
                    line++;
                    return Arrays.copyOf(buffer, length);
                }
                if (length == MAX_LINE_BYTES) {
                    throw new BundleException(line + 1, "$", "line longer than " + MAX_LINE_BYTES + " bytes");
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES));
                }
                buffer[length++] = (byte) b;
            }
        } catch (IOException e) {
            throw damaged(e);
        }
    }

    private int nextByte() throws IOException {
        while (chunkPos == chunkEnd) {
            int n = in.read(chunk, 0, CHUNK);
            if (n < 0) {
                return -1;
            }
            chunkPos = 0;
            chunkEnd = n;
        }
        return chunk[chunkPos++] & 0xff;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was written through this stream; closing is best effort.
        }
    }
}
