package org.tsunagu.node.staff;

/** A staff account request that cannot be carried out; {@code field} names the input at fault. */
public final class StaffException extends RuntimeException {
    private final String field;

    public StaffException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
