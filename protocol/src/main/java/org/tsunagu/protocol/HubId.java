package org.tsunagu.protocol;

import java.util.regex.Pattern;

/** A hub's name in the federation: lowercase {@code [a-z0-9][a-z0-9-]{1,62}}, e.g. {@code jp-janic}. */
public record HubId(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    public HubId {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new MalformedMessageException("$", "hub id must match [a-z0-9][a-z0-9-]{1,62}: " + shorten(value));
        }
    }

    public static HubId of(String value) {
        return new HubId(value);
    }

    /** Parses a hub id found at {@code path} of a message. */
    public static HubId parse(String value, String path) {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new MalformedMessageException(path, "hub id must match [a-z0-9][a-z0-9-]{1,62}");
        }
        return new HubId(value);
    }

    public static boolean isValid(String value) {
        return value != null && FORM.matcher(value).matches();
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
