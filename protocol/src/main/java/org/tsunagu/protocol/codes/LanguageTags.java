package org.tsunagu.protocol.codes;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BCP 47 language tags (RFC 5646): well-formedness of the {@code langtag} production and the
 * canonical letter case of §2.1.1. Registry checks (is {@code ja} a language?) live in
 * {@link CodeLists#isLanguage}.
 */
public final class LanguageTags {
    /** Longer than any tag a person writes; RFC 5646 §4.4.1 asks implementations to take at least 35. */
    public static final int MAX_LENGTH = 64;

    // RFC 5646 §2.1 langtag, ASCII only. Backtracking resolves the overlaps (a 4-letter subtag after the
    // language is a script, 2 letters or 3 digits a region, 5-8 alphanumerics or digit+3 a variant).
    private static final Pattern LANGTAG = Pattern.compile("(?<language>[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"
            + "|[A-Za-z]{4,8})"
            + "(?:-[A-Za-z]{4})?"
            + "(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
            + "(?<variants>(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*)"
            + "(?<extensions>(?:-[0-9A-WYZa-wyz](?:-[A-Za-z0-9]{2,8})+)*)"
            + "(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?");

    private LanguageTags() {}

    /**
     * Whether {@code tag} matches RFC 5646 {@code langtag} and has no repeated variant or extension
     * singleton (§2.2.9 "valid" conditions that need no registry). Private-use-only tags ({@code x-…})
     * and the irregular grandfathered tags ({@code i-klingon}) are not accepted.
     */
    public static boolean isWellFormed(String tag) {
        if (tag == null || tag.length() > MAX_LENGTH) {
            return false;
        }
        if (isLetters(tag)) { // the common case, "ja" or "fil", without the regex
            return tag.length() >= 2 && tag.length() <= 8;
        }
        Matcher m = LANGTAG.matcher(tag);
        if (!m.matches()) {
            return false;
        }
        return noRepeats(m.group("variants"), false) && noRepeats(m.group("extensions"), true);
    }

    private static boolean isLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    /** The primary language subtag in lower case: {@code "zh"} for {@code "zh-Hant-TW"}. */
    public static String primaryLanguage(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(Locale.ROOT);
    }

    /**
     * The RFC 5646 §2.1.1 case of a well-formed tag: language and everything after a singleton in lower
     * case, a script in title case, a region in upper case ({@code "zh-hant-tw"} → {@code "zh-Hant-TW"}).
     */
    public static String canonicalCase(String tag) {
        String[] subtags = tag.split("-");
        StringBuilder out = new StringBuilder(tag.length());
        boolean afterSingleton = false;
        for (int i = 0; i < subtags.length; i++) {
            String s = subtags[i].toLowerCase(Locale.ROOT);
            if (i > 0) {
                out.append('-');
                if (!afterSingleton && s.length() == 2) {
                    s = s.toUpperCase(Locale.ROOT);
                } else if (!afterSingleton && s.length() == 4 && Character.isLetter(s.charAt(0))) {
                    s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
                }
            }
            afterSingleton |= i > 0 && s.length() == 1;
            out.append(s);
        }
        return out.toString();
    }

    /** Repeated variants, or repeated extension singletons when {@code singletons} is set. */
    private static boolean noRepeats(String part, boolean singletons) {
        if (part == null || part.isEmpty()) {
            return true;
        }
        Set<String> seen = new HashSet<>();
        for (String s : part.substring(1).split("-")) {
            if (singletons && s.length() != 1) {
                continue;
            }
            if (!seen.add(s.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }
}
