package org.tsunagu.protocol;

import java.util.List;
import java.util.stream.Collectors;

/** A well-formed message whose content breaks the rules; lists every bad field, not just the first. */
public class ValidationException extends ProtocolException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "$" : errors.get(0).path(), summary(errors));
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String path, String message) {
        return new ValidationException(List.of(new FieldError(path, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        return errors.stream().map(e -> e.path() + ": " + e.message()).collect(Collectors.joining("; "));
    }
}
