package org.tsunagu.node.ops.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tsunagu.node.log.FeedHead;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.ops.bundle.BundleManifest.OriginRange;
import org.tsunagu.protocol.HubId;

/**
 * Writes the envelopes this node holds into a bundle, for a link that is down. Safe while the node
 * runs: the ranges are fixed from the heads at the start (logs only grow), and envelopes are read a
 * page at a time, so no read connection is held while the output is slow.
 */
public final class BundleExporter {
    static final int PAGE = 1_000;

    private final LogStore log;
    private final Clock clock;

    public BundleExporter(LogStore log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * The manifest a bundle of {@code selection} would have now.
     *
     * @throws IllegalArgumentException naming an asked-for origin this node does not hold
     */
    public BundleManifest plan(BundleSelection selection) {
        List<FeedHead> heads = log.heads();
        Set<HubId> missing = new TreeSet<>(java.util.Comparator.comparing(HubId::value));
        missing.addAll(selection.origins());
        List<OriginRange> ranges = new ArrayList<>();
        for (FeedHead head : heads) {
            missing.remove(head.origin());
            long from = selection.after(head.origin()) + 1;
            if (selection.includes(head.origin()) && from <= head.seq()) {
                ranges.add(new OriginRange(head.origin(), from, head.seq(), head.hash()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("this node holds no envelopes of " + missing);
        }
        return BundleManifest.of(clock.instant(), ranges);
    }

    /** Writes a bundle of {@code selection} to {@code out} (closed at the end); returns its manifest. */
    public BundleManifest export(BundleSelection selection, OutputStream out) throws IOException {
        BundleManifest manifest = plan(selection);
        try (BundleWriter writer = new BundleWriter(out, manifest)) {
            for (OriginRange range : manifest.origins()) {
                copy(range, writer);
            }
        }
        return manifest;
    }

    private void copy(OriginRange range, BundleWriter writer) throws IOException {
        long after = range.from() - 1;
        while (after < range.to()) {
            int limit = (int) Math.min(PAGE, range.to() - after);
            List<String> page = new ArrayList<>(limit);
            log.streamFeed(range.origin(), after, limit, page::add);
            if (page.size() != limit) {
                throw new IllegalStateException("the log of " + range.origin() + " ends before seq " + range.to()
                        + " although its head is there");
            }
            for (String line : page) {
                writer.write(line);
            }
            after += limit;
        }
    }
}
