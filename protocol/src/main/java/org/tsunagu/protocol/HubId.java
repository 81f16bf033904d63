package org.tsunagu.protocol;

/** A hub's name in the federation: lowercase {@code [a-z0-9][a-z0-9-]{1,62}}, e.g. {@code jp-janic}. */
public record HubId(String value) {
    public HubId {
        if (!isValid(value)) {
            throw new MalformedMessageException("$", "hub id must match [a-z0-9][a-z0-9-]{1,62}: " + shorten(value));
        }
    }

    public static HubId of(String value) {
        return new HubId(value);
    }

    /** Parses a hub id found at {@code path} of a message. */
    public static HubId parse(String value, String path) {
        if (!isValid(value)) {
            throw new MalformedMessageException(path, "hub id must match [a-z0-9][a-z0-9-]{1,62}");
        }
        return new HubId(value);
    }

    /**
     * Whether {@code value} has the form {@code [a-z0-9][a-z0-9-]{1,62}}. Checked by hand, not by a
     * regular expression: a node makes a hub id for every row it reads that names one, thousands a
     * second while it takes a region's pushes (issue 14).
     */
    public static boolean isValid(String value) {
        if (value == null || value.length() < 2 || value.length() > 63) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static String shorten(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    @Override
    public String toString() {
        return value;
    }
}
