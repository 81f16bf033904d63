package org.tsunagu.protocol.sign;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * The RFC 9421 signature base (§2.5): one line {@code "name": value} per covered component, then the
 * {@code "@signature-params"} line, joined by LF with no trailing newline. This is the lower layer: it
 * covers whatever components it is given and checks no policy; {@link HttpSignatures} applies ours.
 *
 * <p>Derived components supported (request only):
 *
 * <ul>
 *   <li>{@code @method}, {@code @scheme}, {@code @path}, {@code @query}, {@code @request-target};
 *   <li>{@code @target-uri} and {@code @authority}, in the normalised form of RFC 3986 §6.2.2–6.2.3:
 *       scheme and host in lower case, default port left out, an empty path as {@code /}; path and
 *       query exactly as sent.
 * </ul>
 *
 * Others ({@code @status}, {@code @query-param}, component parameters) are refused.
 *
 * @param text the signature base; US-ASCII by construction
 */
public record SignatureBase(String text) {
    private static final Pattern OBS_FOLD = Pattern.compile("\r\n[ \t]+");

    /** @throws MalformedMessageException if the text is not US-ASCII */
    public SignatureBase {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e) {
                throw new MalformedMessageException("@signature-base", "signature base must be US-ASCII");
            }
        }
    }

    /**
     * Builds the base for {@code params} over {@code request}.
     *
     * @throws InvalidSignatureException if a covered header field is absent from the request
     * @throws MalformedMessageException if a component is not supported or its value cannot go into a
     *     signature base (a control character or non-ASCII text)
     */
    public static SignatureBase build(SignableRequest request, SignatureParameters params) {
        StringBuilder base = new StringBuilder(256);
        for (String component : params.components()) {
            String value = component.startsWith("@") ? derived(request, component) : field(request, component);
            requireBaseSafe(component, value);
            base.append('"').append(component).append("\": ").append(value).append('\n');
        }
        base.append("\"@signature-params\": ").append(params.serialize());
        return new SignatureBase(base.toString());
    }

    /** The bytes that are signed: the text in US-ASCII. */
    public byte[] bytes() {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Signs the base with {@code key}. */
    public byte[] sign(Ed25519KeyPair key) {
        return key.sign(bytes());
    }

    /**
     * Verifies {@code signature} over this base.
     *
     * @throws InvalidSignatureException if it does not verify; never returns false
     */
    public void verify(Ed25519PublicKey key, byte[] signature) {
        key.verify(bytes(), signature, SignatureHeaders.SIGNATURE);
    }

    /** The normalised {@code @target-uri} value of {@code uri}. */
    public static String targetUri(URI uri) {
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return scheme(uri) + "://" + authority(uri) + path(uri) + query;
    }

    private static String derived(SignableRequest request, String component) {
        URI uri = request.targetUri();
        return switch (component) {
            case "@method" -> request.method();
            case "@target-uri" -> targetUri(uri);
            case "@authority" -> authority(uri);
            case "@scheme" -> scheme(uri);
            case "@request-target" -> path(uri) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            case "@path" -> path(uri);
            case "@query" -> "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
            default ->
                throw new MalformedMessageException(
                        SignatureHeaders.SIGNATURE_INPUT, "derived component " + component + " is not supported");
        };
    }

    /**
     * RFC 9421 §2.1: each field line's value trimmed of surrounding whitespace, obsolete line folding
     * replaced by a space, lines joined by ", ".
     */
    private static String field(SignableRequest request, String name) {
        List<String> lines = request.headerValues(name);
        if (lines.isEmpty()) {
            throw new InvalidSignatureException(name, "covered header field " + name + " is not in the request");
        }
        StringBuilder value = new StringBuilder();
        for (String line : lines) {
            if (value.length() > 0) {
                value.append(", ");
            }
            value.append(trim(OBS_FOLD.matcher(line).replaceAll(" ")));
        }
        return value.toString();
    }

    /** Trims SP and HTAB only, the whitespace of HTTP (String.strip would also drop Unicode spaces). */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static void requireBaseSafe(String component, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // A CR or LF would let a value forge further lines of the base.
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                throw new MalformedMessageException(
                        component, "value of " + component + " holds a control or non-ASCII character");
            }
        }
    }

    private static String scheme(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static String authority(URI uri) {
        String scheme = scheme(uri);
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
