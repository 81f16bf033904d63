package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The quick paths a pull's parse takes for timestamps and base64url (issue 14) against the slow ones
 * they stand in for: the same answer for every input, accepted or refused.
 */
class FastChecksTest {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    /** What parseTimestamp did before its quick path: the pattern, then the JDK's parser. */
    private static Instant slow(String ts) {
        if (!SHAPE.matcher(ts).matches()) {
            return null;
        }
        try {
            return Instant.parse(ts);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parsed(String ts) {
        try {
            return Envelope.parseTimestamp(ts, "$.ts");
        } catch (MalformedMessageException e) {
            return null;
        }
    }

    @Test
    void timestamps_quickPathAgreesWithThePatternAndTheJdk() {
        List<String> cases = new ArrayList<>();
        String[] fractions = {"", ".", ".5", ".123", ".123456789", ".1234567890", ".12a", ",5"};
        for (String year : new String[] {"0000", "1970", "2024", "2026", "2100", "9999", "20x6"}) {
            for (int month = 0; month <= 13; month++) {
                for (int day : new int[] {0, 1, 9, 28, 29, 30, 31, 32}) {
                    for (String time : new String[] {
                        "00:00:00", "23:59:59", "23:59:60", "24:00:00", "12:60:00", "12:00:61", "1:00:00", "12-00-00"
                    }) {
                        for (String fraction : fractions) {
                            cases.add(String.format("%s-%02d-%02dT%s%sZ", year, month, day, time, fraction));
                        }
                    }
                }
            }
        }
        cases.add("2026-11-29T02:00:00");
        cases.add("2026-11-29 02:00:00Z");
        cases.add("2026-11-29T02:00:00z");
        cases.add("2026-11-29T02:00:00+00:00");
        cases.add("");
        cases.add("Z");
        cases.add("２０２６-11-29T02:00:00Z");
        Random random = new Random(14);
        String alphabet = "0123456789-T:.Z ";
        for (int i = 0; i < 20_000; i++) {
            char[] c = "2026-11-29T02:00:00.123Z".toCharArray();
            c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            cases.add(new String(c, 0, 19 + random.nextInt(6)) + (random.nextBoolean() ? "Z" : ""));
        }
        int quick = 0;
        for (String ts : cases) {
            Instant expected = slow(ts);
            assertEquals(expected, parsed(ts), ts);
            Instant fast = Envelope.plainTimestamp(ts);
            if (fast != null) {
                quick++;
                assertEquals(expected, fast, ts);
            }
        }
        assertTrue(quick > 1000, "the quick path took " + quick + " cases");
        assertNull(Envelope.plainTimestamp("2026-02-29T00:00:00Z"), "left to the JDK: not a leap year");
        assertThrows(MalformedMessageException.class, () -> Envelope.parseTimestamp("2026-02-29T00:00:00Z", "$.ts"));
    }

    @Test
    void base64url_checkAgreesWithDecode() {
        Random random = new Random(7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ ";
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int k = 0; k < length; k++) {
                text.append(alphabet.charAt(random.nextInt(i % 2 == 0 ? 64 : alphabet.length())));
            }
            String s = text.toString();
            String decodeError = error(() -> Base64Url.decode(s, "$.x"));
            String checkError = error(() -> Base64Url.check("ab" + s + "cd", 2, s.length(), "$.x"));
            assertEquals(decodeError, checkError, s);
            if (decodeError == null) {
                accepted++;
                assertArrayEquals(Base64.getUrlDecoder().decode(s), Base64Url.decode(s, "$.x"));
            }
        }
        assertTrue(accepted > 1000, "accepted " + accepted);
    }

    @Test
    void hashes_refuseANonCanonicalLastCharacter() {
        String hash = Hashes.sha256(new byte[] {1, 2, 3});
        assertEquals(hash, Hashes.requireHash(hash, "$.prev"));
        char last = hash.charAt(hash.length() - 1);
        // 43 characters carry 32 bytes and 2 unused bits: the next character sets one of them.
        String loose = hash.substring(0, hash.length() - 1) + (char) (last + 1);
        MalformedMessageException e =
                assertThrows(MalformedMessageException.class, () -> Hashes.requireHash(loose, "$.prev"));
        assertEquals("$.prev", e.path());
    }

    private static String error(Runnable r) {
        try {
            r.run();
            return null;
        } catch (MalformedMessageException e) {
            return e.path() + ": " + e.getMessage();
        }
    }
}
