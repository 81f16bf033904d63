package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON object being validated at a known path. Getters report what is wrong with a member and
 * return {@code null} (or an empty collection) for a member that is absent or bad, so rules can go on
 * and find the next error.
 */
final class Obj {
    /** A string found at {@code path}. */
    record Text(String value, JsonPath path) {}

    /** Any JSON value found at {@code path}. */
    record Item(JsonNode node, JsonPath path) {}

    final Check check;
    final JsonNode node;
    final JsonPath path;

    private Obj(Check check, JsonNode node, JsonPath path) {
        this.check = check;
        this.node = node;
        this.path = path;
    }

    /**
     * Opens {@code node} as an object with exactly the members allowed: every required one present, no
     * unknown one (a receiver that ignored unknown members would pass on data it never checked).
     *
     * @return {@code null} when {@code node} is not an object
     */
    static Obj open(Check check, JsonNode node, JsonPath path, Set<String> required, Set<String> optional) {
        if (node == null || !node.isObject()) {
            check.error(path, "must be a JSON object");
            return null;
        }
        for (String name : new TreeSet<>(required)) {
            if (!node.has(name)) {
                check.error(path.member(name), "is required");
            }
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!required.contains(e.getKey()) && !optional.contains(e.getKey())) {
                check.error(path.member(e.getKey()), "unknown member");
            }
        }
        return new Obj(check, node, path);
    }

    /** The nested object {@code name}, opened as {@link #open}; {@code null} when absent or bad. */
    Obj object(String name, Set<String> required, Set<String> optional) {
        JsonNode v = node.get(name);
        return v == null ? null : open(check, v, at(name), required, optional);
    }

    JsonPath at(String name) {
        return path.member(name);
    }

    boolean has(String name) {
        return node.has(name);
    }

    /** A one-line text member of at most {@code max} code points. */
    String text(String name, int max) {
        return text(name, max, false);
    }

    /** A text member that may span lines (descriptions, reasons). */
    String multiline(String name, int max) {
        return text(name, max, true);
    }

    private String text(String name, int max, boolean multiline) {
        JsonNode v = node.get(name);
        return v == null ? null : Texts.check(check, v, at(name), max, multiline);
    }

    /** An integer member; {@code null} when absent or not an integer. */
    Long integer(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            check.error(at(name), "must be an integer");
            return null;
        }
        return v.longValue();
    }

    /** A number member; {@code null} when absent or not a number. */
    Double number(String name) {
        JsonNode v = node.get(name);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            check.error(at(name), "must be a number");
            return null;
        }
        return v.doubleValue();
    }

    /** The elements of an array member of at most {@code max} elements. */
    List<Item> array(String name, int max) {
        JsonNode v = node.get(name);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            check.error(at(name), "must be a JSON array");
            return List.of();
        }
        if (v.size() > max) {
            check.error(at(name), "has " + v.size() + " elements; at most " + max + " are allowed");
        }
        List<Item> items = new ArrayList<>();
        JsonPath at = at(name);
        for (int i = 0; i < v.size(); i++) {
            items.add(new Item(v.get(i), at.index(i)));
        }
        return items;
    }

    /** An array of one-line texts; duplicates are reported, bad elements left out of the result. */
    List<Text> texts(String name, int maxItems, int maxLength) {
        List<Text> out = new ArrayList<>();
        Map<String, JsonPath> seen = new HashMap<>();
        for (Item item : array(name, maxItems)) {
            String s = Texts.check(check, item.node(), item.path(), maxLength, false);
            if (s == null) {
                continue;
            }
            JsonPath first = seen.putIfAbsent(s, item.path());
            if (first != null) {
                check.error(item.path(), "duplicate of " + first);
                continue;
            }
            out.add(new Text(s, item.path()));
        }
        return out;
    }

    /**
     * A map from BCP 47 language tag to text ({@code names}, {@code descriptions}, {@code titles}).
     *
     * @return the good entries, in body order
     */
    Map<String, String> languageMap(String name, int maxLength, boolean multiline) {
        JsonNode v = node.get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (!v.isObject()) {
            check.error(at(name), "must be a JSON object mapping BCP 47 language tags to text");
            return out;
        }
        if (v.size() > Limits.LANGUAGE_MAP_ENTRIES) {
            check.error(at(name), "has " + v.size() + " entries; at most " + Limits.LANGUAGE_MAP_ENTRIES);
        }
        JsonPath at = at(name);
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            JsonPath entryPath = at.member(e.getKey());
            boolean tagOk = Fields.languageTag(check, e.getKey(), entryPath);
            String text = Texts.check(check, e.getValue(), entryPath, maxLength, multiline);
            if (tagOk && text != null) {
                out.put(e.getKey(), text);
            }
        }
        return out;
    }

    /** A member whose value must be one of {@code allowed}; {@code null} when absent or bad. */
    String oneOf(String name, Set<String> allowed) {
        String s = text(name, Limits.SHORT_TEXT);
        if (s != null && !allowed.contains(s)) {
            check.error(at(name), "must be one of " + String.join(", ", new TreeSet<>(allowed)));
            return null;
        }
        return s;
    }
}
