package org.tsunagu.node.directory;

import java.nio.charset.StandardCharsets;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.ValidationException;

/**
 * Where a result page ended, as an opaque keyset position: the tier (name / other names / description
 * match; 0 without text), whether that tier is ordered by score or by doc id, and the last score and
 * doc. The next page continues strictly after it, so paging never uses OFFSET.
 */
record SearchCursor(int tier, boolean ranked, double score, long doc) {
    private static final String VERSION = "1";

    SearchCursor {
        if (tier < 0 || tier > 3 || doc < 0) {
            throw new IllegalArgumentException("bad cursor position");
        }
    }

    String encode() {
        String text = String.join(
                ":",
                VERSION,
                Integer.toString(tier),
                ranked ? "r" : "d",
                Long.toHexString(Double.doubleToLongBits(score)),
                Long.toString(doc));
        return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ValidationException at {@code $.cursor} for anything this class did not produce */
    static SearchCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64Url.decode(cursor, "$.cursor"), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || !(parts[2].equals("r") || parts[2].equals("d"))) {
                throw invalid();
            }
            double score = Double.longBitsToDouble(Long.parseUnsignedLong(parts[3], 16));
            if (Double.isNaN(score)) {
                throw invalid();
            }
            return new SearchCursor(Integer.parseInt(parts[1]), parts[2].equals("r"), score, Long.parseLong(parts[4]));
        } catch (ProtocolException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    static ValidationException invalid() {
        return ValidationException.of("$.cursor", "not a cursor from a previous page of this search");
    }
}
