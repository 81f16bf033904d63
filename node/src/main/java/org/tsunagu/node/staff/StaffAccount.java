package org.tsunagu.node.staff;

import java.util.Objects;

/** A staff account as the console shows it: never its password hash. */
public record StaffAccount(long id, String username, Role role, String createdAt) {
    public StaffAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
