package org.tsunagu.node.directory;

import java.util.regex.Pattern;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;

/** {@code origin/id}: an organisation's or partnership's name across the federation. */
public record GlobalId(HubId origin, String id) {
    private static final Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9._~:-]{1,128}");

    public GlobalId {
        if (origin == null || id == null || !LOCAL_ID.matcher(id).matches()) {
            throw ValidationException.of("$", "not a global id origin/id: " + origin + "/" + id);
        }
    }

    public static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        int slash = text.indexOf('/');
        return slash > 0
                && HubId.isValid(text.substring(0, slash))
                && LOCAL_ID.matcher(text.substring(slash + 1)).matches();
    }

    /** @throws ValidationException at {@code path} if {@code text} is not origin/id */
    public static GlobalId parse(String text, String path) {
        if (!isValid(text)) {
            throw ValidationException.of(path, "a global id origin/id, e.g. jp-janic/org-1");
        }
        int slash = text.indexOf('/');
        return new GlobalId(HubId.of(text.substring(0, slash)), text.substring(slash + 1));
    }

    @Override
    public String toString() {
        return origin.value() + "/" + id;
    }
}
