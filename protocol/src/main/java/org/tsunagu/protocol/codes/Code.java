package org.tsunagu.protocol.codes;

import java.util.Objects;

/**
 * One entry of an IATI code list: the code as written on the wire, its English name, and whether the
 * list still offers it ({@code withdrawn} codes stay valid so that old envelopes keep validating).
 */
public record Code(String code, String name, boolean withdrawn) {
    public Code {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
