package org.tsunagu.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.MalformedMessageException;

class SignatureBaseTest {
    private static String componentValue(String uri, String component) {
        SignableRequest request = SignableRequest.of("GET", URI.create(uri), Map.of());
        String text = SignatureBase.build(request, SignatureParameters.of(List.of(component)))
                .text();
        String prefix = "\"" + component + "\": ";
        return text.substring(prefix.length(), text.indexOf('\n'));
    }

    @ParameterizedTest(name = "{1} of {0} is \"{2}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "https://www.example.com/path?param=value | @target-uri | https://www.example.com/path?param=value",
                "HTTPS://WWW.Example.COM:443/Path?Q=V | @target-uri | https://www.example.com/Path?Q=V",
                "http://127.0.0.1:8080 | @target-uri | http://127.0.0.1:8080/",
                "http://example.com:80/a%20b?x=%2F | @target-uri | http://example.com/a%20b?x=%2F",
                "http://[::1]:9000/v1/inbox | @authority | [::1]:9000",
                "https://Example.com:8443/x | @authority | example.com:8443",
                "https://example.com/x | @scheme | https",
                "https://example.com/foo?param=Value&Pet=dog | @path | /foo",
                "https://example.com | @path | /",
                "https://example.com/foo?param=Value&Pet=dog | @query | ?param=Value&Pet=dog",
                "https://example.com/foo | @query | ?",
                "https://example.com/foo?param=Value&Pet=dog | @request-target | /foo?param=Value&Pet=dog",
                "https://example.com/\u65e5\u672c | @path | /%E6%97%A5%E6%9C%AC",
            })
    void build_derivedComponent_hasRfcValue(String uri, String component, String expected) {
        assertEquals(expected, componentValue(uri, component));
    }

    @Test
    void build_fieldLines_trimmedAndJoinedWithCommaSpace() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Multi", List.of("  a  ", "b,c"));
        headers.put("x-multi", List.of("d")); // same field, other case: merged after the first
        headers.put("X-Folded", List.of("one\r\n  two"));
        headers.put("X-Empty", List.of(""));
        SignableRequest request = SignableRequest.of("GET", URI.create("https://example.com/"), headers);
        SignatureParameters params = SignatureParameters.of(List.of("x-multi", "x-folded", "x-empty", "@method"))
                .with("created", 1L);
        assertEquals(
                "\"x-multi\": a, b,c, d\n\"x-folded\": one two\n\"x-empty\": \n\"@method\": GET\n"
                        + "\"@signature-params\": (\"x-multi\" \"x-folded\" \"x-empty\" \"@method\");created=1",
                SignatureBase.build(request, params).text());
    }

    @Test
    void build_coveredHeaderAbsent_throwsInvalidNamingField() {
        SignableRequest request = SignableRequest.of("GET", URI.create("https://example.com/"), Map.of());
        InvalidSignatureException e = assertThrows(
                InvalidSignatureException.class,
                () -> SignatureBase.build(request, SignatureParameters.of(List.of("content-digest"))));
        assertEquals("content-digest", e.path());
    }

    /**
     * Values that cannot go into a base: a bare CR or LF would let a field value forge an extra line
     * (e.g. a second "@method"), and the base is US-ASCII.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"a\n\"@method\": POST", "a\rb", "nul\u0000", "\u3064\u306a\u3050", "caf\u00e9"})
    void build_headerValueUnsafe_throwsMalformed(String value) {
        SignableRequest request =
                SignableRequest.of("GET", URI.create("https://example.com/"), Map.of("X-Value", List.of(value)));
        assertThrows(
                MalformedMessageException.class,
                () -> SignatureBase.build(request, SignatureParameters.of(List.of("x-value"))));
    }

    @Test
    void build_unsupportedDerivedComponent_throwsMalformed() {
        SignableRequest request = SignableRequest.of("GET", URI.create("https://example.com/"), Map.of());
        assertThrows(
                MalformedMessageException.class,
                () -> SignatureBase.build(request, SignatureParameters.of(List.of("@status"))));
    }

    @Test
    void parameters_invalidComponents_throwMalformed() {
        assertThrows(MalformedMessageException.class, () -> SignatureParameters.of(List.of("@method", "@method")));
        assertThrows(MalformedMessageException.class, () -> SignatureParameters.of(List.of("Content-Digest")));
        assertThrows(MalformedMessageException.class, () -> SignatureParameters.of(List.of("@signature-params")));
        assertThrows(MalformedMessageException.class, () -> SignatureParameters.of(List.of("a\"b")));
        assertThrows(MalformedMessageException.class, () -> SignatureParameters.of(List.of("")));
    }

    @Test
    void parameters_invalidValues_throwMalformed() {
        SignatureParameters p = SignatureParameters.of(List.of("@method"));
        assertThrows(MalformedMessageException.class, () -> p.with("keyid", "caf\u00e9"));
        assertThrows(MalformedMessageException.class, () -> p.with("created", 1_000_000_000_000_000L));
        assertThrows(MalformedMessageException.class, () -> p.with("Created", 1L));
        assertThrows(MalformedMessageException.class, () -> p.with("created", 1.5));
        assertThrows(
                MalformedMessageException.class, () -> p.with("created", "1").created());
    }

    @Test
    void request_badMethodOrUri_throwsMalformed() {
        URI ok = URI.create("https://example.com/");
        assertThrows(MalformedMessageException.class, () -> SignableRequest.of("GE T", ok, Map.of()));
        assertThrows(MalformedMessageException.class, () -> SignableRequest.of("", ok, Map.of()));
        assertThrows(
                MalformedMessageException.class, () -> SignableRequest.of("GET", URI.create("/relative"), Map.of()));
        assertThrows(
                MalformedMessageException.class,
                () -> SignableRequest.of("GET", URI.create("ftp://example.com/"), Map.of()));
        assertThrows(
                MalformedMessageException.class,
                () -> SignableRequest.of("GET", URI.create("https://user@example.com/"), Map.of()));
        assertThrows(
                MalformedMessageException.class,
                () -> SignableRequest.of("GET", URI.create("https://example.com/#f"), Map.of()));
    }
}
