package org.tsunagu.node.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The reverse proxies whose {@code Forwarded} / {@code X-Forwarded-For} headers this node believes:
 * addresses or CIDR ranges, e.g. {@code 127.0.0.1, ::1, 10.0.0.0/8}. Empty (the default) believes no
 * one, so a client cannot choose the address its rate limit is counted under.
 */
public record TrustedProxies(List<Range> ranges) {
    // Literal addresses only (digits, hex, dots and colons): parsing never looks a name up.
    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F.:]{2,45}");
    /** Compiled once: every request's client address goes through {@link #literal}. */
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** An address range: {@code bits} leading bits of {@code network}. */
    public record Range(byte[] network, int bits) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            try {
                String host = InetAddress.getByAddress(network).getHostAddress();
                return bits == network.length * 8 ? host : host + "/" + bits;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /**
     * Reads a comma-separated list of addresses and CIDR ranges; {@code none} or blank is none.
     *
     * @throws IllegalArgumentException naming the entry that is not an address or range
     */
    public static TrustedProxies parse(String text) {
        List<Range> out = new ArrayList<>();
        if (text.strip().equals("none")) {
            return NONE;
        }
        for (String entry : text.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int slash = e.indexOf('/');
            String host = slash < 0 ? e : e.substring(0, slash);
            InetAddress address = literal(host);
            if (address == null) {
                throw new IllegalArgumentException(
                        "\"" + e + "\" is not an IP address or CIDR range (names are not looked up)");
            }
            int max = address.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                String suffix = e.substring(slash + 1);
                if (!suffix.matches("[0-9]{1,3}") || Integer.parseInt(suffix) > max) {
                    throw new IllegalArgumentException("\"" + e + "\": the prefix length must be 0.." + max);
                }
                bits = Integer.parseInt(suffix);
            }
            out.add(new Range(address.getAddress(), bits));
        }
        return new TrustedProxies(out);
    }

    /** An IP literal (brackets allowed around IPv6), or null: never a name lookup. */
    public static InetAddress literal(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (!LITERAL.matcher(t).matches()
                || (!t.contains(":") && !IPV4.matcher(t).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean trusts(InetAddress address) {
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** As an admin would write it ({@code none} when empty). */
    public String format() {
        return ranges.isEmpty() ? "none" : ranges.stream().map(Range::toString).collect(Collectors.joining(","));
    }
}
