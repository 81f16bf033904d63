package org.tsunagu.node.directory;

import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;

/** {@code origin/id}: an organisation's or partnership's name across the federation. */
public record GlobalId(HubId origin, String id) {
    public GlobalId {
        if (origin == null || !org.tsunagu.protocol.body.GlobalId.isLocalId(id)) {
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
                && org.tsunagu.protocol.body.GlobalId.isLocalId(text.substring(slash + 1));
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
