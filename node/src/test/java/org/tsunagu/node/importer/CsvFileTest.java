package org.tsunagu.node.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFileTest {
    private static List<CsvFile.Row> parse(String text) {
        return CsvFile.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_bomAndCrlf_dropsBomAndSplitsRows() {
        List<CsvFile.Row> rows = parse("\uFEFFid,name\r\n1,国際協力\r\n");
        assertEquals(2, rows.size());
        assertEquals(List.of("id", "name"), rows.get(0).fields());
        assertEquals(List.of("1", "国際協力"), rows.get(1).fields());
    }

    @Test
    void parse_quotedFieldsWithCommaQuoteAndNewline_keepsThemAndCountsLines() {
        List<CsvFile.Row> rows = parse("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\nlast,row");
        assertEquals(List.of("x, \"y\"", "two\nlines"), rows.get(1).fields());
        assertEquals(2, rows.get(1).line());
        assertEquals(4, rows.get(2).line(), "the quoted newline moves the next record to line 4");
    }

    @Test
    void parse_emptyTrailingFieldsAndNoFinalNewline_kept() {
        List<CsvFile.Row> rows = parse("a,b,c\n1,,");
        assertEquals(List.of("1", "", ""), rows.get(1).fields());
    }

    @Test
    void parse_unclosedQuote_reportsLineWhereItOpened() {
        ImportException e = assertThrows(ImportException.class, () -> parse("a\n\"open\nstill open"));
        assertEquals(2, e.errors().get(0).line());
    }

    /** As spreadsheets read it: {@code 5" disk} is a value, not a broken file. */
    @Test
    void parse_quoteInsideUnquotedField_keptAsACharacter() {
        assertEquals(List.of("5\" disk"), parse("a\n5\" disk\n").get(1).fields());
    }

    @Test
    void parse_textAfterClosingQuote_refusedWithItsLine() {
        ImportException e = assertThrows(ImportException.class, () -> parse("a\nok\n\"ab\"c\n"));
        assertEquals(3, e.errors().get(0).line());
    }

    @Test
    void parse_blankLinesBetweenRecords_lineNumbersKept() {
        List<CsvFile.Row> rows = parse("a\r\n\r\nx\r\n\r\n\r\ny\r\n");
        assertEquals(6, rows.get(rows.size() - 1).line());
        assertEquals(List.of("y"), rows.get(rows.size() - 1).fields());
    }

    @Test
    void parse_notUtf8_reportsLine() {
        byte[] latin1 = "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ImportException e = assertThrows(ImportException.class, () -> CsvFile.parse(latin1));
        assertEquals(2, e.errors().get(0).line());
    }
}
