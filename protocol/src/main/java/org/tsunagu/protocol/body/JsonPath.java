package org.tsunagu.protocol.body;

/**
 * Where a value sits in the body, as {@code $.body.parties[1].organization}. Built as a chain of links
 * and spelled out only when an error is reported: validation visits every member, and building each
 * path as text up front was most of its cost.
 */
final class JsonPath {
    static final JsonPath BODY = new JsonPath(null, "$.body", -1);

    private final JsonPath parent;
    private final String key;
    private final int index;

    private JsonPath(JsonPath parent, String key, int index) {
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    JsonPath member(String name) {
        return new JsonPath(this, name, -1);
    }

    JsonPath index(int i) {
        return new JsonPath(this, null, i);
    }

    /** {@code $.body.names.ja}, or {@code $.body.names['a b']} when the key is not a plain word. */
    @Override
    public String toString() {
        if (parent == null) {
            return key;
        }
        StringBuilder out = new StringBuilder(parent.toString());
        if (key == null) {
            out.append('[').append(index).append(']');
        } else if (isPlain(key)) {
            out.append('.').append(key);
        } else {
            out.append("['")
                    .append(key.replace("\\", "\\\\").replace("'", "\\'"))
                    .append("']");
        }
        return out.toString();
    }

    /** {@code [A-Za-z_][A-Za-z0-9_-]*}. */
    private static boolean isPlain(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean other = i > 0 && ((c >= '0' && c <= '9') || c == '-');
            if (!letter && !other) {
                return false;
            }
        }
        return true;
    }
}
