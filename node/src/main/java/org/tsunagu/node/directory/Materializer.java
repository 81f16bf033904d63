package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.body.Endorsement;
import org.tsunagu.protocol.body.HubProfile;
import org.tsunagu.protocol.body.Organization;
import org.tsunagu.protocol.body.OrganizationErasure;
import org.tsunagu.protocol.body.OrganizationRemoval;
import org.tsunagu.protocol.body.Partnership;
import org.tsunagu.protocol.body.Retraction;

/**
 * Applies an appended envelope to the materialised state (organisations, partnerships, hubs, search
 * index). Called by the log writers inside the transaction that appends the envelope, so the log and
 * the state never disagree. {@code key.rotate} is the key ring's business and ignored here.
 *
 * <p>Cross-origin references never fail here: logs of different origins arrive in any order, so an
 * endorsement may come before the announcement it names. Such records are kept and counted once the
 * other side arrives.
 *
 * <p>Every envelope reaching here was validated when it entered the log, so bodies are read through
 * protocol's typed records ({@code fromBody}, which trusts a validated body). For {@code org.upsert}
 * the record read is the one this node may read: the body, a sealed record's opened form, or a listed
 * sealed record's clear members alone ({@code id}, {@code name}, {@code country}), which
 * {@link Organization} reads as a record with nothing else. A sealed {@code partnership.announce} is
 * read through {@code Partnership} only once opened here.
 */
public final class Materializer {
    private final Partnerships partnerships = new Partnerships();
    private final SealedRecords sealed;

    /** A node that opens no sealed record (it holds no encryption key). */
    public Materializer() {
        this(SealedRecords.NONE);
    }

    /** @param sealed opens the sealed records addressed to this hub (SPEC §6.10) */
    public Materializer(SealedRecords sealed) {
        this.sealed = Objects.requireNonNull(sealed, "sealed");
    }

    /** Applies {@code e}, which is already in the log at (origin, seq), on {@code c}. */
    public void apply(Connection c, Envelope e) throws SQLException {
        Page page = page();
        page.apply(c, e);
        page.finish(c);
    }

    /**
     * A page of envelopes to apply in one transaction: what can be written once for all of them is
     * (see {@link PageWrites}), at {@link Page#finish}, which must come before the commit.
     */
    public Page page() {
        return new Page();
    }

    /** Envelopes applied in one transaction, some of whose writes wait for {@link #finish}. */
    public final class Page {
        private final PageWrites writes = new PageWrites();

        private Page() {}

        /** Applies {@code e}, which is already in the log at (origin, seq), on {@code c}. */
        public void apply(Connection c, Envelope e) throws SQLException {
            Materializer.this.apply(c, e, writes);
        }

        /** As {@link Materializer#forgetErased}. */
        public void forgetErased(Connection c, List<Envelope> covered) throws SQLException {
            Materializer.this.forgetErased(c, covered, writes);
        }

        /** Writes what the page held back; the page may go on being used. */
        public void finish(Connection c) throws SQLException {
            writes.finish(c);
        }
    }

    private void apply(Connection c, Envelope e, PageWrites page) throws SQLException {
        if (e.isRedacted()) {
            // Erased (SPEC §6.9): nothing to apply, whoever replays the log (unblock, roll-back, resume).
            return;
        }
        // Read, never modified, here and below (readable and SealedRecords copy before they change it).
        JsonNode body = e.sharedBody();
        String origin = e.origin().value();
        switch (e.type()) {
            case HUB_PROFILE -> hubProfile(c, origin, e.seq(), HubProfile.fromBody(body));
            case ORG_UPSERT -> upsert(c, e, body, page);
            case ORG_REMOVE ->
                remove(c, origin, e.seq(), OrganizationRemoval.fromBody(body).id(), page);
            // An erase leaves no row: a replay of the redacted log (verify's rebuild) holds none either.
            case ORG_ERASE ->
                erase(c, origin, OrganizationErasure.fromBody(body).id(), page);
            case PARTNERSHIP_ANNOUNCE -> {
                page.partiesMayBeNamed();
                announce(c, e, body);
            }
            case PARTNERSHIP_ENDORSE -> partnerships.endorse(c, e, Endorsement.fromBody(body));
            case PARTNERSHIP_RETRACT -> partnerships.retract(c, e, Retraction.fromBody(body));
            case KEY_ROTATE -> {
                // the key ring records rotations; nothing in the directory changes
            }
        }
    }

