package org.tsunagu.protocol.canon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;

/**
 * What a protocol message may contain beyond plain JSON, so that RFC 8785 can represent it and every
 * reader (also an ECMAScript one) sees the same values: I-JSON (RFC 7493) strings and numbers. One
 * place for the rules, used both when parsing text and when canonicalizing a tree, so whatever
 * {@link StrictJson} accepts canonicalizes, and whatever {@link CanonicalJson} writes parses again.
 *
 * <p>Each check returns null when the value is fine and otherwise the problem, for the caller to
 * throw with the JSON path it knows.
 */
final class IJson {
    /** RFC 7493 §2.2: the integers every IEEE 754 double reader holds exactly. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** From here on ECMAScript writes numbers with an exponent ({@code 1e+21}), never as integers. */
    private static final double EXPONENT_FORM = 1e21;

    private IJson() {}

    /**
     * Strings must be Unicode text: a lone surrogate (say from a {@code \ud800} escape) is not; and
     * RFC 7493 §2.1 also excludes the noncharacters (U+FDD0–U+FDEF and U+xxFFFE, U+xxFFFF).
     */
    static String stringProblem(String s) {
        // Over a copy of the chars, not charAt: every string of every envelope comes through here, and
        // under C1 (the node's default JIT) each charAt is a call with its own bounds check (issue 14).
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0xD800) {
                continue;
            }
            int codePoint = c;
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= chars.length || !Character.isLowSurrogate(chars[i + 1])) {
                    return String.format("lone surrogate U+%04X at index %d is not Unicode text", codePoint, i);
                }
                codePoint = Character.toCodePoint(c, chars[++i]);
            }
            if ((codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE) {
                return String.format("noncharacter U+%04X is not allowed in I-JSON (RFC 7493)", codePoint);
            }
        }
        return null;
    }

    static String integerProblem(long v) {
        if (v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER) {
            return "integer " + v + " is outside the I-JSON range ±(2^53−1)";
        }
        return null;
    }

    /**
     * A double's problem. Integral values from 2^53 up to 10^21 are refused although they are
     * doubles: their canonical form is an integer literal beyond ±(2^53−1), which I-JSON readers
     * cannot take as exact and which this parser itself refuses. From 10^21 on the canonical form
     * has an exponent ({@code 1e+30}) and reads as the approximate double it is.
     */
    static String doubleProblem(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "NaN and Infinity have no JSON form";
        }
        double abs = Math.abs(d);
        if (abs > MAX_SAFE_INTEGER && abs < EXPONENT_FORM && d == Math.rint(d)) {
            return "number " + EcmaNumber.format(d) + " is an integer outside the I-JSON range ±(2^53−1)";
        }
        return null;
    }

    /**
     * The tree node for an accepted double: an integer node when the value is integral (so
     * {@code 56.0}, {@code 5.6e1} and {@code 56} give equal trees, as they give equal canonical text),
     * otherwise a double node.
     */
    static JsonNode numberNode(double d) {
        if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
            long v = (long) d; // also turns -0.0 into 0, as RFC 8785 writes it
            return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
        }
        return DoubleNode.valueOf(d);
    }
}
