package org.tsunagu.node.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Runs the real jar with every logger at DEBUG through a life that creates and uses secrets (init,
 * admin calls with the right and a wrong token, a key rotation, refused requests), then searches
 * everything it logged for the admin token and the private keys.
 */
class SecretsNotLoggedIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                "-jar",
                Path.of(System.getProperty("tsunagu.jar", "target/tsunagu.jar")).toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void logs_ofARunThatCreatesAndUsesSecrets_containNeitherTokenNorKeys() throws Exception {
        Path data = tmp.resolve("data");
        Path initOut = tmp.resolve("init.out");
        Path initErr = tmp.resolve("init.err");
        Process init = new ProcessBuilder(java(
                        "init",
                        "--data",
                        data.toString(),
                        "--hub",
                        "jp-secrets",
                        "--name",
                        "Secrets test",
                        "--country",
                        "JP",
                        "--url",
                        "http://127.0.0.1:9/"))
                .redirectOutput(initOut.toFile())
                .redirectError(initErr.toFile())
                .start();
        assertTrue(init.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, init.exitValue(), Files.readString(initErr));
        String token = Files.readString(data.resolve("admin.token"), StandardCharsets.UTF_8)
                .strip();
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("admin token", token);
        addKey(secrets, "first key", KeyFile.read(data.resolve("node.key")));

        Path serveOut = tmp.resolve("serve.out");
        Path serveErr = tmp.resolve("serve.err");
        Process serve = new ProcessBuilder(java("serve", "--data", data.toString(), "--port", "0"))
                .redirectOutput(serveOut.toFile())
                .redirectError(serveErr.toFile())
                .start();
        String metrics;
        try {
            URI base = awaitListening(serveOut, serve);
            assertEquals(200, send(base, "GET", "healthz", null, null).statusCode());
            assertEquals(
                    201,
                    send(
                                    base,
                                    "POST",
                                    "admin/v1/organizations",
                                    token,
                                    "{\"id\":\"org-1\",\"name\":\"Secret-free NGO\",\"country\":\"JP\"}")
                            .statusCode());
            assertEquals(
                    401,
                    send(
                                    base,
                                    "POST",
                                    "admin/v1/organizations",
                                    token + "x",
                                    "{\"id\":\"org-2\",\"name\":\"Wrong token\",\"country\":\"JP\"}")
                            .statusCode());
            assertEquals(
                    401,
                    send(base, "GET", "admin/v1/peers", "Bearer-" + token, null).statusCode());
            send(base, "POST", "admin/v1/organizations", token, "{\"id\":\"bad\",\"name\":1}");
            send(base, "POST", "admin/v1/bundles", token, "not a bundle");
            int rotated =
                    send(base, "POST", "admin/v1/keys/rotate", token, "{}").statusCode();
            assertTrue(rotated == 200 || rotated == 201, "rotate answered " + rotated);
            addKey(secrets, "rotated key", KeyFile.read(data.resolve("node.key")));
            assertEquals(
                    201,
                    send(
                                    base,
                                    "POST",
                                    "admin/v1/organizations",
                                    token,
                                    "{\"id\":\"org-3\",\"name\":\"After rotation\",\"country\":\"JP\"}")
                            .statusCode());
            metrics = send(base, "GET", "metrics", null, null).body();
        } finally {
            serve.destroy();
            if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
        assertFalse(secrets.get("first key").equals(secrets.get("rotated key")), "the key did rotate");

        String initStdout = Files.readString(initOut);
        assertEquals(1, occurrences(initStdout, token), "init shows the new token once, by design");
        Map<String, String> logs = Map.of(
                "init's log (stderr)", Files.readString(initErr),
                "serve's log (stderr)", Files.readString(serveErr),
                "serve's output", Files.readString(serveOut),
                "GET /metrics", metrics);
        for (Map.Entry<String, String> log : logs.entrySet()) {
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                assertFalse(
                        log.getValue().contains(secret.getValue()), log.getKey() + " contains the " + secret.getKey());
            }
        }
    }

    private static void addKey(Map<String, String> secrets, String name, Ed25519KeyPair key) {
        secrets.put(name, Base64Url.encode(key.seed()));
        secrets.put(name + " (hex)", HexFormat.of().formatHex(key.seed()));
    }

    private HttpResponse<String> send(URI base, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI awaitListening(Path out, Process process) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(out));
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve stopped: " + Files.readString(out));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not start: " + Files.readString(out));
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}