    /**
     * After {@code org.erase} was applied (the organisation is out of the directory): drops what the
     * search index still holds of the erased envelopes' records (see {@link SearchIndex#forget}), as
     * this node could read them: a public record whole, a listed sealed one by its clear members (its
     * opened form went with the erase itself), an unlisted one not at all.
     */
    public void forgetErased(Connection c, List<Envelope> covered) throws SQLException {
        forgetErased(c, covered, new PageWrites());
    }

    private void forgetErased(Connection c, List<Envelope> covered, PageWrites page) throws SQLException {
        List<Organization> records = new ArrayList<>(covered.size());
        for (Envelope e : covered) {
            if (e.type() != UpdateType.ORG_UPSERT || e.isRedacted()) {
                continue; // an org.remove carries no indexed text
            }
            readable(e.body()).ifPresent(records::add);
        }
        SearchIndex.forget(c, records, page);
    }

    /** What any node may read of an {@code org.upsert} body without opening it. */
    private static Optional<Organization> readable(JsonNode body) {
        if (!SealedRecords.isSealed(body)) {
            return Optional.of(Organization.fromBody(body));
        }
        return SealedRecords.isListed(body)
                ? Optional.of(Organization.fromBody(SealedRecords.clear(body)))
                : Optional.empty();
    }

