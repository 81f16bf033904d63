package org.tsunagu.node.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {
    private static List<CsvParser.Row> parse(String text) {
        return CsvParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parse_bomAndCrlf_dropsBomAndSplitsRows() {
        List<CsvParser.Row> rows = parse("\uFEFFid,name\r\n1,国際協力\r\n");
        assertEquals(2, rows.size());
        assertEquals(List.of("id", "name"), rows.get(0).fields());
        assertEquals(List.of("1", "国際協力"), rows.get(1).fields());
    }

    @Test
    void parse_quotedFieldsWithCommaQuoteAndNewline_keepsThemAndCountsLines() {
        List<CsvParser.Row> rows = parse("a,b\n\"x, \"\"y\"\"\",\"two\nlines\"\nlast,row");
        assertEquals(List.of("x, \"y\"", "two\nlines"), rows.get(1).fields());
        assertEquals(2, rows.get(1).line());
        assertEquals(4, rows.get(2).line(), "the quoted newline moves the next record to line 4");
    }

    @Test
    void parse_emptyTrailingFieldsAndNoFinalNewline_kept() {
        List<CsvParser.Row> rows = parse("a,b,c\n1,,");
        assertEquals(List.of("1", "", ""), rows.get(1).fields());
    }

    @Test
    void parse_unclosedQuote_reportsLineWhereItOpened() {
        ImportException e = assertThrows(ImportException.class, () -> parse("a\n\"open\nstill open"));
        assertEquals(2, e.errors().get(0).line());
    }

    @Test
    void parse_quoteInsideUnquotedField_refused() {
        assertThrows(ImportException.class, () -> parse("a\nab\"c\n"));
    }

    @Test
    void parse_notUtf8_reportsLine() {
        byte[] latin1 = "id,name\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        ImportException e = assertThrows(ImportException.class, () -> CsvParser.parse(latin1));
        assertEquals(2, e.errors().get(0).line());
    }
}
