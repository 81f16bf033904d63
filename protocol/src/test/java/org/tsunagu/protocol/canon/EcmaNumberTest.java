package org.tsunagu.protocol.canon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.MalformedMessageException;

/** The ECMAScript number form that RFC 8785 §3.2.2.3 prescribes. Expected texts are V8's String(x). */
class EcmaNumberTest {
    static Stream<Arguments> wellKnown() {
        return Stream.of(
                Arguments.of(0.0, "0"),
                Arguments.of(-0.0, "0"),
                Arguments.of(1.0, "1"),
                Arguments.of(-1.0, "-1"),
                Arguments.of(100.0, "100"),
                Arguments.of(0.1, "0.1"),
                Arguments.of(0.7, "0.7"),
                Arguments.of(4.5, "4.5"),
                Arguments.of(4.35, "4.35"),
                Arguments.of(0.002, "0.002"),
                Arguments.of(0.1 + 0.2, "0.30000000000000004"),
                Arguments.of(1.0000000000000002, "1.0000000000000002"),
                Arguments.of(333333333.3333333, "333333333.3333333"),
                Arguments.of(9007199254740991.0, "9007199254740991"),
                Arguments.of(9007199254740992.0, "9007199254740992"),
                Arguments.of(9007199254740994.0, "9007199254740994"),
                Arguments.of(1e15, "1000000000000000"),
                Arguments.of(1e16, "10000000000000000"),
                Arguments.of(Math.pow(2, 63), "9223372036854776000"),
                Arguments.of(1.2345678901234568e20, "123456789012345680000"),
                Arguments.of(1e20, "100000000000000000000"),
                Arguments.of(Math.nextDown(1e21), "999999999999999900000"),
                // 10^21 and up: exponent form
                Arguments.of(1e21, "1e+21"),
                Arguments.of(1e22, "1e+22"),
                Arguments.of(1e30, "1e+30"),
                Arguments.of(1.5e300, "1.5e+300"),
                Arguments.of(1.7976931348623157e308, "1.7976931348623157e+308"),
                // 10^-6 and up: plain decimals; below, exponent form
                Arguments.of(1e-6, "0.000001"),
                Arguments.of(0.000001234, "0.000001234"),
                Arguments.of(1e-7, "1e-7"),
                Arguments.of(1.5e-7, "1.5e-7"),
                Arguments.of(5e-7, "5e-7"),
                Arguments.of(9.999999999999997e-7, "9.999999999999997e-7"),
                Arguments.of(123e-20, "1.23e-18"),
                Arguments.of(-1.5e-300, "-1.5e-300"),
                // the smallest normal and the subnormals, down to 2^-1074
                Arguments.of(Double.MIN_NORMAL, "2.2250738585072014e-308"),
                Arguments.of(1.18575755e-316, "1.18575755e-316"),
                Arguments.of(3 * Double.MIN_VALUE, "1.5e-323"),
                Arguments.of(Double.MIN_VALUE, "5e-324"),
                Arguments.of(Math.pow(2, -1074), "5e-324"),
                Arguments.of(-Double.MIN_VALUE, "-5e-324"),
                // JDK 17's Double.toString is not shortest for these (9.999999999999999E22,
                // 5.6843418860808015E-14, 2.82879384806159008E17, 4.9E-324)
                Arguments.of(1e23, "1e+23"),
                Arguments.of(Math.pow(2, -44), "5.684341886080802e-14"),
                Arguments.of(2.82879384806159e17, "282879384806159000"));
    }

    @ParameterizedTest
    @MethodSource("wellKnown")
    void formatDouble_wellKnownValue_isEcmaScriptForm(double d, String expected) {
        assertEquals(expected, CanonicalJson.formatDouble(d, "$"));
        assertEquals(expected, EcmaNumber.formatExact(d));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void formatDouble_notFinite_throwsNamingPath(double d) {
        MalformedMessageException e =
                assertThrows(MalformedMessageException.class, () -> CanonicalJson.formatDouble(d, "$.body.x"));
        assertEquals("$.body.x", e.path());
    }

    /** Any finite double, chosen by its bits: every exponent is equally likely. */
    @Test
    void format_randomBitPatterns_agreesWithExactPathAndReadsBack() {
        Random random = new Random(8785);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertFormsAgree(d);
            }
        }
    }

    /** The numbers a directory holds: coordinates, amounts, ratios, with a few decimals. */
    @Test
    void format_randomFewDecimalNumbers_agreesWithExactPathAndReadsBack() {
        Random random = new Random(7493);
        for (int i = 0; i < 50_000; i++) {
            double d = (random.nextInt(2_000_000_001) - 1_000_000_000) / Math.pow(10, random.nextInt(16));
            assertFormsAgree(d);
        }
    }

    @Test
    void format_neighboursOfPowersOfTen_agreesWithExactPath() {
        for (int e = -323; e <= 308; e++) {
            double p = Double.parseDouble("1e" + e);
            assertFormsAgree(Math.nextDown(p));
            assertFormsAgree(p);
            assertFormsAgree(Math.nextUp(p));
        }
    }

    private static void assertFormsAgree(double d) {
        String fast = EcmaNumber.format(d);
        assertEquals(EcmaNumber.formatExact(d), fast, () -> "bits " + Long.toHexString(Double.doubleToLongBits(d)));
        assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(fast), () -> fast + " reads back");
        int digits = fast.replaceFirst("^-", "")
                .replaceFirst("e.*$", "")
                .replace(".", "")
                .replaceFirst("^0+", "")
                .replaceFirst("0+$", "")
                .length();
        assertTrue(digits <= 17, () -> fast + " has at most 17 significant digits");
    }
}
