package org.tsunagu.node.importer;

import java.util.List;

/**
 * An import file that cannot be used as it stands. Every problem found is listed with the line where
 * its record starts, so the admin can fix the spreadsheet in one pass.
 */
public class ImportException extends RuntimeException {
    private final List<RowError> errors;

    public ImportException(List<RowError> errors) {
        super(errors.size() == 1 ? errors.get(0).toString() : errors.size() + " problems in the import file");
        this.errors = List.copyOf(errors);
    }

    public static ImportException of(int line, String field, String path, String message) {
        return new ImportException(List.of(new RowError(line, field, path, message)));
    }

    public List<RowError> errors() {
        return errors;
    }
}
