package org.tsunagu.node.ops.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;

/**
 * The first line of a bundle: what it claims to carry. A reader holds the envelopes that follow to
 * these claims, so a bundle cut short or with a line dropped or swapped is refused before anything is
 * applied.
 *
 * @param format always {@link #FORMAT}
 * @param created when the bundle was written
 * @param origins per origin, the contiguous seq range carried and the hash of its last envelope
 * @param count the number of envelope lines (the sum of the ranges)
 */
public record BundleManifest(String format, Instant created, long count, List<OriginRange> origins) {
    public static final String FORMAT = "tsunagu-bundle/1";
    /** The largest seq an envelope may carry (2^53 - 1, exact in every JSON implementation). */
    public static final long MAX_SEQ = (1L << 53) - 1;

    private static final Set<String> MEMBERS = Set.of("format", "created", "count", "origins");
    private static final Set<String> RANGE_MEMBERS = Set.of("origin", "from", "to", "head");

    public BundleManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(created, "created");
        origins = List.copyOf(origins);
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException("unsupported bundle format " + format);
        }
        Set<HubId> seen = new HashSet<>();
        long sum = 0;
        for (int i = 0; i < origins.size(); i++) {
            if (!seen.add(origins.get(i).origin())) {
                throw new BundleException(
                        1, "$.origins[" + i + "].origin", origins.get(i).origin() + " is listed twice");
            }
            sum += origins.get(i).size();
        }
        if (sum != count) {
            throw new BundleException(
                    1, "$.count", "count " + count + " is not the sum of the origin ranges (" + sum + ")");
        }
    }

    /** A manifest for {@code origins}, written now. */
    public static BundleManifest of(Instant created, List<OriginRange> origins) {
        return new BundleManifest(
                FORMAT, created, origins.stream().mapToLong(OriginRange::size).sum(), origins);
    }

    /**
     * Envelopes {@code from}..{@code to} (inclusive) of {@code origin}; {@code head} is the hash of the
     * envelope at {@code to}.
     */
    public record OriginRange(HubId origin, long from, long to, String head) {
        public OriginRange {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(head, "head");
            if (from < 1 || to < from || to > MAX_SEQ) {
                throw new IllegalArgumentException("bad seq range " + from + ".." + to + " for " + origin);
            }
        }

        public long size() {
            return to - from + 1;
        }
    }

    /** The manifest as JSON: {format, created, count, origins: [{origin, from, to, head}]}. */
    public ObjectNode toJson() {
        ObjectNode node = StrictJson.mapper().createObjectNode();
        node.put("format", format);
        node.put("created", Envelope.formatTimestamp(created));
        node.put("count", count);
        ArrayNode list = node.putArray("origins");
        for (OriginRange r : origins) {
            list.addObject()
                    .put("origin", r.origin().value())
                    .put("from", r.from())
                    .put("to", r.to())
                    .put("head", r.head());
        }
        return node;
    }

    /** The manifest as one line of canonical JSON (no newline). */
    public String toLine() {
        return CanonicalJson.canonicalString(toJson());
    }

    /** Parses the first line of a bundle; every fault names its JSON path (line 1). */
    public static BundleManifest parse(byte[] line) {
        JsonNode node;
        try {
            node = StrictJson.parse(line);
        } catch (RuntimeException e) {
            throw new BundleException(1, "$", "the first line is not a bundle manifest: " + e.getMessage());
        }
        requireMembers(node, "$", MEMBERS);
        String format = text(node, "format", "$");
        if (!FORMAT.equals(format)) {
            throw new BundleException(
                    1, "$.format", "unsupported bundle format \"" + format + "\"; expected " + FORMAT);
        }
        Instant created = parseTime(text(node, "created", "$"));
        long count = number(node, "count", "$");
        JsonNode list = node.get("origins");
        if (!list.isArray()) {
            throw new BundleException(1, "$.origins", "must be an array");
        }
        List<OriginRange> origins = new ArrayList<>();
        Iterator<JsonNode> it = list.elements();
        for (int i = 0; it.hasNext(); i++) {
            origins.add(range(it.next(), "$.origins[" + i + "]"));
        }
        return new BundleManifest(format, created, count, origins);
    }

    private static OriginRange range(JsonNode node, String path) {
        requireMembers(node, path, RANGE_MEMBERS);
        HubId origin;
        String head;
        try {
            origin = HubId.parse(text(node, "origin", path), path + ".origin");
            head = Hashes.requireHash(text(node, "head", path), path + ".head");
        } catch (BundleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BundleException(1, pathOf(e, path), e.getMessage());
        }
        long from = number(node, "from", path);
        long to = number(node, "to", path);
        if (from < 1 || to < from || to > MAX_SEQ) {
            throw new BundleException(1, path, "bad seq range " + from + ".." + to);
        }
        return new OriginRange(origin, from, to, head);
    }

    private static String pathOf(RuntimeException e, String fallback) {
        return e instanceof ProtocolException p ? p.path() : fallback;
    }

    private static void requireMembers(JsonNode node, String path, Set<String> members) {
        if (!node.isObject()) {
            throw new BundleException(1, path, "must be an object");
        }
        for (String name : members) {
            if (!node.has(name)) {
                throw new BundleException(1, path + "." + name, "missing");
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw new BundleException(1, path + "." + name, "unknown member");
            }
        }
    }

    private static String text(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (!value.isTextual()) {
            throw new BundleException(1, path + "." + name, "must be a string");
        }
        return value.textValue();
    }

    private static long number(JsonNode node, String name, String path) {
        JsonNode value = node.get(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new BundleException(1, path + "." + name, "must be a non-negative integer");
        }
        return value.longValue();
    }

    private static Instant parseTime(String text) {
        try {
            return Envelope.parseTimestamp(text, "$.created");
        } catch (RuntimeException e) {
            throw new BundleException(1, "$.created", e.getMessage());
        }
    }
}
