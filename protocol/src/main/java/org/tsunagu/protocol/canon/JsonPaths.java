package org.tsunagu.protocol.canon;

import com.fasterxml.jackson.core.JsonStreamContext;

/**
 * JSON paths for error reports: {@code $.body.names.ja}, {@code $.body.phones[0]}. A member name that
 * is not a plain word goes in brackets, escaped and shortened ({@code $.body["a b"]}), because a path
 * ends up in logs and problem+json answers and must stay readable, short and valid Unicode even when
 * the offending name is none of these.
 */
final class JsonPaths {
    private static final int MAX_NAME_CHARS = 64;

    private JsonPaths() {}

    static String member(String parent, String name) {
        return parent + memberSegment(name);
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path of the value a streaming parser is at (or, before a member's name is read, its object). */
    static String of(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "$";
        }
        String parent = of(context.getParent());
        if (context.inArray()) {
            return context.hasCurrentIndex() ? index(parent, context.getCurrentIndex()) : parent;
        }
        String name = context.getCurrentName();
        return name == null ? parent : member(parent, name);
    }

    private static String memberSegment(String name) {
        if (isPlain(name)) {
            return "." + name;
        }
        StringBuilder out = new StringBuilder("[\"");
        int end = Math.min(name.length(), MAX_NAME_CHARS);
        for (int i = 0; i < end; i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (end < name.length()) {
            out.append('…');
        }
        return out.append("\"]").toString();
    }

    private static boolean isPlain(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
