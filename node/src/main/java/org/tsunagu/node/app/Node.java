package org.tsunagu.node.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.db.GroupCommit;
import org.tsunagu.node.directory.BodyRules;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.HubView;
import org.tsunagu.node.federation.Federation;
import org.tsunagu.node.home.EncryptionKeys;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.importer.OrganizationImporter;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.ops.metrics.NodeMetrics;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/**
 * A node opened on its data folder by {@link NodeAssembly}: database, signed log, directory, and the
 * one ingest path and alert store every part shares. Close it to release the files. Opened only for
 * reading, it has no publisher, writes, ingestor, alerts, federation, metrics or settings.
 */
public record Node(
        NodeConfig config,
        Database database,
        KeyRing keys,
        LogStore log,
        Publisher publisher,
        DirectoryService directory,
        GroupCommit writes,
        Clock clock,
        Federation federation,
        NodeMetrics metrics,
        Settings settings,
        Ingestor ingestor,
        AlertStore alerts,
        EncryptionKeys encryptionKeys)
        implements AutoCloseable {

    /** Bulk import of this hub's organisations; a record without a country gets the hub's. */
    public OrganizationImporter importer() {
        return new OrganizationImporter(database, publisher, directory, config.country(), clock);
    }

    /** The latest {@code hub.profile} this hub signed, if any. */
    public Optional<Envelope> latestProfile() {
        return directory
                .hub(config.hub())
                .map(HubView::provenance)
                .flatMap(provenance -> log.envelope(config.hub(), provenance.seq()));
    }

    /**
     * Signs a new {@code hub.profile} when node.json says something the latest one does not (or none
     * exists yet): peers learn name, country and URL changes through the log.
     */
    public void publishProfileIfChanged() {
        var wanted = BodyRules.normalize(profileBody(publisher.version() >= Envelope.VERSION_2));
        boolean same = latestProfile().map(e -> e.body().equals(wanted)).orElse(false);
        if (!same) {
            publisher.publish(UpdateType.HUB_PROFILE, wanted);
        }
    }

    /**
     * Moves this hub's log to protocol version 2 (SPEC §11) by signing its current profile as a
     * version 2 envelope; empty when it is already there. There is no way back.
     */
    public Optional<Envelope> moveToVersion2() {
        Optional<Envelope> e = publisher.moveToVersion2(BodyRules.normalize(profileBody(true)));
        e.ifPresent(signed -> federation.published());
        return e;
    }

    /**
     * Draws a new encryption key and signs a profile naming it (SPEC §6.10): other hubs seal new
     * records to it, and the old keys are kept to open the records already sealed to them.
     *
     * @throws IllegalStateException if this hub's log is still at version 1 (no encryption_key there)
     */
    public Envelope rotateEncryptionKey() {
        if (publisher.version() < Envelope.VERSION_2) {
            throw new IllegalStateException("this hub's log is at version 1; move it to version 2 first");
        }
        encryptionKeys.rotate();
        Envelope signed = publisher.publish(UpdateType.HUB_PROFILE, BodyRules.normalize(profileBody(true)));
        federation.published();
        return signed;
    }

    /** node.json's profile, with the current encryption key in version 2 (SPEC §6.2). */
    private ObjectNode profileBody(boolean version2) {
        ObjectNode body = config.profileBody();
        if (version2 && encryptionKeys != null) {
            body.put("encryption_key", encryptionKeys.current().value());
        }
        return body;
    }

    /** Lets queued writes commit, then closes the database. */
    @Override
    public void close() {
        if (federation != null) {
            federation.close();
        }
        if (writes != null) {
            writes.close();
        }
        database.close();
    }
}
