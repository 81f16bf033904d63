package org.tsunagu.protocol.sign;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * The value of one {@code Signature-Input} member (RFC 9421 §2.3, §4.1): the ordered covered
 * components and the signature parameters ({@code created}, {@code expires}, {@code nonce}, {@code
 * alg}, {@code keyid}, {@code tag}, or any other), in the order they were written. Order matters: the
 * {@code @signature-params} line of the signature base is this value serialised again, so a verifier
 * that reordered parameters would build a different base.
 *
 * <p>Components are component names without parameters (our profile does not use component
 * parameters such as {@code ;sf} or {@code ;key}): lower-case HTTP field names such as {@code
 * content-digest}, or derived components such as {@code @method}. Parameter values are {@link Long}
 * (Structured Field Integer) or {@link String} (Structured Field String).
 *
 * <p>As a record, {@code equals} compares parameters as a map, ignoring their order; compare {@link
 * #serialize()} where order matters.
 *
 * @param components covered component names, in signing order, no duplicates
 * @param parameters signature parameters in order; unmodifiable, iteration order preserved
 */
public record SignatureParameters(List<String> components, Map<String, Object> parameters) {
    private static final String PATH = SignatureHeaders.SIGNATURE_INPUT;
    private static final long MAX_INTEGER = 999_999_999_999_999L;

    /**
     * @throws MalformedMessageException if a component or parameter cannot be represented, or a
     *     component is repeated
     */
    public SignatureParameters {
        components = List.copyOf(components);
        Set<String> seen = new HashSet<>();
        for (String c : components) {
            requireComponentName(c);
            if (!seen.add(c)) {
                throw new MalformedMessageException(PATH, "component \"" + c + "\" is covered twice");
            }
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : parameters.entrySet()) {
            copy.put(p.getKey(), requireParameter(p.getKey(), p.getValue()));
        }
        parameters = Collections.unmodifiableMap(copy);
    }

    /** Covered components with no parameters yet; add them with {@link #with}. */
    public static SignatureParameters of(List<String> components) {
        return new SignatureParameters(components, Map.of());
    }

    /** A copy with parameter {@code name} set to {@code value} (appended, or replaced in place). */
    public SignatureParameters with(String name, Object value) {
        LinkedHashMap<String, Object> changed = new LinkedHashMap<>(parameters);
        changed.put(name, value);
        return new SignatureParameters(components, changed);
    }

    /** {@code created}: when the signature was made, in Unix seconds. */
    public OptionalLong created() {
        return integer("created");
    }

    /** {@code expires}: when the signature stops being valid, in Unix seconds. */
    public OptionalLong expires() {
        return integer("expires");
    }

    public Optional<String> keyId() {
        return string("keyid");
    }

    public Optional<String> alg() {
        return string("alg");
    }

    public Optional<String> nonce() {
        return string("nonce");
    }

    public Optional<String> tag() {
        return string("tag");
    }

    /**
     * An integer parameter.
     *
     * @throws MalformedMessageException if present with another type
     */
    public OptionalLong integer(String name) {
        return typed(name, Long.class, "an integer").map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * A string parameter.
     *
     * @throws MalformedMessageException if present with another type
     */
    public Optional<String> string(String name) {
        return typed(name, String.class, "a string");
    }

    private <T> Optional<T> typed(String name, Class<T> type, String description) {
        Object v = parameters.get(name);
        if (v != null && !type.isInstance(v)) {
            throw new MalformedMessageException(PATH, "parameter " + name + " must be " + description);
        }
        return Optional.ofNullable(type.cast(v));
    }

    /**
     * The Structured Field serialisation: {@code ("@method" "@target-uri");created=1;keyid="k"}. This is
     * both the {@code Signature-Input} member value and the value of the {@code @signature-params} line.
     */
    public String serialize() {
        return StructuredFields.serializeInnerList(components, parameters);
    }

    @Override
    public String toString() {
        return serialize();
    }

    private static void requireComponentName(String c) {
        if (c == null || c.isEmpty()) {
            throw new MalformedMessageException(PATH, "empty component name");
        }
        boolean derived = c.charAt(0) == '@';
        for (int i = derived ? 1 : 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            boolean ok = derived
                    ? (ch >= 'a' && ch <= 'z') || ch == '-'
                    : StructuredFields.isTchar(ch) && !(ch >= 'A' && ch <= 'Z');
            if (!ok) {
                throw new MalformedMessageException(
                        PATH, "component \"" + c + "\" is not a lower-case field name or derived component");
            }
        }
        if (c.equals("@") || c.equals("@signature-params")) {
            throw new MalformedMessageException(PATH, "component \"" + c + "\" cannot be covered");
        }
    }

    private static Object requireParameter(String name, Object value) {
        if (name == null || !StructuredFields.isKey(name)) {
            throw new MalformedMessageException(PATH, "parameter name '" + name + "' is not a structured-field key");
        }
        if (value instanceof Integer i) {
            value = i.longValue();
        }
        if (value instanceof Long l && Math.abs(l) <= MAX_INTEGER) {
            return l;
        }
        if (value instanceof String s && StructuredFields.isPrintableAscii(s)) {
            return s;
        }
        throw new MalformedMessageException(
                PATH, "parameter " + name + " must be an integer (up to 15 digits) or a printable ASCII string");
    }
}
