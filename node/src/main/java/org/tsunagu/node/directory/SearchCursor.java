package org.tsunagu.node.directory;

import java.nio.charset.StandardCharsets;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.ValidationException;

/**
 * Where a result page ended, as an opaque keyset position: the tier (1 name match, 2 description
 * match, 0 without text) and the last doc id. The next page continues strictly after it, so paging
 * never uses OFFSET.
 */
record SearchCursor(int tier, long doc) {
    private static final String VERSION = "2";

    SearchCursor {
        if (tier < 0 || tier > 2 || doc < 0) {
            throw new IllegalArgumentException("bad cursor position");
        }
    }

    String encode() {
        return Base64Url.encode((VERSION + ":" + tier + ":" + doc).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ValidationException at {@code $.cursor} for anything this class did not produce */
    static SearchCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64Url.decode(cursor, "$.cursor"), StandardCharsets.UTF_8).split(":", -1);
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            return new SearchCursor(Integer.parseInt(parts[1]), Long.parseLong(parts[2]));
        } catch (ProtocolException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    static ValidationException invalid() {
        return ValidationException.of("$.cursor", "not a cursor from a previous page of this search");
    }
}
