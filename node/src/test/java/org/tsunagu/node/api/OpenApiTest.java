package org.tsunagu.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.Path;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.federation.PeerService;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.http.JsonMapperProvider;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.ops.OpsNode;

/**
 * The OpenAPI 3.1 document the node serves at /openapi.json: parsed without a message by the reference
 * parser (swagger-parser), and in step with the routes Jersey really serves: every resource method of
 * the node's configuration is documented, and every documented operation is answered (an OPTIONS
 * request to its path lists its method).
 */
class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    java.nio.file.Path tmp;

    private OpsNode node;
    private String document;

    @BeforeEach
    void setUp() {
        node = new OpsNode(tmp.resolve("n"), "jp-openapi");
        TestClient.Reply reply = node.anonymous.get("/openapi.json");
        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), reply.contentType());
        document = reply.body();
    }

    @AfterEach
    void tearDown() {
        node.close();
    }

    @Test
    void document_parsesAsOpenApi31WithoutMessages() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages());
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertEquals("3.1.0", api.getOpenapi());
        assertTrue(api.getPaths().size() >= 40, "paths: " + api.getPaths().size());
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            path.getValue().readOperationsMap().forEach((method, operation) -> {
                assertNotNull(operation.getOperationId(), method + " " + path.getKey());
                assertNotNull(operation.getResponses(), method + " " + path.getKey());
                // The console's page, assets and login are open: logging in is how a session starts.
                boolean open =
                        path.getKey().equals("/admin/session") || path.getKey().startsWith("/admin/assets/");
                if (path.getKey().startsWith("/admin/") && !open) {
                    assertEquals(
                            List.of("adminToken"),
                            operation.getSecurity().stream()
                                    .flatMap(s -> s.keySet().stream())
                                    .toList(),
                            method + " " + path.getKey() + " needs the admin token");
                }
            });
        }
    }

    @Test
    void document_everyJerseyResourceMethodIsDocumented() throws Exception {
        ResourceConfig config = NodeAssembly.httpConfig(node.node, AdminToken.of(node.token));
        Set<String> served = new TreeSet<>();
        List<Class<?>> resources = new ArrayList<>();
        config.getClasses().stream()
                .filter(c -> c.isAnnotationPresent(Path.class))
                .forEach(resources::add);
        config.getInstances().stream()
                .map(Object::getClass)
                .filter(c -> c.isAnnotationPresent(Path.class))
                .forEach(resources::add);
        for (Class<?> type : resources) {
            Resource resource = Resource.from(type);
            collect(resource, "", served);
        }
        assertTrue(served.size() >= 40, "resource methods found: " + served);
        assertEquals(served, documented(), "Jersey's routes (left) and the OpenAPI document (right) differ");
    }

    @Test
    void document_everyDocumentedOperationIsAnsweredOnItsPath() {
        for (String operation : documented()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
            TestClient.Reply reply =
                    node.admin.send(node.admin.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, reply.status(), "OPTIONS " + path + ": " + reply.body());
            String allow = reply.header("Allow");
            assertNotNull(allow, "OPTIONS " + path);
            assertTrue(List.of(allow.split("\\s*,\\s*")).contains(method), operation + " not in Allow: " + allow);
        }
    }

    @Test
    void document_everyJsonMemberIsSnakeCase() throws Exception {
        List<String> bad = new ArrayList<>();
        walk(JSON.readTree(document).at("/components/schemas"), bad);
        JSON.readTree(document).at("/paths").forEach(item -> walk(item, bad));
        assertEquals(List.of(), bad);
        // The admin views that used to answer camelCase members.
        ObjectMapper mapper = new JsonMapperProvider().mapper();
        JsonNode peer = mapper.valueToTree(new PeerService.PeerView("jp-a", "https://a/", "ed25519:k", "ab", "t"));
        JsonNode sub = mapper.valueToTree(new PeerService.SubscriptionView("jp-a", List.of("*"), "active", "t", "e"));
        assertTrue(peer.has("pinned_at") && !peer.has("pinnedAt"), peer.toString());
        assertTrue(sub.has("last_pull_at") && sub.has("last_error") && !sub.has("lastPullAt"), sub.toString());
    }

    /** Property names in schemas must be lower snake_case. */
    private static void walk(JsonNode node, List<String> bad) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                properties.fieldNames().forEachRemaining(name -> {
                    if (!name.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
                        bad.add(name);
                    }
                });
            }
            node.forEach(child -> walk(child, bad));
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, bad));
        }
    }

    private Set<String> documented() {
        try {
            Set<String> out = new TreeSet<>();
            JsonNode paths = JSON.readTree(document).get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "put", "post", "delete", "patch", "head").contains(method)) {
                        out.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
                    }
                });
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void collect(Resource resource, String parent, Set<String> out) {
        String here = normalize(parent + "/" + (resource.getPath() == null ? "" : resource.getPath()));
        for (ResourceMethod method : resource.getResourceMethods()) {
            out.add(method.getHttpMethod() + " " + here);
        }
        for (Resource child : resource.getChildResources()) {
            collect(child, here, out);
        }
    }

    private static String normalize(String path) {
        String p = path.replaceAll("/{2,}", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
