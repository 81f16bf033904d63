package org.tsunagu.node.log;

import java.util.List;
import java.util.Set;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;

/** Alerts for the admin API, equivocation evidence, and which origins are halted. */
public final class AlertStore {
    private final Database db;

    public AlertStore(Database db) {
        this.db = db;
    }

    /** Every alert, newest first. */
    public List<Alert> list() {
        throw new UnsupportedOperationException("not yet " + db);
    }

    public List<EquivocationEvidence> equivocations(HubId origin) {
        throw new UnsupportedOperationException("not yet");
    }

    public Set<HubId> haltedOrigins() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Marks an alert as seen; it stays listed. */
    public void acknowledge(long id) {
        throw new UnsupportedOperationException("not yet");
    }
}
