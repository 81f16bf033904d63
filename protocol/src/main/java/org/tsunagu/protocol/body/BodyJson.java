package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reading members of validated bodies and writing them back; absent and empty members are left out. */
final class BodyJson {
    private BodyJson() {}

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A text member, or {@code null} when absent. */
    static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    static List<String> texts(JsonNode node, String name) {
        return list(node, name, JsonNode::asText);
    }

    static <T> List<T> list(JsonNode node, String name, Function<JsonNode, T> read) {
        JsonNode v = node.get(name);
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(v.size());
        // A loop, not forEach with a capturing lambda: a node on C1 alone makes each of those through a
        // slow runtime call, and every stored record is read through here (issue 14).
        for (JsonNode e : v) {
            out.add(read.apply(e));
        }
        return out;
    }

    /** A language map in body order. */
    static Map<String, String> textMap(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isObject()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** An unmodifiable copy keeping the order, which {@link Map#copyOf} would not. */
    static Map<String, String> copyOf(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An unmodifiable copy; {@code null} reads as empty. */
    static <T> List<T> copyOf(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** The wire names of an enum's constants: their names in lower case. */
    static Set<String> wireNames(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(v -> v.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    static void put(ObjectNode out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    static void put(ObjectNode out, String name, List<String> values) {
        putAll(out, name, values, (array, v) -> array.add(v));
    }

    static <T> void putAll(ObjectNode out, String name, List<T> values, Adder<T> add) {
        if (values.isEmpty()) {
            return;
        }
        ArrayNode array = out.putArray(name);
        values.forEach(v -> add.add(array, v));
    }

    static void put(ObjectNode out, String name, Map<String, String> map) {
        if (!map.isEmpty()) {
            ObjectNode o = out.putObject(name);
            map.forEach(o::put);
        }
    }

    /** Appends one value to a JSON array. */
    interface Adder<T> {
        void add(ArrayNode array, T value);
    }
}
