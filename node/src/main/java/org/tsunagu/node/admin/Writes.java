package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.tsunagu.node.db.GroupCommit;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;

/**
 * The writes of this hub's own records of one kind (organisations, partnerships), shared by their
 * admin resources: the existence check and the signed write run in one transaction (two concurrent
 * creates of one id cannot both succeed), and validation errors come back with request-relative paths.
 */
final class Writes {
    /** The kinds of record this hub writes through the admin API. */
    enum Kind {
        ORGANIZATION(UpdateType.ORG_UPSERT, "organisation", "organizations"),
        PARTNERSHIP(UpdateType.PARTNERSHIP_ANNOUNCE, "partnership", "partnerships");

        /** The update that creates or replaces a record. */
        private final UpdateType upsert;
        /** The record in messages. */
        private final String noun;
        /** The records' path in the directory API. */
        private final String collection;

        Kind(UpdateType upsert, String noun, String collection) {
            this.upsert = upsert;
            this.noun = noun;
            this.collection = collection;
        }
    }

    private final Kind kind;
    private final GroupCommit commit;
    private final Publisher publisher;
    private final HubId self;
    private final BiPredicate<HubId, String> held;
    /** The {@code audience} member of a write, which seals the record (null: none). */
    private final Audiences audiences;
    /** Whether the current version of {@code origin/id} is sealed. */
    private final BiPredicate<HubId, String> sealed;

    /** @param held whether the record {@code origin/id} is held (and not removed) */
    Writes(Kind kind, GroupCommit commit, Publisher publisher, BiPredicate<HubId, String> held) {
        this(kind, commit, publisher, held, null, (origin, id) -> false);
    }

    /**
     * @param audiences reads a write's {@code audience} member, which seals the record (null: none)
     * @param sealed whether the current version of {@code origin/id} is sealed: a write that names no
     *     audience must not replace it (see {@link #write})
     */
    Writes(
            Kind kind,
            GroupCommit commit,
            Publisher publisher,
            BiPredicate<HubId, String> held,
            Audiences audiences,
            BiPredicate<HubId, String> sealed) {
        this.audiences = audiences;
        this.sealed = sealed;
        this.kind = kind;
        this.commit = commit;
        this.publisher = publisher;
        this.self = publisher.self();
        this.held = held;
    }

    HubId self() {
        return self;
    }

    boolean exists(String id) {
        return held.test(self, id);
    }

    /**
     * A POST: creates the record, with a random UUID if it has no id; 201 with Location. 409 if the id is
     * taken, saying {@code toReplace} (how to replace it instead).
     *
     * @param answer the entity answered, from the id and the signed update
     */
    Response create(ObjectNode record, String toReplace, BiFunction<String, Envelope, Object> answer) {
        String id = idForCreate(record);
        return write(id, record, true, kind.noun + " " + self + "/" + id + " exists; " + toReplace, answer);
    }

    /** A PUT: replaces the whole record (200), or creates it if new (201). The body's id must match. */
    Response replace(String id, ObjectNode record, BiFunction<String, Envelope, Object> answer) {
        idForReplace(record, id);
        return write(id, record, false, null, answer);
    }

    /** Runs {@code work} in a write transaction; its validation errors come back request-relative. */
    <T> T inTransaction(Supplier<T> work) {
        return RequestBodies.rebasingErrors(() -> commit.inTransaction(c -> work.get()));
    }

    /** Signs and appends an update to this hub's log; call inside {@link #inTransaction}. */
    Envelope publish(UpdateType type, ObjectNode body) {
        return publisher.publish(type, body);
    }

    private record Written(Envelope envelope, boolean existed) {}

    private Response write(
            String id,
            ObjectNode record,
            boolean createOnly,
            String conflict,
            BiFunction<String, Envelope, Object> answer) {
        boolean audienceNamed = record.has(Audiences.MEMBER);
        // Normalised and validated on the request's thread: group commit runs every write on one thread,
        // which should only check references, sign and store.
        Publisher.Draft draft = RequestBodies.rebasingErrors(() -> {
            // Taken out before the record is checked: the audience is not part of the signed record.
            Optional<Publisher.Audience> audience = audiences == null ? Optional.empty() : audiences.take(record);
            if (audience.isEmpty()) {
                return publisher.prepare(kind.upsert, record);
            }
            if (kind == Kind.PARTNERSHIP) {
                Audiences.requireParties(audience.get(), record);
            }
            return publisher.prepareSealed(kind.upsert, record, audience.get());
        });
        Written written = inTransaction(() -> {
            boolean existed = exists(id);
            if (existed && createOnly) {
                throw ApiException.conflict(conflict);
            }
            if (existed && !audienceNamed && sealed.test(self, id)) {
                // A sealed record (SPEC §6.10) stays sealed only if the write names its audience again;
                // a write without one (a form or script that never knew) would publish it in clear. So
                // the write must say: refused, unless {"kind": "public"} unseals it on purpose. Checked
                // here, in the write's transaction, so a concurrent sealing write cannot slip between.
                throw ValidationException.of(
                        "$." + Audiences.MEMBER,
                        "is required: " + kind.noun + " " + self + "/" + id + " is sealed; name its audience"
                                + " again, or {\"kind\": \"public\"} to publish it in clear");
            }
            return new Written(publisher.publish(draft), existed);
        });
        Object entity = answer.apply(id, written.envelope());
        return written.existed()
                ? Response.ok(entity).build()
                // Relative to the base URI (no leading slash), so a public URL with a path keeps it.
                : Response.created(URI.create("v1/directory/" + kind.collection + "/" + self.value() + "/" + id))
                        .entity(entity)
                        .build();
    }

    /** The record's id; a POST without one gets a random UUID. */
    private static String idForCreate(ObjectNode record) {
        if (!record.has("id")) {
            record.put("id", UUID.randomUUID().toString());
        }
        return textId(record);
    }

    /** A PUT names the id in its path; the body may leave it out but must not contradict it. */
    private static void idForReplace(ObjectNode record, String pathId) {
        if (!record.has("id")) {
            record.put("id", pathId);
        } else if (!pathId.equals(textId(record))) {
            throw ValidationException.of("$.id", "must equal the id in the path (" + pathId + ")");
        }
    }

    private static String textId(ObjectNode record) {
        JsonNode id = record.get("id");
        if (id == null || !id.isTextual()) {
            throw ValidationException.of("$.id", "must be text");
        }
        return id.textValue();
    }
}
