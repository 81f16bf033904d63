package org.tsunagu.node.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

/** RFC 4180 cells, with the spreadsheet formula guard. */
final class CsvCells {
    /** Text a spreadsheet would run as a formula if the cell started with it. */
    private static final Pattern FORMULA_START = Pattern.compile("^[=@\\t\\r].*|^[+-].*", Pattern.DOTALL);
    /** Phone numbers or signed numbers, one per line: safe with a leading + or -, kept as they are. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?[0-9 ().\\-]*(\n[+-]?[0-9 ().\\-]*)*");

    private CsvCells() {}

    static void writeRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * The cell as written: quoted when it holds a comma, quote or line break, quotes doubled. A value
     * that a spreadsheet would read as a formula ({@code =…}, {@code @…}, {@code +cmd…}) gets a
     * leading apostrophe (the OWASP advice); phone numbers such as {@code +81 3 1234 5678} do not.
     */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = FORMULA_START.matcher(value).matches()
                        && !PLAIN_NUMBER.matcher(value).matches()
                ? "'" + value
                : value;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
