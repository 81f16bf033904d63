package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.JsonMapperProvider;

class WebResourceTest {
    private static final Path WEB_SOURCES = Path.of("src/main/resources/web");
    private static ApiServer server;
    private static WebAssets assets;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        JsonMapperProvider json = new JsonMapperProvider();
        assets = WebAssets.load(json.mapper());
        ResourceConfig config = ApiServer.baseConfig(json);
        config.register(new WebResource(assets));
        server = ApiServer.start("127.0.0.1", 0, config);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Content type without the optional space before parameters, in lower case. */
    private static String type(HttpResponse<?> response) {
        return header(response, "Content-Type").replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    @Test
    void index_plainGet_servesHtmlWithStrictPolicyAndRevalidation() throws Exception {
        HttpResponse<byte[]> response = get("/");
        assertEquals(200, response.statusCode());
        assertEquals("text/html;charset=utf-8", type(response));
        assertEquals("no-cache", header(response, "Cache-Control"));
        String csp = header(response, "Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        String html = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("/assets/" + assets.version() + "/app.js"), "assets are versioned");
        assertFalse(html.contains("@VERSION@"));
    }

    @Test
    void index_html_hasNoInlineScriptOrStyle() throws Exception {
        String html = new String(get("/").body(), StandardCharsets.UTF_8);
        Matcher scripts =
                Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertTrue(scripts.group(1).contains("src="), "external script only: " + scripts.group());
            assertTrue(scripts.group(2).isBlank(), "no inline code: " + scripts.group());
        }
        assertTrue(count > 0);
        assertFalse(html.contains("<style"), "no inline style element");
        assertFalse(Pattern.compile("\\sstyle=").matcher(html).find(), "no style attribute");
        assertFalse(Pattern.compile("\\son[a-z]+=").matcher(html).find(), "no inline handler");
    }

    @Test
    void hubs_path_servesTheSamePage() throws Exception {
        HttpResponse<byte[]> response = get("/hubs");
        assertEquals(200, response.statusCode());
        assertEquals(
                new String(get("/").body(), StandardCharsets.UTF_8),
                new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void index_everyReferencedAsset_isServedWithItsType() throws Exception {
        String html = new String(get("/").body(), StandardCharsets.UTF_8);
        Matcher links = Pattern.compile("\"(/assets/[^\"]+)\"").matcher(html);
        List<String> seen = new ArrayList<>();
        while (links.find()) {
            String path = links.group(1);
            HttpResponse<byte[]> response = get(path);
            assertEquals(200, response.statusCode(), path);
            String name = path.substring(path.lastIndexOf('/') + 1);
            assertEquals(WebAssets.contentType(name).replace(" ", ""), type(response), path);
            assertEquals("nosniff", header(response, "X-Content-Type-Options"), path);
            seen.add(name);
        }
        assertTrue(seen.containsAll(List.of("app.js", "app.css", "icon.svg", "codes.json")), seen.toString());
    }

    @Test
    void asset_currentVersion_isImmutable() throws Exception {
        HttpResponse<byte[]> response = get("/assets/" + assets.version() + "/app.js");
        assertEquals(200, response.statusCode());
        assertEquals(WebResource.IMMUTABLE, header(response, "Cache-Control"));
        assertTrue(header(response, "ETag").startsWith("\""));
    }

    @Test
    void asset_otherVersion_isServedButNotKept() throws Exception {
        HttpResponse<byte[]> response = get("/assets/older/app.css");
        assertEquals(200, response.statusCode());
        assertEquals("no-cache", header(response, "Cache-Control"));
    }

    @Test
    void asset_unknownName_is404Problem() throws Exception {
        HttpResponse<byte[]> response = get("/assets/" + assets.version() + "/secret.txt");
        assertEquals(404, response.statusCode());
        assertEquals("application/problem+json", header(response, "Content-Type"));
    }

    @Test
    void asset_pathTraversal_isNotFound() throws Exception {
        HttpResponse<byte[]> response = get("/assets/" + assets.version() + "/..%2F..%2Fdb%2FV001.sql");
        assertEquals(404, response.statusCode());
    }

    @Test
    void asset_matchingIfNoneMatch_is304() throws Exception {
        String path = "/assets/" + assets.version() + "/app.js";
        String etag = header(get(path), "ETag");
        HttpResponse<byte[]> response = get(path, "If-None-Match", etag);
        assertEquals(304, response.statusCode());
        assertEquals(0, response.body().length);
        assertEquals(WebResource.IMMUTABLE, header(response, "Cache-Control"));
    }

    @Test
    void asset_acceptsGzip_sendsGzipThatInflatesToTheFile() throws Exception {
        String path = "/assets/" + assets.version() + "/app.css";
        byte[] plain = get(path).body();
        HttpResponse<byte[]> response = get(path, "Accept-Encoding", "gzip, br");
        assertEquals("gzip", header(response, "Content-Encoding"));
        assertTrue(header(response, "Vary").contains("Accept-Encoding"));
        assertTrue(response.body().length < plain.length);
        byte[] inflated;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            inflated = in.readAllBytes();
        }
        assertEquals(new String(plain, StandardCharsets.UTF_8), new String(inflated, StandardCharsets.UTF_8));
        assertFalse(header(response, "ETag").equals(header(get(path), "ETag")), "each encoding has its own tag");
    }

    @Test
    void acceptsGzip_qZero_isRefused() {
        assertTrue(WebResource.acceptsGzip("deflate, gzip;q=0.5"));
        assertFalse(WebResource.acceptsGzip("gzip;q=0"));
        assertFalse(WebResource.acceptsGzip("gzip; q=0.000"));
        assertFalse(WebResource.acceptsGzip("br"));
        assertFalse(WebResource.acceptsGzip(null));
    }

    @Test
    void codes_json_namesSectorsCountriesAndTypes() throws Exception {
        HttpResponse<byte[]> response = get("/assets/" + assets.version() + "/codes.json");
        JsonNode codes = new ObjectMapper().readTree(response.body());
        assertEquals("Human rights", codes.path("sectors").path("15160").asText());
        assertTrue(
                codes.path("sectors").path("151").asText().startsWith("Government"),
                codes.path("sectors").path("151").asText());
        assertEquals("National NGO", codes.path("organization_types").path("22").asText());
        assertEquals("Implementing", codes.path("organization_roles").path("4").asText());
        assertEquals("Japan", codes.path("countries").path("JP").asText());
        assertEquals("Japanese", codes.path("languages").path("ja").asText());
    }

    @Test
    void files_list_matchesTheWebFolder() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(WEB_SOURCES)) {
            onDisk = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(onDisk, new TreeSet<>(WebAssets.FILES));
    }

    @Test
    void scripts_neverUseHtmlStringSinks() throws IOException {
        Pattern sinks =
                Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function");
        for (String name : WebAssets.FILES) {
            if (name.endsWith(".js")) {
                String source = Files.readString(WEB_SOURCES.resolve(name));
                Matcher found = sinks.matcher(source);
                assertFalse(found.find(), name + " uses " + (found.hitEnd() ? "" : found.group()));
            }
        }
    }

    @Test
    void unknownPath_is404() throws Exception {
        assertEquals(404, get("/no-such-page").statusCode());
    }
}
