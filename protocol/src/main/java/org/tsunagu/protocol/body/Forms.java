package org.tsunagu.protocol.body;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Syntax of URLs, e-mail addresses, dates and phone numbers as bodies carry them. */
final class Forms {
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    // RFC 5322 dot-atom, widened to non-ASCII letters and digits as RFC 6531 allows.
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\p{L}\\p{M}\\p{N}-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?";
    private static final Pattern EMAIL = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+(?:\\p{L}[\\p{L}\\p{M}]+|xn--[a-z0-9-]{1,59})");
    private static final Pattern HOSTNAME =
            Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.?");
    // Digits with the separators people write; an optional extension. Letters other than ext/x are not.
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9() ./-]{3,40}(?: ?(?:ext\\.?|x) ?[0-9]{1,10})?");

    private Forms() {}

    /**
     * An absolute {@code http} or {@code https} URL with a host (an ASCII or internationalised domain
     * name, or an IP literal) and no user name or password, which have no place in a public directory.
     */
    static boolean isHttpUrl(String s) {
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return false;
        }
        if (uri.getHost() != null) {
            return uri.getRawUserInfo() == null;
        }
        // java.net.URI leaves a non-ASCII host unparsed; check it as an IDN instead.
        String authority = uri.getRawAuthority();
        if (authority == null || authority.contains("@")) {
            return false;
        }
        String host = authority.replaceFirst(":[0-9]{1,5}$", "");
        try {
            String ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return !ascii.isEmpty() && HOSTNAME.matcher(ascii).matches();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code local@domain}: a dot-atom local part of at most 64 characters and a domain with a TLD. */
    static boolean isEmail(String s) {
        int at = s.lastIndexOf('@');
        return at > 0 && at <= 64 && EMAIL.matcher(s).matches();
    }

    /** A real calendar date written {@code YYYY-MM-DD}; {@code null} otherwise. */
    static LocalDate date(String s) {
        if (!DATE.matcher(s).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(s); // ISO_LOCAL_DATE resolves strictly: 2026-02-30 fails
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Digits (3 to 20 of them) with spaces, dots, dashes, slashes or brackets, maybe {@code +} first. */
    static boolean isPhone(String s) {
        if (!PHONE.matcher(s).matches()) {
            return false;
        }
        long digits = s.chars().filter(c -> c >= '0' && c <= '9').count();
        return digits >= 3 && digits <= 20;
    }
}
