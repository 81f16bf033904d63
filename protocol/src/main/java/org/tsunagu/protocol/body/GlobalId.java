package org.tsunagu.protocol.body;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;

/**
 * The federation-wide name of an organisation or partnership: the hub that publishes it and its id
 * there, written {@code origin/id} (e.g. {@code jp-janic/org-42}). Neither part can contain {@code /}.
 */
public record GlobalId(HubId origin, String id) {
    private static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9._~:-]{1," + Limits.ID + "}");

    public GlobalId {
        Objects.requireNonNull(origin, "origin");
        if (!isLocalId(id)) {
            throw ValidationException.of(
                    "$", "local id must be 1–" + Limits.ID + " characters of [A-Za-z0-9._~:-], other than . and ..");
        }
    }

    /**
     * Whether {@code id} is a valid local id: 1–128 characters of {@code [A-Za-z0-9._~:-]}, other than
     * {@code .} and {@code ..}, which URLs resolve away (a browser or curl never sends them as a path
     * segment, so such a record could not be read or changed over HTTP).
     */
    public static boolean isLocalId(String id) {
        return id != null && LOCAL_ID.matcher(id).matches() && !id.equals(".") && !id.equals("..");
    }

    /**
     * Parses {@code origin/id} found at {@code path}.
     *
     * @throws ValidationException naming {@code path} if the text is not of that form
     */
    public static GlobalId parse(String text, String path) {
        return tryParse(text)
                .orElseThrow(() -> ValidationException.of(path, "must be \"origin/id\", e.g. jp-janic/org-42"));
    }

    /** Parses {@code origin/id}; empty when the text is not of that form. */
    public static Optional<GlobalId> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String origin = text.substring(0, slash);
        String id = text.substring(slash + 1);
        if (!HubId.isValid(origin) || !isLocalId(id)) {
            return Optional.empty();
        }
        return Optional.of(new GlobalId(HubId.of(origin), id));
    }

    @Override
    public String toString() {
        return origin.value() + "/" + id;
    }
}
