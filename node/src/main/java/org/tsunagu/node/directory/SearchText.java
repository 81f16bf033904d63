package org.tsunagu.node.directory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns text in any of our languages into the tokens the FTS5 index holds, and a user's query into the
 * same tokens, so that matching is done by plain token lookup.
 *
 * <ul>
 *   <li>NFKC then lower case: {@code ＮＧＯ} = {@code NGO}, half-width {@code ｶﾀｶﾅ} = {@code カタカナ};
 *       hiragana as katakana ({@code せんたー} = {@code センター}); Latin diacritics are dropped
 *       ({@code Hà Nội} = {@code ha noi}). A change here changes the index: it needs a migration that
 *       asks for a rebuild ({@link SearchReindex}).
 *   <li>Scripts written with spaces (Latin, Cyrillic, Devanagari, ...) give one token per word.
 *   <li>Scripts written without spaces (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar) give, per run,
 *       every overlapping pair of characters plus the run's last character alone. A substring of two
 *       or more characters is then a phrase of consecutive pairs ({@code 協会}, {@code 支援} included,
 *       which a trigram index cannot find), and a single character is a prefix query on the tokens,
 *       since every character of a run starts a pair or is the final single.
 * </ul>
 *
 * <p>Tokens consist of letters, digits and marks only, so nothing the user types can become FTS5
 * syntax.
 */
final class SearchText {
    /** A Latin word this long or longer at the end of a query also matches as a prefix. */
    static final int PREFIX_MIN = 3;
    /** Words beyond this many in a query are ignored: bounded work per request. */
    static final int MAX_GROUPS = 12;

    enum Kind {
        SEPARATOR,
        WORD,
        PAIRED
    }

    /** One whitespace-separated word of a query: a phrase of tokens, the last maybe a prefix. */
    record Group(List<String> tokens, boolean prefix) {
        Group {
            tokens = List.copyOf(tokens);
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("a group has tokens");
            }
        }

        /** FTS5 phrase syntax; tokens never contain a quote. */
        String phrase() {
            return '"' + String.join(" ", tokens) + '"' + (prefix ? " *" : "");
        }

        /** The phrase with its last token replaced by {@code last}, matched exactly. */
        String phraseEndingWith(String last) {
            List<String> all = new ArrayList<>(tokens.subList(0, tokens.size() - 1));
            all.add(last);
            return '"' + String.join(" ", all) + '"';
        }

