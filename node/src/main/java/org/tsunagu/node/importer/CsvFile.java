package org.tsunagu.node.importer;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * RFC 4180 CSV as spreadsheets write it, read with Apache Commons CSV: UTF-8 with or without a byte
 * order mark, comma separated, fields optionally quoted with {@code "} (doubled inside), line breaks
 * CRLF, LF or CR, quoted fields may span lines. A quote inside an unquoted field ({@code 5" disk}) is
 * kept as a character, as spreadsheets read it. Each record remembers the line it starts on, for
 * error messages; blank lines are kept as blank records so line numbers stay right.
 */
final class CsvFile {
    private static final char BOM = '\uFEFF';
    private static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    /** One record: its fields and the 1-based line where it starts. */
    record Row(int line, List<String> fields) {
        Row {
            fields = List.copyOf(fields);
        }

        boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    private CsvFile() {}

    static List<Row> parse(byte[] bytes) {
        String text = decode(bytes);
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        List<Row> rows = new ArrayList<>();
        long start = 1;
        try (CSVParser parser = CSVParser.builder()
                .setReader(new StringReader(text))
                .setFormat(FORMAT)
                .get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                // The parser counts the line breaks it has read: the next record starts on the line after.
                start = parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                rows.add(new Row(Math.toIntExact(start), records.next().toList()));
            }
        } catch (UncheckedIOException | IOException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.contains("EOF reached before encapsulated token finished")) {
                throw ImportException.of(Math.toIntExact(start), null, "$", "a quoted field is never closed");
            }
            if (message.contains("invalid char between encapsulated token and delimiter")) {
                throw ImportException.of(
                        Math.toIntExact(start), null, "$", "text after a closing quote; quote the whole field");
            }
            throw ImportException.of(Math.toIntExact(start), null, "$", "unreadable CSV: " + message);
        }
        return rows;
    }

    private static String decode(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw ImportException.of(
                    lineOfFirstBadByte(bytes), null, "$", "the file is not UTF-8; save it as \"CSV UTF-8\"");
        }
    }

    /** Finds the line of the first undecodable byte, by decoding line by line. */
    private static int lineOfFirstBadByte(byte[] bytes) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, lineStart, i - lineStart));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                lineStart = i + 1;
            }
        }
        return 1;
    }
}
