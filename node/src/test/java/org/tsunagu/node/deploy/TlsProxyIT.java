package org.tsunagu.node.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.Await;
import org.tsunagu.node.NodeProcess;

/**
 * Two real nodes behind Debian's nginx, federating over https:// with a test CA made here (openssl),
 * which the nodes' JVMs trust through javax.net.ssl.trustStore (keytool). Subscriptions, pushes and
 * pulls cross the proxy with their RFC 9421 signatures intact (the nodes name nginx in trusted_proxies
 * and check signatures against their public https URL); Link and Location name that URL; and a proxy
 * that rewrites the path makes the signature check fail with a message that says so.
 */
class TlsProxyIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final List<AutoCloseable> running = new ArrayList<>();
    private Process nginx;

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Path nginxBinary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    /** A CA, a certificate for localhost / 127.0.0.1 signed by it, and a PKCS#12 trust store holding the CA. */
    private Path makeCertificates(Path dir) throws Exception {
        Files.createDirectories(dir);
        run(
                dir,
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=Tsunagu test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run(
                dir,
                "openssl",
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-keyout",
                "server.key",
                "-out",
                "server.csr");
        run(
                dir,
                "openssl",
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "san.ext",
                "-out",
                "server.pem");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
            trust.setCertificateEntry(
                    "tsunagu-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path store = dir.resolve("trust.p12");
        try (var out = Files.newOutputStream(store)) {
            trust.store(out, "changeit".toCharArray());
        }
        return store;
    }

    private static HttpClient httpsClient(Path trustStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder()
                .sslContext(ssl)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private void startNginx(Path dir, Path certs, String servers) throws Exception {
        Path conf = dir.resolve("nginx.conf");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(
                conf,
                "daemon off;\nworker_processes 1;\npid " + dir.resolve("nginx.pid") + ";\n"
                        + "error_log " + dir.resolve("logs/error.log") + " warn;\n"
                        + "events { worker_connections 256; }\n"
                        + "http {\n  access_log off;\n  client_body_temp_path " + dir.resolve("body") + ";\n"
                        + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                        + "  ssl_certificate " + certs.resolve("server.pem") + ";\n"
                        + "  ssl_certificate_key " + certs.resolve("server.key") + ";\n"
                        + servers + "}\n");
        run(dir, nginxBinary().toString(), "-t", "-p", dir.toString(), "-c", conf.toString());
        nginx = new ProcessBuilder(nginxBinary().toString(), "-p", dir.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("logs/stdout.log").toFile())
                .start();
    }

    /** One server block: https on {@code port}, the path passed unchanged to the node (the shipped config's way). */
    private static String server(int port, int nodePort, String extraLocations) {
        return "  server {\n    listen 127.0.0.1:" + port + " ssl;\n    server_name localhost;\n"
                + "    client_max_body_size 64m;\n"
                + extraLocations
                + "    location / {\n      proxy_pass http://127.0.0.1:" + nodePort + ";\n"
                + "      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n"
                + "      proxy_set_header Host $host:$server_port;\n"
                + "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
                + "      proxy_set_header X-Forwarded-Proto $scheme;\n      proxy_buffering off;\n    }\n  }\n";
    }

    private static void await(String what, BooleanSupplier condition) {
        Await.until(Duration.ofMinutes(3), what, condition);
    }

    private record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(body, e);
            }
        }
    }

    private static Reply send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> r =
                    client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            return new Reply(-1, e.toString(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String token(Path data) throws IOException {
        return Files.readString(data.resolve("admin.token")).strip();
    }

    @Test
    void federation_throughNginxOverHttps_signaturesPushesPullsAndPublicUrls() throws Exception {
        Assumptions.assumeTrue(nginxBinary() != null, "Debian's nginx is not installed (apt-get install nginx)");
        Path trustStore = makeCertificates(tmp.resolve("certs"));
        HttpClient https = httpsClient(trustStore);
        int nodeA = freePort();
        int nodeB = freePort();
        int proxyA = freePort();
        int proxyB = freePort();
        int rewriting = freePort();
        String urlA = "https://localhost:" + proxyA + "/";
        String urlB = "https://localhost:" + proxyB + "/";
        // The third server passes /x/... to node B as /... : a path rewrite.
        startNginx(
                tmp.resolve("nginx"),
                tmp.resolve("certs"),
                server(proxyA, nodeA, "")
                        + server(proxyB, nodeB, "")
                        + server(
                                rewriting,
                                nodeB,
                                "    location /x/ {\n      proxy_pass http://127.0.0.1:" + nodeB + "/;\n"
                                        + "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n    }\n"));

        Map<String, String> env = Map.of(
                "TSUNAGU_TRUSTED_PROXIES",
                "127.0.0.1,::1",
                "JAVA_TOOL_OPTIONS",
                "-Djavax.net.ssl.trustStore=" + trustStore
                        + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12");
        Path dataA = tmp.resolve("a");
        Path dataB = tmp.resolve("b");
        for (var n : List.of(List.of(dataA, "jp-tls-a", nodeA, urlA), List.of(dataB, "th-tls-b", nodeB, urlB))) {
            NodeProcess.Result init = NodeProcess.run(
                    "init",
                    "--data",
                    n.get(0).toString(),
                    "--hub",
                    (String) n.get(1),
                    "--country",
                    "JP",
                    "--port",
                    n.get(2).toString(),
                    "--url",
                    (String) n.get(3));
            assertEquals(0, init.status(), init.out());
        }
        running.add(NodeProcess.serveAsConfigured(dataA, env, "--follow", urlB));
        running.add(NodeProcess.serveAsConfigured(dataB, env, "--follow", urlA));
        String tokenA = token(dataA);

        // Both follow each other over https through nginx: subscriptions signed and verified.
        await("a's subscription to b active", () -> {
            Reply r = send(
                    https,
                    HttpRequest.newBuilder(URI.create(urlA + "admin/v1/subscriptions"))
                            .header("Authorization", "Bearer " + tokenA));
            return r.status() == 200 && r.body().contains("\"active\"");
        });

        // A write on a, through the proxy: Location names a's public https URL.
        Reply created = send(
                https,
                HttpRequest.newBuilder(URI.create(urlA + "admin/v1/organizations"))
                        .header("Authorization", "Bearer " + tokenA)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"id\":\"tls-org\",\"name\":\"Across TLS\",\"country\":\"JP\"}")));
        assertEquals(201, created.status(), created.body());
        assertEquals(
                urlA + "v1/directory/organizations/jp-tls-a/tls-org",
                created.raw().headers().firstValue("Location").orElse(""));

        // It crosses to b (pushed, or pulled) over https.
        await(
                "a's record on b",
                () -> send(
                                        https,
                                        HttpRequest.newBuilder(
                                                URI.create(urlB + "v1/directory/organizations/jp-tls-a/tls-org")))
                                .status()
                        == 200);

        // b holds a's log: its feed pages link to b's public https URL.
        Reply page = send(https, HttpRequest.newBuilder(URI.create(urlB + "v1/feeds/jp-tls-a?limit=1")));
        assertEquals(200, page.status(), page.body());
        assertEquals(
                "<" + urlB + "v1/feeds/jp-tls-a?after=1&limit=1>; rel=\"next\"",
                page.raw().headers().firstValue("Link").orElse(""));

        // Through a proxy that rewrites the path, a's signed follow request fails and says why.
        String rewritten = "https://localhost:" + rewriting + "/x/";
        Reply unsubscribe = send(
                https,
                HttpRequest.newBuilder(URI.create(urlA + "admin/v1/subscriptions/th-tls-b"))
                        .header("Authorization", "Bearer " + tokenA)
                        .DELETE());
        assertTrue(unsubscribe.status() / 100 == 2, unsubscribe.body());
        Reply addPeer = send(
                https,
                HttpRequest.newBuilder(URI.create(urlA + "admin/v1/peers"))
                        .header("Authorization", "Bearer " + tokenA)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + rewritten + "\"}")));
        assertTrue(addPeer.status() / 100 == 2, addPeer.body());
        Reply follow = send(
                https,
                HttpRequest.newBuilder(URI.create(urlA + "admin/v1/subscriptions"))
                        .header("Authorization", "Bearer " + tokenA)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"peer\":\"th-tls-b\"}")));
        String said = follow.body() + "\n"
                + send(
                                https,
                                HttpRequest.newBuilder(URI.create(urlA + "admin/v1/subscriptions"))
                                        .header("Authorization", "Bearer " + tokenA))
                        .body();
        assertTrue(
                said.contains("does not verify")
                        && said.contains("checked against the target")
                        && said.contains("reverse proxy"),
                "status " + follow.status() + ": " + said);
    }
}
