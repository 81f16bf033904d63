package org.tsunagu.node.directory;

import java.util.List;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.protocol.HubId;

/** The read side of the directory, over every origin held: search, lookups, partnerships, hubs. */
public final class DirectoryService {
    private final Database db;

    public DirectoryService(Database db) {
        this.db = db;
    }

    /** Searches live organisations; see {@link OrganizationQuery} for the parameters. */
    public Page<OrganizationView> searchOrganizations(OrganizationQuery q) {
        throw new UnsupportedOperationException("not yet " + db);
    }

    /** The organisation's current record, empty if unknown or removed. */
    public Optional<OrganizationView> organization(HubId origin, String id) {
        throw new UnsupportedOperationException("not yet");
    }

    public Page<PartnershipView> partnerships(PartnershipQuery q) {
        throw new UnsupportedOperationException("not yet");
    }

    public Optional<PartnershipView> partnership(HubId origin, String id) {
        throw new UnsupportedOperationException("not yet");
    }

    public List<HubView> hubs() {
        throw new UnsupportedOperationException("not yet");
    }

    public Facets facets(OrganizationQuery q) {
        throw new UnsupportedOperationException("not yet");
    }
}
