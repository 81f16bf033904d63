package org.tsunagu.protocol.canon;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript {@code Number::toString} (ECMA-262 §6.1.6.1.20) for finite doubles: the shortest
 * decimal that reads back as the same double, the nearest one among equally short ones, written in
 * the ECMAScript layout. RFC 8785 §3.2.2.3 prescribes exactly this form.
 *
 * <p>One fact about doubles keeps the common cases cheap: two different decimals of at most 15
 * significant digits never round to the same normal double (15 = DBL_DIG), so any candidate of at
 * most 15 digits that reads back is the unique shortest one. Integers below 2^53 are their own
 * digits; numbers with a few decimals are found with two double operations per decimal place; other
 * numbers try JDK 17's {@code Double.toString}, which always reads back but is sometimes longer than
 * needed (JDK-4511638, fixed only in JDK 19: {@code 1e23} gives {@code 9.999999999999999E22}), so
 * it is trusted only when it has at most 15 digits. What needs 16 or 17 digits, and the subnormals,
 * take the exact BigDecimal path (a few microseconds).
 */
final class EcmaNumber {
    private static final int DBL_DIG = 15;
    /** Below this every integer is a double, so the integer's own digits are the shortest form. */
    private static final double TWO_POW_53 = 9007199254740992.0;

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    private static final long LIMIT_15_DIGITS = 1_000_000_000_000_000L;
    /** From here up to 10^15 every decimal of ≤ 15 digits has at most 22 decimals, as POW10 covers. */
    private static final double FEW_DECIMALS_FROM = 1e-7;

    private EcmaNumber() {}

    /** The ECMAScript form of a finite double; {@code -0} gives {@code "0"}. */
    static String format(double d) {
        if (d == 0) {
            return "0";
        }
        double abs = Math.abs(d);
        if (abs < TWO_POW_53 && d == (long) d) {
            return Long.toString((long) d);
        }
        String sign = d < 0 ? "-" : "";
        if (abs < Double.MIN_NORMAL) {
            return sign + shortest(abs, false).layout();
        }
        String scaled = fewDecimals(abs);
        if (scaled != null) {
            return sign + scaled;
        }
        // In this range fewDecimals tried every decimal of ≤ 15 digits; elsewhere ask the JDK.
        boolean atLeast16 = abs >= FEW_DECIMALS_FROM && abs < LIMIT_15_DIGITS;
        if (!atLeast16) {
            Decimal fromJdk = Decimal.fromJdk(abs);
            if (fromJdk.digits().length() <= DBL_DIG) {
                return sign + fromJdk.layout();
            }
        }
        return sign + shortest(abs, atLeast16).layout();
    }

    /** The exact (slow) path for every positive finite double; kept callable so tests can compare. */
    static String formatExact(double d) {
        if (d == 0) {
            return "0";
        }
        return (d < 0 ? "-" : "") + shortest(Math.abs(d), false).layout();
    }

    /**
     * The common case of a number with a few decimals (prices, coordinates, 4.5, 0.002): finds the
     * smallest p ≤ 22 with {@code abs × 10^p} an integer m of at most 15 digits such that m / 10^p,
     * computed with one correctly rounded division of two exact doubles, reads back as abs. That
     * decimal round-trips and has at most 15 digits, so it is the shortest; null if there is none.
     */
    private static String fewDecimals(double abs) {
        for (int p = 1; p < POW10.length; p++) {
            double scaled = abs * POW10[p];
            if (scaled >= LIMIT_15_DIGITS) {
                return null;
            }
            double m = Math.rint(scaled);
            if (m != 0 && m / POW10[p] == abs) {
                String digits = Long.toString((long) m);
                return Decimal.of(digits, digits.length() - p).layout();
            }
        }
        return null;
    }

    /**
     * ECMA-262: the fewest digits k for which some k-digit decimal reads back as {@code abs}; among
     * several, the nearest to abs, and of two equally near the one with an even last digit. The
     * decimals that read back as abs form an interval around it, so only the two k-digit neighbours
     * of abs (rounded down and up) need checking for each k. BigDecimal.doubleValue rounds
     * correctly (JDK 17 reads the decimal text back with Double.parseDouble).
     *
     * @param atLeast16 the caller has shown that no decimal of 15 digits or fewer reads back as abs
     */
    private static Decimal shortest(double abs, boolean atLeast16) {
        BigDecimal exact = new BigDecimal(abs);
        int from = 1;
        if (abs >= Double.MIN_NORMAL) {
            if (!atLeast16) {
                // At most one decimal of ≤ 15 digits reads back as a normal double: the nearest one.
                BigDecimal nearest = exact.round(new MathContext(DBL_DIG, RoundingMode.HALF_EVEN));
                if (nearest.doubleValue() == abs) {
                    return Decimal.of(nearest);
                }
            }
            from = DBL_DIG + 1;
        }
        for (int k = from; k < 17; k++) {
            BigDecimal down = exact.round(new MathContext(k, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(k, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == abs;
            boolean upOk = up.doubleValue() == abs;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp == 0) {
                    return Decimal.of(down.unscaledValue().testBit(0) ? up : down);
                }
                return Decimal.of(cmp < 0 ? down : up);
            }
            if (downOk || upOk) {
                return Decimal.of(downOk ? down : up);
            }
        }
        // 17 significant digits always identify a double, and the nearest 17-digit decimal does.
        return Decimal.of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    /**
     * A positive decimal {@code 0.digits × 10^n}: digits without leading or trailing zeros, so
     * digits.length() is ECMA-262's k and n is its n.
     */
    private record Decimal(String digits, int n) {
        static Decimal of(String digitString, int pointPosition) {
            int start = 0;
            while (start < digitString.length() - 1 && digitString.charAt(start) == '0') {
                start++;
            }
            int end = digitString.length();
            while (end > start + 1 && digitString.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(digitString.substring(start, end), pointPosition - start);
        }

        static Decimal of(BigDecimal value) {
            String unscaled = value.unscaledValue().toString();
            return of(unscaled, unscaled.length() - value.scale());
        }

        /** Reads JDK 17's {@code Double.toString}: "123.45", "0.001" or "1.2345E-7". */
        static Decimal fromJdk(double abs) {
            String s = Double.toString(abs);
            int e = s.indexOf('E');
            int exponent = e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10);
            String mantissa = e < 0 ? s : s.substring(0, e);
            int dot = mantissa.indexOf('.');
            String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            return of(digits, dot + exponent);
        }

        /** ECMA-262 Number::toString steps 6–10 for a positive number. */
        String layout() {
            int k = digits.length();
            StringBuilder out = new StringBuilder(k + 8);
            if (k <= n && n <= 21) {
                out.append(digits);
                out.append("0".repeat(n - k));
            } else if (0 < n && n <= 21) {
                out.append(digits, 0, n).append('.').append(digits, n, k);
            } else if (-6 < n && n <= 0) {
                out.append("0.").append("0".repeat(-n)).append(digits);
            } else {
                int e = n - 1;
                out.append(digits.charAt(0));
                if (k > 1) {
                    out.append('.').append(digits, 1, k);
                }
                out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
            }
            return out.toString();
        }
    }
}
