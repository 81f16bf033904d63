package org.tsunagu.node.export;

import java.io.IOException;
import java.util.Optional;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.directory.Page;

/** The directory's search, page by page ({@code DirectoryService::searchOrganizations}). */
@FunctionalInterface
public interface OrganizationPages {
    Page<OrganizationView> page(OrganizationQuery query);

    /** A step of an export that may fail writing. */
    @FunctionalInterface
    interface Sink {
        void accept(OrganizationView organization) throws IOException;
    }

    /**
     * Hands every organisation matching {@code query} to {@code sink}, one page at a time, so an
     * export of a million organisations holds one page in memory, not the directory.
     */
    default void forEach(OrganizationQuery query, Sink sink) throws IOException {
        forEach(query, false, sink);
    }

    /**
     * The same; with {@code held}, each organisation as this node reads it (a sealed record it opened,
     * whole) for its administrator's exports, rather than as it may re-publish it.
     */
    default void forEach(OrganizationQuery query, boolean held, Sink sink) throws IOException {
        OrganizationQuery next = query;
        while (true) {
            Page<OrganizationView> page = page(next);
            for (OrganizationView organization : page.items()) {
                // Public exports carry a sealed record as signed: its clear members at most (SPEC §6.10).
                Optional<OrganizationView> published = held ? Optional.of(organization) : organization.published();
                if (published.isPresent()) {
                    sink.accept(published.get());
                }
            }
            if (page.nextCursor() == null || page.items().isEmpty()) {
                return;
            }
            next = next.withCursor(page.nextCursor());
        }
    }
}