    private static void hubProfile(Connection c, String origin, long seq, HubProfile profile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO hubs (hub, name, country, url, profile_seq)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (hub) DO UPDATE SET name = excluded.name,"
                + " country = excluded.country, url = excluded.url, profile_seq = excluded.profile_seq")) {
            ps.setString(1, origin);
            ps.setString(2, profile.name());
            ps.setString(3, profile.country());
            ps.setString(4, profile.url());
            ps.setLong(5, seq);
            ps.executeUpdate();
        }
    }

    /** What the state table holds for an organisation before the change. */
    private record Held(long doc, boolean removed, String facets) {
        /** The filter values it is counted under: none once removed. */
        Set<String> counted() {
            return removed ? Set.of() : FilterValues.keysOf(facets);
        }
    }

    /**
     * A sealed record (SPEC §6.10) is materialised as this node may read it: whole where it opens here
     * (kept in {@code opened_records}), by its clear members alone where it does not, and not at all
     * when it is unlisted and does not open. Only that readable form reaches the index and the counts.
     */
    private void upsert(Connection c, Envelope e, JsonNode body, PageWrites page) throws SQLException {
        String origin = e.origin().value();
        String id = body.path("id").asText();
        if (page.mayHoldOpened(c)) {
            OpenedRecords.delete(c, origin, id);
        }
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> opened =
                SealedRecords.isSealed(body) ? sealed.open(e) : Optional.empty();
        if (opened.isPresent()) {
            page.openedMayBeHeld();
            OpenedRecords.put(c, origin, id, e.seq(), opened.get());
            upsert(c, origin, e.seq(), Organization.fromBody(opened.get()), page);
            return;
        }
        Optional<Organization> readable = readable(body);
        if (readable.isPresent()) {
            upsert(c, origin, e.seq(), readable.get(), page);
        } else {
            // Unlisted and not for us: as if never held (an earlier public version leaves with it).
            erase(c, origin, id, page);
        }
    }

    /**
     * A sealed announcement (SPEC §6.5, §6.10) as this node may read it, like a sealed record: whole
     * with its parties where it opens here, by id and kind alone (no parties, so no filter, network edge
     * or endorsement can reach it) where it is listed and does not, and not at all when unlisted.
     */
    private void announce(Connection c, Envelope e, JsonNode body) throws SQLException {
        if (!SealedRecords.isSealed(body)) {
            partnerships.announce(c, e, Partnership.fromBody(body), null, null);
            return;
        }
        String audience = SealedRecords.audience(e);
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> opened = sealed.open(e);
        if (opened.isPresent()) {
            partnerships.announce(c, e, Partnership.fromBody(opened.get()), audience, opened.get());
        } else if (SealedRecords.LISTED.equals(audience)) {
            partnerships.announceUnread(c, e, body.path("id").asText());
        } else {
            partnerships.forget(c, e.origin().value(), body.path("id").asText());
        }
    }

    private static void upsert(Connection c, String origin, long seq, Organization record, PageWrites page)
            throws SQLException {
        String id = record.id();
        FilterValues values = FilterValues.of(origin, record);
        Set<String> keys = values.keys();
        // The filter values ride along in the row's own write (see V004__facets.sql).
        String facets = FilterValues.json(keys);
        if (!page.mayNameParties(c)) {
            // Issue 14 (speed): no partnership names anyone, so a new organisation changes no pair
            // count; it is inserted at once, and looked up only when it turns out to be held.
            long doc = insertNew(c, page, origin, id, seq, facets, keys);
            if (doc != 0) {
                SearchIndex.put(c, doc, record, values, page);
                return;
            }
        }
        Held held = held(c, origin, id);
        // Live again or for the first time: the partnerships naming it may gain pairs. An edit cannot.
        HubPairCounts.Watch pairs =
                held == null || held.removed() ? HubPairCounts.party(c, origin + "/" + id) : HubPairCounts.NONE;
        long doc;
        if (held == null) {
            doc = insertNew(c, page, origin, id, seq, facets, keys);
            if (doc == 0) {
                throw new SQLException("organisation " + origin + "/" + id + " appeared while it was stored");
            }
        } else {
            doc = held.doc();
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE organizations SET seq = ?, removed = 0, facets = ? WHERE doc = ?")) {
                ps.setLong(1, seq);
                ps.setString(2, facets);
                ps.setLong(3, doc);
                ps.executeUpdate();
            }
            page.facets(c, doc, held.counted(), keys);
            SearchIndex.remove(c, doc);
        }
        SearchIndex.put(c, doc, record, values, page);
        pairs.count(c);
    }

    /**
     * Inserts organisation {@code origin/id} under the page's next doc and counts its filter values
     * {@code keys}, unless it is held already: then nothing changes and this answers 0 (docs start at
     * 1). Not INSERT ... RETURNING: through sqlite-jdbc that cost ~200 us per row inside a large
     * transaction. Only a clash on (origin, id) is let pass: a doc already taken would be a bug, and
     * fails the statement.
     *
     * @return the new organisation's doc, or 0
     */
    private static long insertNew(
            Connection c, PageWrites page, String origin, String id, long seq, String facets, Set<String> keys)
            throws SQLException {
        long doc = page.nextDoc(c);
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO organizations (doc, origin, id, seq, removed, facets)"
                        + " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (origin, id) DO NOTHING")) {
            ps.setLong(1, doc);
            ps.setString(2, origin);
            ps.setString(3, id);
            ps.setLong(4, seq);
            ps.setString(5, facets);
            if (ps.executeUpdate() != 1) {
                return 0;
            }
        }
        page.docTaken();
        page.facets(c, doc, Set.of(), keys);
        return doc;
    }

    private static void remove(Connection c, String origin, long seq, String id, PageWrites page) throws SQLException {
        OpenedRecords.delete(c, origin, id);
        Held held = held(c, origin, id);
        if (held == null) {
            return; // removing what was never held here changes nothing
        }
        HubPairCounts.Watch pairs = leaving(c, origin, id, held);
        try (PreparedStatement ps = c.prepareStatement("UPDATE organizations SET seq = ?, removed = 1 WHERE doc = ?")) {
            ps.setLong(1, seq);
            ps.setLong(2, held.doc());
            ps.executeUpdate();
        }
        page.facets(c, held.doc(), held.counted(), Set.of());
        SearchIndex.remove(c, held.doc());
        pairs.count(c);
    }

    private static void erase(Connection c, String origin, String id, PageWrites page) throws SQLException {
        // Crypto-shredding here: the opened record goes, and its words once no live record holds them.
        Optional<JsonNode> opened = OpenedRecords.take(c, origin, id);
        Held held = held(c, origin, id);
        if (held != null) {
            HubPairCounts.Watch pairs = leaving(c, origin, id, held);
            page.facets(c, held.doc(), held.counted(), Set.of());
            if (!held.removed()) {
                SearchIndex.remove(c, held.doc());
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM organizations WHERE doc = ?")) {
                ps.setLong(1, held.doc());
                ps.executeUpdate();
            }
            page.docsDeleted();
            pairs.count(c);
        }
        if (opened.isPresent()) {
            SearchIndex.forget(c, List.of(Organization.fromBody(opened.get())), page);
        }
    }

    /** Before held organisation {@code id} is removed or erased: the pairs it took part in, if it was live. */
    private static HubPairCounts.Watch leaving(Connection c, String origin, String id, Held held) throws SQLException {
        return held.removed() ? HubPairCounts.NONE : HubPairCounts.party(c, origin + "/" + id);
    }

    private static Held held(Connection c, String origin, String id) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT doc, removed, facets FROM organizations WHERE origin = ? AND id = ?")) {
            ps.setString(1, origin);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Held(rs.getLong(1), rs.getInt(2) == 1, rs.getString(3)) : null;
            }
        }
    }
}
