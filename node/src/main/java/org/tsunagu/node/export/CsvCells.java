package org.tsunagu.node.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 rows (Apache Commons CSV does the quoting), with the spreadsheet formula guard, which the
 * importer undoes ({@code importer.CsvOrganizations}) so that an export re-imports unchanged.
 */
final class CsvCells {
    /** CRLF between records, quotes only where needed, as spreadsheets write and read. */
    static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    /** Text a spreadsheet would run as a formula if the cell started with it. */
    private static final Pattern FORMULA_START = Pattern.compile("^[=@\\t\\r].*|^[+-].*", Pattern.DOTALL);
    /** Phone numbers or signed numbers, one per line: safe with a leading + or -, kept as they are. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9 ().\\-]*(\n[+-]?[0-9 ().\\-]*)*");

    private CsvCells() {}

    static CSVPrinter printer(Writer out) {
        try {
            return new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeRow(CSVPrinter out, List<String> cells) throws IOException {
        out.printRecord(cells.stream().map(CsvCells::guard));
    }

    /** One cell as {@link #writeRow} writes it: guarded, then quoted if needed. */
    static String cell(String value) {
        return value == null || value.isEmpty() ? "" : FORMAT.format(guard(value));
    }

    /**
     * A value that a spreadsheet would read as a formula ({@code =…}, {@code @…}, {@code +cmd…}) gets a
     * leading apostrophe (the OWASP advice); phone numbers such as {@code +81 3 1234 5678} do not. A
     * value that itself starts with an apostrophe gets one more, so the importer can always take
     * exactly one off and get the value back.
     */
    static String guard(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        boolean formula = FORMULA_START.matcher(value).matches()
                && !PLAIN_NUMBER.matcher(value).matches();
        return formula || value.charAt(0) == '\'' ? "'" + value : value;
    }
}
