package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.body.Bodies;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.EncryptionKeyPair;
import org.tsunagu.protocol.seal.SealIdentity;
import org.tsunagu.protocol.seal.Sealing;

/**
 * Sealed organisation records and partnerships (SPEC §6.10) as this node sees them. A recipient opens
 * the sealed part at ingest ({@link #open}) and the directory keeps the whole body ({@code
 * opened_records} for a record, {@code partnerships.opened} for an announcement); every other node
 * shows only the clear members ({@link #clear}): a listed record's id, name and country, a listed
 * partnership's id and kind, with {@link #NOTICE}, and an unlisted one not at all. Nothing inside
 * {@code sealed} is ever read by a node that cannot open it, so its search, facets, counts and
 * partnership listings cannot depend on it.
 */
public final class SealedRecords {
    /** What a reader is told in place of the sealed details (issue #13's words). */
    public static final String NOTICE = "details shared with named hubs only";

    /** Told when this hub is a recipient but cannot open its part (a lost key, a bad record). */
    @FunctionalInterface
    public interface Unreadable {
        void report(Envelope envelope, String path, String message);
    }

    /** A node with no encryption keys: it opens nothing (verify's scratch replay, bare tests). */
    public static final SealedRecords NONE = new SealedRecords(null, id -> null, Clock.systemUTC(), (e, p, m) -> {});

    private final HubId self;
    private final Function<EncryptionKeyId, EncryptionKeyPair> keys;
    private final Clock clock;
    private final Unreadable unreadable;

    /**
     * @param self this hub: the recipient entry it opens
     * @param keys this hub's encryption key pairs by key id, current and retired (null when unknown)
     */
    public SealedRecords(
            HubId self, Function<EncryptionKeyId, EncryptionKeyPair> keys, Clock clock, Unreadable unreadable) {
        this.self = self;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unreadable = Objects.requireNonNull(unreadable, "unreadable");
    }

    /** The audience of a sealed body whose clear members say what it is beyond its id. */
    public static final String LISTED = "listed";

    /** The audience of a sealed body that keeps only its id clear. */
    public static final String UNLISTED = "unlisted";

    /** Whether {@code body} (of an {@code org.upsert} or a {@code partnership.announce}) is sealed. */
    public static boolean isSealed(JsonNode body) {
        return Bodies.isSealed(body);
    }

    /** Listed (name and country clear) rather than unlisted (only the id clear), for an {@code org.upsert}. */
    public static boolean isListed(JsonNode body) {
        return Bodies.isListed(UpdateType.ORG_UPSERT, body);
    }

    /** {@link #LISTED} or {@link #UNLISTED}, for a sealed body of {@code e}'s type. */
    static String audience(Envelope e) {
        return Bodies.isListed(e.type(), e.body()) ? LISTED : UNLISTED;
    }

    /** The clear members of a sealed body: {@code sealed} itself (ciphertext and recipients) left out. */
    public static ObjectNode clear(JsonNode body) {
        ObjectNode clear = body.deepCopy();
        clear.remove("sealed");
        return clear;
    }

    /**
     * The whole body of a sealed {@code org.upsert} or {@code partnership.announce} if this hub is a recipient and can open it; empty
     * for a non-recipient, and for a recipient that cannot (reported to {@link Unreadable}, never
     * thrown: the envelope is valid and is kept and relayed).
     */
    public Optional<ObjectNode> open(Envelope e) {
        JsonNode body = e.body();
        if (self == null || !isSealed(body)) {
            return Optional.empty();
        }
        SealIdentity identity =
                new SealIdentity(e.origin(), e.seq(), e.type(), body.path("id").asText());
        try {
            Optional<ObjectNode> part = Sealing.open(body.get("sealed"), identity, self, keys, "$.body.sealed");
            return part.map(p -> Bodies.merge(e.origin(), e.type(), body, p, clock));
        } catch (ProtocolException ex) {
            // SealException, UnknownKeyException and ValidationException all are: each names its path.
            unreadable.report(e, ex.path(), ex.getMessage());
            return Optional.empty();
        }
    }
}
