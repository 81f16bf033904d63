package org.tsunagu.protocol.sign;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tsunagu.protocol.MalformedMessageException;

/**
 * The parts of an HTTP request that HTTP Message Signatures look at, independent of any HTTP library:
 * the method, the absolute target URI, the header fields (looked up without regard to case) and the
 * body. The Jersey filter builds one from the incoming request, the HTTP client from the request it is
 * about to send.
 *
 * <p>An immutable value (a class rather than a record because it holds the body bytes, which are
 * copied in and out).
 */
public final class SignableRequest {
    private final String method;
    private final URI targetUri;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    /**
     * @param method the request method, e.g. {@code POST} (case-sensitive, as sent)
     * @param targetUri the absolute target URI, {@code http} or {@code https}, without user info or
     *     fragment; non-ASCII characters are percent-encoded as on the wire
     * @param headers field name to field values (one per field line, in order); names are matched
     *     without regard to case and lines of names differing only in case are merged; may be null
     * @param body the request content, or null when there is none; an empty array counts as none
     * @throws MalformedMessageException if the method is not an HTTP token or the URI is not usable
     */
    public SignableRequest(String method, URI targetUri, Map<String, List<String>> headers, byte[] body) {
        this.method = requireMethod(method);
        this.targetUri = requireTargetUri(targetUri);
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    continue; // HttpURLConnection-style maps carry the status line under a null key
                }
                List<String> values = copy.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                for (String v : e.getValue()) {
                    if (v != null) {
                        values.add(v);
                    }
                }
            }
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body == null || body.length == 0 ? null : body.clone();
    }

    /** A request without body. */
    public static SignableRequest of(String method, URI targetUri, Map<String, List<String>> headers) {
        return new SignableRequest(method, targetUri, headers, null);
    }

    public String method() {
        return method;
    }

    /** The target URI as given (already checked to be absolute http(s), ASCII, without fragment). */
    public URI targetUri() {
        return targetUri;
    }

    /** All header fields; the map's lookups ignore case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The values of field {@code name}, one per field line, or an empty list. */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** Whether there is a body (a non-empty one). */
    public boolean hasBody() {
        return body != null;
    }

    /** A copy of the body, or an empty array when there is none. */
    public byte[] body() {
        return body == null ? new byte[0] : body.clone();
    }

    /** The same request with field {@code name} set to the single value {@code value}. */
    public SignableRequest withHeader(String name, String value) {
        Map<String, List<String>> changed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        changed.putAll(headers);
        changed.put(name, List.of(value));
        return new SignableRequest(method, targetUri, changed, body);
    }

    private static String requireMethod(String method) {
        if (method == null || method.isEmpty()) {
            throw new MalformedMessageException("@method", "request method is missing");
        }
        for (int i = 0; i < method.length(); i++) {
            if (!StructuredFields.isTchar(method.charAt(i))) {
                throw new MalformedMessageException("@method", "request method is not an HTTP token");
            }
        }
        return method;
    }

    private static URI requireTargetUri(URI uri) {
        if (uri == null) {
            throw new MalformedMessageException("@target-uri", "target URI is missing");
        }
        URI ascii;
        try {
            ascii = new URI(uri.toASCIIString());
        } catch (URISyntaxException e) {
            throw new MalformedMessageException("@target-uri", "target URI is not valid: " + e.getMessage(), e);
        }
        String scheme = ascii.getScheme() == null ? "" : ascii.getScheme().toLowerCase(Locale.ROOT);
        if (!ascii.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new MalformedMessageException("@target-uri", "target URI must be absolute http or https");
        }
        if (ascii.getHost() == null || ascii.getRawUserInfo() != null || ascii.getRawFragment() != null) {
            throw new MalformedMessageException(
                    "@target-uri", "target URI needs a host and may carry neither user info nor a fragment");
        }
        return ascii;
    }

    @Override
    public String toString() {
        return method + " " + targetUri + (body == null ? "" : " (" + body.length + " bytes)");
    }
}