        String lastToken() {
            return tokens.get(tokens.size() - 1);
        }
    }

    private SearchText() {}

    static String normalize(String text) {
        if (isAscii(text)) {
            // Issue 14 (speed): ASCII is its own NFKC form and holds no kana, so lower case is all that
            // changes it; most names and descriptions are, and the normaliser copied every one.
            return text.toLowerCase(Locale.ROOT);
        }
        return foldKana(Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hiragana as katakana ({@code せんたー} = {@code センター}): people type a loanword or a name in
     * either, and an IME often gives hiragana first. The two blocks are parallel, 0x60 apart.
     */
    static String foldKana(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean hiragana = (ch >= '\u3041' && ch <= '\u3096') || ch == '\u309D' || ch == '\u309E';
            if (hiragana) {
                if (out == null) {
                    out = new StringBuilder(text);
                }
                out.setCharAt(i, (char) (ch + 0x60));
            }
        }
        return out == null ? text : out.toString();
    }

    /** The index form of {@code text}: its tokens separated by spaces, appended to {@code out}. */
    static void appendTokens(String text, StringBuilder out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (isAscii(text)) {
            appendAsciiTokens(text, out);
        } else {
            appendAnyTokens(text, out);
        }
    }

    /** {@link #appendTokens} for any text: normalised, then cut into tokens. */
    static void appendAnyTokens(String text, StringBuilder out) {
        List<String> tokens = new ArrayList<>();
        tokenize(normalize(text), tokens, false);
        for (String t : tokens) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(t);
        }
    }

    /**
     * {@link #appendTokens} for ASCII text, written straight into {@code out}: in ASCII the tokens are
     * the runs of letters and digits, lower-cased (see {@link #kindOf}; no ASCII character is a mark or
     * changes under NFKC or {@link #foldLatin}). Issue 14 (speed): the general way copies the text to
     * lower case and cuts every word out as a string, and most names and descriptions are ASCII; this
     * ran on the one writer thread for every organisation stored.
     */
    private static void appendAsciiTokens(String text, StringBuilder out) {
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean upper = ch >= 'A' && ch <= 'Z';
            boolean word = upper || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
            if (!word) {
                inWord = false;
                continue;
            }
            if (!inWord && out.length() > 0) {
                out.append(' ');
            }
            inWord = true;
            out.append(upper ? (char) (ch + ('a' - 'A')) : ch);
        }
    }

    static String tokens(String text) {
        StringBuilder out = new StringBuilder();
        appendTokens(text, out);
        return out.toString();
    }

    /** The groups of a user query; empty if it holds no letters or digits. */
    static List<Group> parseQuery(String q) {
        List<Group> groups = new ArrayList<>();
        if (q == null) {
            return groups;
        }
        String[] words = normalize(q).strip().split("\\s+");
        for (int i = 0; i < words.length && groups.size() < MAX_GROUPS; i++) {
            List<String> tokens = new ArrayList<>();
            boolean prefix = tokenize(words[i], tokens, true);
            if (tokens.isEmpty()) {
                continue;
            }
            boolean last = i == words.length - 1;
            String lastToken = tokens.get(tokens.size() - 1);
            // A single paired character must be a prefix (it may start a pair); a last Latin word may be.
            boolean latinPrefix = last && !prefix && lastToken.length() >= PREFIX_MIN && isWordToken(lastToken);
            groups.add(new Group(tokens, prefix || latinPrefix));
        }
        return groups;
    }

    /**
     * Tokenises normalised text. In query form a paired run that ends the text keeps only its pairs
     * (the text may continue in a document), or, if it is one character, yields it as a prefix.
     *
     * @return true if the last token must be matched as a prefix
     */
    private static boolean tokenize(String s, List<String> out, boolean queryForm) {
        int i = 0;
        int n = s.length();
        boolean prefix = false;
        while (i < n) {
            int cp = s.codePointAt(i);
            Kind kind = kindOf(cp);
            if (kind == Kind.SEPARATOR) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            // The code points of a paired run; a word is cut out of the text as it is.
            List<Integer> run = kind == Kind.PAIRED ? new ArrayList<>() : null;
            while (i < n) {
                int c = s.codePointAt(i);
                Kind k = kindOf(c);
                boolean continues = k == kind || isMark(c);
                if (!continues) {
                    break;
                }
                if (run != null) {
                    run.add(c);
                }
                i += Character.charCount(c);
            }
            if (kind == Kind.WORD) {
                out.add(foldLatin(s.substring(start, i)));
                prefix = false;
            } else {
                boolean endsText = nextNonSeparator(s, i) >= n;
                prefix = pairs(run, out, queryForm && endsText);
            }
        }
        return prefix;
    }

    /** Emits the pairs of a run (and its final single); returns true if a lone single must be a prefix. */
    private static boolean pairs(List<Integer> run, List<String> out, boolean queryEnd) {
        int len = run.size();
        if (len == 1) {
            out.add(Character.toString(run.get(0)));
            return queryEnd;
        }
        for (int k = 0; k + 1 < len; k++) {
            out.add(new StringBuilder()
                    .appendCodePoint(run.get(k))
                    .appendCodePoint(run.get(k + 1))
                    .toString());
        }
        if (!queryEnd) {
            out.add(Character.toString(run.get(len - 1)));
        }
        return false;
    }

    private static int nextNonSeparator(String s, int from) {
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (kindOf(cp) != Kind.SEPARATOR) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    static Kind kindOf(int cp) {
        if (cp < 0x80) {
            // ASCII, the most of most text: letters (Latin) and digits (Common) are words, the rest
            // separates, and none is a mark. What kindOfAny answers for each, without its lookups.
            boolean letterOrDigit = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
            return letterOrDigit ? Kind.WORD : Kind.SEPARATOR;
        }
        return kindOfAny(cp);
    }

    /** {@link #kindOf} from the Unicode character data, for any code point. */
    static Kind kindOfAny(int cp) {
        if (cp == 0x30FC || cp == 0xFF70 || cp == 0x3005) {
            return Kind.PAIRED; // prolonged sound mark and iteration mark belong to their runs
        }
        if (!Character.isLetterOrDigit(cp) && !isMark(cp)) {
            return Kind.SEPARATOR;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO, THAI, LAO, KHMER, MYANMAR, TIBETAN -> Kind.PAIRED;
            default -> isMark(cp) ? Kind.SEPARATOR : Kind.WORD;
        };
    }

    private static boolean isMark(int cp) {
        if (cp < 0x80) {
            return false; // no ASCII character is a mark
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    /** True for a token of a script written with spaces (a word, not a character pair). */
    static boolean isWordToken(String token) {
        return kindOf(token.codePointAt(0)) == Kind.WORD;
    }

    /** Drops diacritics from Latin letters (Vietnamese, Filipino, European names); other text as is. */
    private static String foldLatin(String word) {
        boolean ascii = true;
        for (int k = 0; k < word.length(); k++) {
            if (word.charAt(k) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return word;
        }
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        int previousBase = -1;
        for (int k = 0; k < decomposed.length(); ) {
            int cp = decomposed.codePointAt(k);
            k += Character.charCount(cp);
            if (isMark(cp)
                    && previousBase >= 0
                    && Character.UnicodeScript.of(previousBase) == Character.UnicodeScript.LATIN) {
                continue;
            }
            if (!isMark(cp)) {
                previousBase = cp;
            }
            out.appendCodePoint(cp);
        }
        String folded = Normalizer.normalize(out, Normalizer.Form.NFC);
        return folded.replace('đ', 'd').replace('ł', 'l').replace('ø', 'o');
    }
}
