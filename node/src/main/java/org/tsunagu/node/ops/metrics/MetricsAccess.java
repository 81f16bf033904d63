package org.tsunagu.node.ops.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may read {@code /metrics}, as the admin chooses: anyone on the node's port ({@code public}, the
 * default: it holds counts, never secrets), only with the admin token ({@code token}), or only on a
 * separate listener ({@code HOST:PORT}, e.g. {@code 127.0.0.1:9464}, then the main port answers 404).
 *
 * @param host the separate listener's address, or null
 * @param port the separate listener's port (0 = any free one), or -1
 */
public record MetricsAccess(Mode mode, String host, int port) {
    public enum Mode {
        PUBLIC,
        TOKEN,
        SEPARATE_PORT
    }

    private static final Pattern LISTENER = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[0-9a-zA-Z.-]+):([0-9]{1,5})");

    public static final MetricsAccess PUBLIC = new MetricsAccess(Mode.PUBLIC, null, -1);

    /**
     * Reads {@code public}, {@code token} or {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static MetricsAccess parse(String text) {
        if (text.equals("public")) {
            return PUBLIC;
        }
        if (text.equals("token")) {
            return new MetricsAccess(Mode.TOKEN, null, -1);
        }
        Matcher m = LISTENER.matcher(text);
        if (m.matches() && Integer.parseInt(m.group(2)) <= 65535) {
            String host = m.group(1);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            return new MetricsAccess(Mode.SEPARATE_PORT, host, Integer.parseInt(m.group(2)));
        }
        throw new IllegalArgumentException(
                "\"" + text + "\" is none of public, token, or HOST:PORT (e.g. 127.0.0.1:9464)");
    }

    /** As an admin would write it. */
    public String format() {
        return switch (mode) {
            case PUBLIC -> "public";
            case TOKEN -> "token";
            case SEPARATE_PORT -> (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        };
    }
}
