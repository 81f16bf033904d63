package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;

/** The rules every text value follows, whatever its field. */
final class Texts {
    private Texts() {}

    /**
     * A non-empty string of at most {@code max} code points, without leading or trailing whitespace
     * (what {@link Bodies#normalize} removes) and without control characters; line breaks and tabs are
     * allowed only when {@code multiline}. NFC is checked once for the whole body by {@link Check}.
     *
     * @return the text, or {@code null} after reporting what is wrong
     */
    static String check(Check check, JsonNode v, JsonPath path, int max, boolean multiline) {
        if (!v.isTextual()) {
            check.error(path, "must be a string");
            return null;
        }
        String s = v.textValue();
        if (s.isEmpty()) {
            check.error(path, "must not be empty (leave the member out instead)");
            return null;
        }
        boolean ok = true;
        int length = s.codePointCount(0, s.length());
        if (length > max) {
            check.error(path, "is " + length + " characters long; at most " + max + " are allowed");
            ok = false;
        }
        if (!s.equals(s.strip())) {
            check.error(path, "must not begin or end with whitespace");
            ok = false;
        }
        int bad = firstControl(s, multiline);
        if (bad >= 0) {
            check.error(path, String.format("contains control character U+%04X", bad));
            ok = false;
        }
        return ok ? s : null;
    }

    private static int firstControl(String s, boolean multiline) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (multiline && (c == '\n' || c == '\t')) {
                continue;
            }
            if (Character.isISOControl(c)) {
                return c;
            }
        }
        return -1;
    }
}
