package org.tsunagu.node.admin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.HubView;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.body.HubProfile;
import org.tsunagu.protocol.seal.EncryptionKeyId;
import org.tsunagu.protocol.seal.Sealing;

/**
 * The {@code audience} member of an organisation or partnership write (issue #13), not signed itself:
 * who may read the record. {@code {"kind": "public"}} (the same as leaving it out); or {@code "listed"} (name and
 * country stay public, the details are sealed) or {@code "unlisted"} (everything but the id sealed),
 * with {@code hubs}: a list of hub ids, or {@code "followers"} for every hub this hub follows or that
 * follows it, resolved now. Each named hub's encryption key is taken from the latest profile this node
 * holds of it; this hub is always a recipient too, so it can read its own record back.
 */
public final class Audiences {
    static final String MEMBER = "audience";

    private final DirectoryService directory;
    private final HubId self;
    private final Supplier<EncryptionKeyId> ownKey;
    private final Supplier<SortedSet<HubId>> followers;

    public Audiences(
            DirectoryService directory,
            HubId self,
            Supplier<EncryptionKeyId> ownKey,
            Supplier<SortedSet<HubId>> followers) {
        this.directory = directory;
        this.self = self;
        this.ownKey = ownKey;
        this.followers = followers;
    }

    /**
     * Takes {@code audience} out of {@code request} and resolves it.
     *
     * @return empty for a public record
     * @throws ValidationException naming {@code $.audience…} for every bad part
     */
    Optional<Publisher.Audience> take(com.fasterxml.jackson.databind.node.ObjectNode request) {
        JsonNode a = request.remove(MEMBER);
        if (a == null) {
            return Optional.empty();
        }
        if (!a.isObject()) {
            throw ValidationException.of("$.audience", "must be an object: {\"kind\", \"hubs\"}");
        }
        List<FieldError> errors = new ArrayList<>();
        a.fieldNames().forEachRemaining(name -> {
            if (!name.equals("kind") && !name.equals("hubs")) {
                errors.add(new FieldError("$.audience." + name, "unknown member"));
            }
        });
        String kind = a.path("kind").isTextual() ? a.get("kind").textValue() : null;
        if (kind == null || !List.of("public", "listed", "unlisted").contains(kind)) {
            errors.add(new FieldError("$.audience.kind", "must be public, listed or unlisted"));
        }
        if ("public".equals(kind)) {
            if (a.has("hubs")) {
                errors.add(new FieldError("$.audience.hubs", "a public record names no hubs"));
            }
            throwIf(errors);
            return Optional.empty();
        }
        Map<HubId, EncryptionKeyId> recipients = new LinkedHashMap<>();
        JsonNode hubs = a.get("hubs");
        if (hubs != null && hubs.isTextual() && hubs.textValue().equals("followers")) {
            // Resolved when signing; a follower that publishes no encryption key yet cannot be sealed to.
            for (HubId hub : followers.get()) {
                key(hub).ifPresent(key -> recipients.put(hub, key));
            }
            if (recipients.isEmpty()) {
                errors.add(new FieldError(
                        "$.audience.hubs", "no hub this hub follows or that follows it publishes an encryption key"));
            }
        } else if (hubs == null || !hubs.isArray() || hubs.isEmpty()) {
            errors.add(new FieldError(
                    "$.audience.hubs",
                    "must list 1 to " + (Sealing.MAX_RECIPIENTS - 1) + " hub ids, or be \"followers\""));
        } else if (hubs.size() > Sealing.MAX_RECIPIENTS - 1) {
            errors.add(new FieldError("$.audience.hubs", "at most " + (Sealing.MAX_RECIPIENTS - 1) + " hubs"));
        } else {
            for (int i = 0; i < hubs.size(); i++) {
                String at = "$.audience.hubs[" + i + "]";
                HubId hub;
                try {
                    hub = HubId.parse(hubs.get(i).isTextual() ? hubs.get(i).textValue() : null, at);
                } catch (ProtocolException e) {
                    errors.add(new FieldError(at, "must be a hub id"));
                    continue;
                }
                if (recipients.containsKey(hub)) {
                    errors.add(new FieldError(at, "names " + hub + " twice"));
                } else if (!hub.equals(self)) {
                    Optional<EncryptionKeyId> key = key(hub);
                    if (key.isEmpty()) {
                        errors.add(new FieldError(
                                at,
                                "this node holds no profile of " + hub
                                        + " with an encryption key (follow it, and it must sign version 2)"));
                    } else {
                        recipients.put(hub, key.get());
                    }
                }
            }
        }
        throwIf(errors);
        recipients.put(self, ownKey.get());
        return Optional.of(new Publisher.Audience("listed".equals(kind), recipients));
    }

    /**
     * A sealed partnership names every party's hub among its recipients (SPEC §6.5), so each can read
     * and endorse it. Parties whose hub is not a hub id are left to the record's own checks.
     *
     * @throws ValidationException at {@code $.audience.hubs}, naming each missing hub and its party
     */
    static void requireParties(Publisher.Audience audience, JsonNode record) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode parties = record.path("parties");
        for (int i = 0; i < parties.size(); i++) {
            JsonNode hub = parties.get(i).path("hub");
            if (hub.isTextual()
                    && HubId.isValid(hub.textValue())
                    && !audience.recipients().containsKey(HubId.of(hub.textValue()))) {
                errors.add(new FieldError(
                        "$.audience.hubs",
                        "must name " + hub.textValue() + ", the hub of $.parties[" + i
                                + "]: every party's hub reads and endorses a sealed partnership"));
            }
        }
        throwIf(errors);
    }

    private Optional<EncryptionKeyId> key(HubId hub) {
        return directory
                .hub(hub)
                .map(HubView::profile)
                .map(p -> HubProfile.fromBody(p).encryptionKey());
    }

    private static void throwIf(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
