package org.tsunagu.node.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One setting an admin may change: its name (as in node.json), the environment variable and the
 * command-line flag derived from that name, its built-in default, and how its text is read and checked.
 * The catalog is {@link Settings}.
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern BYTES = Pattern.compile("([0-9]{1,12})(KiB|MiB|GiB)?");

    private final String name;
    private final String label;
    private final T defaultValue;
    private final Function<T, String> format;
    private final Function<String, T> parse;
    private final String description;

    private Setting(
            String name,
            String label,
            T defaultValue,
            Function<T, String> format,
            Function<String, T> parse,
            String description) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("setting names are lower_snake_case: " + name);
        }
        this.name = name;
        this.label = label;
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.format = format;
        this.parse = parse;
        this.description = description;
        parse.apply(format.apply(defaultValue)); // the default must be a value the setting accepts
    }

    static Setting<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Setting<>(
                name,
                "N",
                defaultValue,
                String::valueOf,
                text -> {
                    if (!INTEGER.matcher(text).matches()) {
                        throw new IllegalArgumentException("\"" + text + "\" is not a whole number");
                    }
                    return (int) inRange(Long.parseLong(text), min, max, String::valueOf);
                },
                description);
    }

    static Setting<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Setting<>(
                name,
                "true|false",
                defaultValue,
                String::valueOf,
                text -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("\"" + text + "\" is neither true nor false");
                },
                description);
    }

    /** A duration written as a whole number of ms, s, m or h: {@code 500ms}, {@code 10s}, {@code 2m}. */
    static Setting<Duration> duration(
            String name, Duration defaultValue, Duration min, Duration max, String description) {
        return duration(name, defaultValue, min, max, false, description);
    }

    /** A duration in whole seconds (for timers that count in seconds), written like any duration. */
    static Setting<Duration> seconds(
            String name, Duration defaultValue, Duration min, Duration max, String description) {
        return duration(name, defaultValue, min, max, true, description);
    }

    private static Setting<Duration> duration(
            String name, Duration defaultValue, Duration min, Duration max, boolean whole, String description) {
        return new Setting<>(
                name,
                "DURATION",
                defaultValue,
                Setting::formatDuration,
                text -> {
                    Matcher m = DURATION.matcher(text);
                    if (!m.matches()) {
                        throw new IllegalArgumentException(
                                "\"" + text + "\" is not a duration; write e.g. 500ms, 10s, 2m or 1h");
                    }
                    long n = Long.parseLong(m.group(1));
                    Duration d = switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    };
                    if (whole && d.toMillis() % 1000 != 0) {
                        throw new IllegalArgumentException("must be whole seconds, not " + text);
                    }
                    return Duration.ofMillis(inRange(
                            d.toMillis(), min.toMillis(), max.toMillis(), ms -> formatDuration(Duration.ofMillis(ms))));
                },
                description);
    }

    /** A size in bytes: a whole number, optionally with KiB, MiB or GiB. */
    static Setting<Long> bytes(String name, long defaultValue, long min, long max, String description) {
        return new Setting<>(
                name,
                "BYTES",
                defaultValue,
                Setting::formatBytes,
                text -> {
                    Matcher m = BYTES.matcher(text);
                    if (!m.matches()) {
                        throw new IllegalArgumentException(
                                "\"" + text + "\" is not a size; write bytes, or e.g. 256KiB, 64MiB");
                    }
                    long unit = switch (m.group(2) == null ? "" : m.group(2)) {
                        case "KiB" -> 1L << 10;
                        case "MiB" -> 1L << 20;
                        case "GiB" -> 1L << 30;
                        default -> 1L;
                    };
                    long n = Long.parseLong(m.group(1));
                    long value = n > Long.MAX_VALUE / unit ? Long.MAX_VALUE : n * unit;
                    return inRange(value, min, max, Setting::formatBytes);
                },
                description);
    }

    /**
     * A setting of another type: {@code parse} turns the admin's text into a value (throwing {@link
     * IllegalArgumentException} with what is wrong), {@code format} writes it back the same way.
     */
    static <T> Setting<T> of(
            String name,
            String label,
            T defaultValue,
            Function<T, String> format,
            Function<String, T> parse,
            String description) {
        return new Setting<>(name, label, defaultValue, format, parse, description);
    }

    private static long inRange(long value, long min, long max, Function<Long, String> format) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + format.apply(min) + " and " + format.apply(max)
                    + ", not " + format.apply(value));
        }
        return value;
    }

    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms != 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms != 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    static String formatBytes(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes != 0 && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    /** The name in node.json's {@code settings} object, e.g. {@code rate_public_per_minute}. */
    public String name() {
        return name;
    }

    /** The environment variable, e.g. {@code TSUNAGU_RATE_PUBLIC_PER_MINUTE}. */
    public String env() {
        return "TSUNAGU_" + name.toUpperCase(Locale.ROOT);
    }

    /** The command-line flag, e.g. {@code --rate-public-per-minute}. */
    public String flag() {
        return "--" + name.replace('_', '-');
    }

    /** What the value looks like, for help texts: {@code N}, {@code DURATION}, {@code BYTES}, {@code true|false}. */
    public String label() {
        return label;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** The default as an admin would write it, e.g. {@code 10s} or {@code 64MiB}. */
    public String defaultText() {
        return format(defaultValue);
    }

    /** A value as an admin would write it. */
    public String format(T value) {
        return format.apply(value);
    }

    /** The same for a value known to be of this setting's type (from a map of all settings). */
    String formatAny(Object value) {
        @SuppressWarnings("unchecked")
        T typed = (T) value;
        return format(typed);
    }

    public String description() {
        return description;
    }

    /**
     * Reads a value as written in a flag, an environment variable or node.json.
     *
     * @throws IllegalArgumentException with a message saying what is wrong with it
     */
    public T parse(String text) {
        return parse.apply(text.strip());
    }

    @Override
    public String toString() {
        return name;
    }
}
