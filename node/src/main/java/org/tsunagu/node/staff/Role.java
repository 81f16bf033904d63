package org.tsunagu.node.staff;

import java.util.Locale;

/** What a staff account may do: editors keep members and partnerships, admins also run the node. */
public enum Role {
    EDITOR,
    ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code editor} or {@code admin}; anything else is a {@link StaffException} on {@code role}. */
    public static Role of(String wire) {
        for (Role role : values()) {
            if (role.wire().equals(wire)) {
                return role;
            }
        }
        throw new StaffException("role", "must be editor or admin");
    }
}
