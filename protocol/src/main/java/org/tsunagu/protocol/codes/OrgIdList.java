package org.tsunagu.protocol.codes;

import java.util.Objects;

/**
 * One organisation identifier list of the org-id.guide register, e.g. {@code JP-JCN} (Japan's National
 * Tax Agency corporate number). {@code confirmed} and {@code deprecated} are the register's flags, with
 * its {@code null} read as {@code false}.
 */
public record OrgIdList(String code, String name, boolean confirmed, boolean deprecated) {
    public OrgIdList {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
