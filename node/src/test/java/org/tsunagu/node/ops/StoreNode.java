package org.tsunagu.node.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.bundle.BundleExporter;
import org.tsunagu.node.ops.bundle.BundleSelection;
import org.tsunagu.protocol.Envelope;

/** A node's storage for ops tests: a real SQLite file, its log, key ring and the one ingest path. */
public final class StoreNode implements AutoCloseable {
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);

    public final Database db;
    public final LogStore log;
    public final KeyRing keys;
    public final Ingestor ingestor;
    public final AlertStore alerts;

    public StoreNode(Path file) {
        this.db = Database.open(file);
        this.log = new LogStore(db);
        this.keys = new KeyRing(db, CLOCK);
        this.ingestor = new Ingestor(db, CLOCK, o -> false);
        this.alerts = new AlertStore(db, CLOCK);
    }

    /** Pins {@code hub}'s current key, as an admin following it would. */
    public StoreNode pin(TestHub hub) {
        keys.pin(hub.id, hub.key.publicKey().keyId(), KeySource.PEER_PINNED);
        return this;
    }

    /** Ingests {@code envelopes}, failing the test unless every one is accepted or held. */
    public void ingestAll(List<Envelope> envelopes) {
        IngestReport report = ingestor.ingest(envelopes);
        if (!report.clean()) {
            throw new AssertionError("ingest not clean: " + report);
        }
    }

    /**
     * A bundle of all of {@code hub}'s {@code log}, as a node holding it (a new SQLite file at {@code
     * file}) would export it.
     */
    public static byte[] bundleOf(Path file, TestHub hub, List<Envelope> log) {
        try (StoreNode carrier = new StoreNode(file).pin(hub)) {
            carrier.ingestAll(log);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new BundleExporter(carrier.log, CLOCK).export(BundleSelection.everything(), out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
