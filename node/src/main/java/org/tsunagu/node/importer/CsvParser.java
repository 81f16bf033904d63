package org.tsunagu.node.importer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as spreadsheets write it: UTF-8 with or without a byte order mark, comma separated,
 * fields optionally quoted with {@code "} (doubled inside), line breaks CRLF, LF or CR, quoted fields
 * may span lines. Each record remembers the line it starts on, for error messages.
 */
final class CsvParser {
    private static final char BOM = '\uFEFF';

    /** One record: its fields and the 1-based line where it starts. */
    record Row(int line, List<String> fields) {
        Row {
            fields = List.copyOf(fields);
        }

        boolean blank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    private CsvParser() {}

    static List<Row> parse(byte[] bytes) {
        String text = decode(bytes);
        int start = !text.isEmpty() && text.charAt(0) == BOM ? 1 : 0;
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int quoteLine = 0;
        int i = start;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0 || fieldWasQuoted) {
                        throw ImportException.of(
                                line, null, "$", "a quote inside an unquoted field; quote the whole field");
                    }
                    quoted = true;
                    fieldWasQuoted = true;
                    quoteLine = line;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                }
                case '\r', '\n' -> {
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    fields.add(field.toString());
                    rows.add(new Row(rowLine, fields));
                    fields = new ArrayList<>();
                    field.setLength(0);
                    fieldWasQuoted = false;
                    line++;
                    rowLine = line;
                }
                default -> {
                    if (fieldWasQuoted) {
                        throw ImportException.of(line, null, "$", "text after a closing quote");
                    }
                    field.append(c);
                }
            }
            i++;
        }
        if (quoted) {
            throw ImportException.of(quoteLine, null, "$", "a quoted field is never closed");
        }
        if (field.length() > 0 || fieldWasQuoted || !fields.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, fields));
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
