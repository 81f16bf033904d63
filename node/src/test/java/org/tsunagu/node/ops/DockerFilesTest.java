package org.tsunagu.node.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.cli.CliContext;
import org.tsunagu.node.cli.TsunaguCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Docker is not installed on our build machines, so the image and the demo compose file are checked
 * statically: the Dockerfile's stages, user, volume, health check, port and command line; the compose
 * file's services, each parsed by the real CLI; and the serve flags of every compose service against
 * what {@code scripts/demo-federation} runs, so the two demos cannot drift apart.
 */
class DockerFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JAR = "/opt/tsunagu/tsunagu.jar";
    private static final List<String> NODES = List.of("jp", "th", "ph", "forum");

    private static Path root;
    private static List<Instruction> dockerfile;
    private static JsonNode compose;

    /** One Dockerfile instruction, continuation lines joined. */
    record Instruction(String keyword, String args) {
        List<String> json() {
            try {
                List<String> out = new ArrayList<>();
                JSON.readTree(args.substring(args.indexOf('['))).forEach(n -> out.add(n.asText()));
                return out;
            } catch (IOException e) {
                throw new AssertionError(keyword + " is not in exec (JSON) form: " + args, e);
            }
        }
    }

    @BeforeAll
    static void read() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("docker/compose.yaml"))) {
            root = root.getParent();
        }
        dockerfile = parseDockerfile(Files.readString(root.resolve("docker/Dockerfile")));
        // SnakeYAML (under jackson-dataformat-yaml) resolves the compose file's "<<: *node" merge keys.
        Object yaml = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(root.resolve("docker/compose.yaml")));
        compose = JSON.valueToTree(yaml);
    }

    static List<Instruction> parseDockerfile(String text) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String[] parts = current.toString().split("\\s+", 2);
            out.add(new Instruction(parts[0].toUpperCase(java.util.Locale.ROOT), parts.length > 1 ? parts[1] : ""));
            current.setLength(0);
        }
        return out;
    }

    /** The instructions of the last stage (the image that runs). */
    private static List<Instruction> runtimeStage() {
        int last = 0;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return dockerfile.subList(last, dockerfile.size());
    }

    private static List<Instruction> all(List<Instruction> stage, String keyword) {
        return stage.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private static Instruction one(List<Instruction> stage, String keyword) {
        List<Instruction> found = all(stage, keyword);
        assertEquals(1, found.size(), "one " + keyword + " in the runtime stage: " + found);
        return found.get(0);
    }

    private static Map<String, String> env(List<Instruction> stage) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)")
                .matcher(String.join(
                        " ", all(stage, "ENV").stream().map(Instruction::args).toList()));
        while (m.find()) {
            env.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return env;
    }

    private static String help(String... command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TsunaguCommand.commandLine(
                        new CliContext(Map.of(), Clock.systemUTC(), new SecureRandom()),
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))
                .execute(command);
        assertEquals(0, status, String.join(" ", command) + ": " + err);
        return out.toString();
    }

    /** The defaults of the ARGs declared before the first FROM (the build arguments of the bases). */
    private static Map<String, String> baseArgs() {
        Map<String, String> args = new LinkedHashMap<>();
        for (Instruction i : dockerfile) {
            if (i.keyword().equals("FROM")) {
                break;
            }
            if (i.keyword().equals("ARG") && i.args().contains("=")) {
                args.put(
                        i.args().substring(0, i.args().indexOf('=')),
                        i.args().substring(i.args().indexOf('=') + 1));
            }
        }
        return args;
    }

    /** A FROM's image with a build argument replaced by its default, as Docker resolves it. */
    private static String image(Instruction from) {
        String image = from.args().split("\\s+")[0];
        Matcher m = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
        if (m.matches()) {
            String value = baseArgs().get(m.group(1));
            assertTrue(value != null, "build argument " + m.group(1) + " has a default");
            return value;
        }
        return image;
    }

    @Test
    void dockerfile_basesAreBuildArgumentsDefaultingToTheOfficialImages() {
        Map<String, String> args = baseArgs();
        assertEquals("maven:3.9-eclipse-temurin-17", args.get("BUILD_IMAGE"));
        assertEquals("eclipse-temurin:17-jre", args.get("JRE_IMAGE"));
        List<Instruction> from = all(dockerfile, "FROM");
        assertEquals("${BUILD_IMAGE} AS build", from.get(0).args());
        assertEquals("${JRE_IMAGE}", from.get(from.size() - 1).args());
    }

    @Test
    void dockerfile_multiStage_mavenBuildThenSmallJre() {
        List<Instruction> from = all(dockerfile, "FROM");
        assertTrue(from.size() >= 2, "a build stage and a runtime stage");
        assertTrue(
                image(from.get(0)).startsWith("maven:") && from.get(0).args().endsWith(" AS build"),
                from.get(0).args());
        String runtime = image(from.get(from.size() - 1));
        assertTrue(runtime.contains("jre") && !runtime.contains("maven"), "runtime on a JRE image: " + runtime);
        assertTrue(
                dockerfile.stream()
                        .anyMatch(i -> i.keyword().equals("RUN")
                                && i.args().contains("mvn")
                                && i.args().contains("-pl node -am")
                                && i.args().contains("package")),
                "the jar is built in the image");
        Instruction copy = all(runtimeStage(), "COPY").stream()
                .filter(i -> i.args().startsWith("--from=build"))
                .findFirst()
                .orElseThrow();
        assertEquals("--from=build /src/node/target/tsunagu.jar " + JAR, copy.args());
    }

    @Test
    void dockerfile_jarNameIsWhatTheBuildProduces() throws IOException {
        assertTrue(Files.readString(root.resolve("node/pom.xml")).contains("<finalName>tsunagu</finalName>"));
    }

    @Test
    void dockerfile_runsAsTheNonRootUserItCreates() {
        List<Instruction> stage = runtimeStage();
        String user = one(stage, "USER").args();
        String uid = user.split(":")[0];
        assertFalse(uid.equals("0") || uid.equals("root"), "not root: " + user);
        String runs = String.join(
                " ", all(stage, "RUN").stream().map(Instruction::args).toList());
        assertTrue(runs.contains("useradd") && runs.contains("--uid " + uid), "the user " + uid + " exists: " + runs);
        assertTrue(runs.contains("chown") && runs.contains("/data"), "it owns the data folder");
        assertTrue(indexOf(stage, "USER") < indexOf(stage, "ENTRYPOINT"), "USER comes before the node starts");
    }

    private static int indexOf(List<Instruction> stage, String keyword) {
        for (int i = 0; i < stage.size(); i++) {
            if (stage.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void dockerfile_dataVolumePortAndEnvironmentMatchTheCli() {
        List<Instruction> stage = runtimeStage();
        Map<String, String> env = env(stage);
        assertEquals("/data", env.get("TSUNAGU_DATA"));
        assertEquals("0.0.0.0", env.get("TSUNAGU_HOST"), "reachable from outside the container");
        assertEquals("8080", env.get("TSUNAGU_PORT"));
        assertEquals(List.of("/data"), one(stage, "VOLUME").json());
        assertEquals("8080", one(stage, "EXPOSE").args());
        String serveHelp = help("serve", "--help");
        for (String variable : env.keySet()) {
            if (variable.startsWith("TSUNAGU_")) {
                assertTrue(serveHelp.contains(variable), "serve reads " + variable + ":\n" + serveHelp);
            }
        }
    }

    @Test
    void dockerfile_healthCheckAsksHealthzOnTheSamePortWithoutStartingAJvm() throws IOException {
        Instruction check = one(runtimeStage(), "HEALTHCHECK");
        assertTrue(check.args().contains("--interval=") && check.args().contains("--timeout="), check.args());
        List<String> command = check.json();
        assertEquals(List.of("/bin/bash", "/opt/tsunagu/healthcheck.sh"), command);
        assertTrue(
                all(runtimeStage(), "COPY").stream()
                        .anyMatch(i -> i.args().equals("docker/healthcheck.sh /opt/tsunagu/healthcheck.sh")),
                "the script is in the image");
        String script = Files.readString(root.resolve("docker/healthcheck.sh"));
        assertFalse(script.contains("java"), "no JVM is started for a health check");
        assertTrue(script.contains("/dev/tcp/127.0.0.1/") && script.contains("TSUNAGU_PORT"), script);
        assertTrue(script.contains("GET /healthz") && script.contains("HTTP/1.1 200"), script);
    }

    @Test
    void healthcheckScript_againstARunningNode_zeroThenOneOnceStopped(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        int port;
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-health")) {
            port = node.server.port();
            assertEquals(0, healthcheck(port), "healthy node");
        }
        assertEquals(1, healthcheck(port), "nothing listens any more");
    }

    private static int healthcheck(int port) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder("bash", root.resolve("docker/healthcheck.sh").toString()).redirectErrorStream(true);
        pb.environment().put("TSUNAGU_PORT", Integer.toString(port));
        Process process = pb.start();
        process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return process.exitValue();
    }

    @Test
    void productionCompose_secretsFromFilesVolumeRestartAndLimits() throws Exception {
        String text = Files.readString(root.resolve("docker/compose.production.yaml"));
        JsonNode prod = JSON.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        JsonNode node = prod.at("/services/node");
        assertFalse(
                text.contains("TSUNAGU_ADMIN_TOKEN:") || text.contains("TSUNAGU_ADMIN_TOKEN=" + "demo"),
                "no token inline");
        assertFalse(node.has("environment"), "settings come from the env file, secrets from secret files");
        assertEquals("tsunagu.env", node.get("env_file").asText());
        assertEquals(
                "admin-token.secret",
                prod.at("/secrets/tsunagu_admin_token/file").asText());
        assertEquals(List.of("tsunagu_admin_token"), texts(node.get("secrets")));
        assertTrue(texts(node.get("entrypoint")).get(2).contains("/run/secrets/tsunagu_admin_token"));
        assertEquals(List.of("tsunagu-data:/data"), texts(node.get("volumes")));
        assertTrue(prod.at("/volumes").has("tsunagu-data"));
        assertEquals("unless-stopped", node.get("restart").asText());
        assertEquals("512m", node.get("mem_limit").asText());
        for (String port : texts(node.get("ports"))) {
            assertTrue(port.startsWith("127.0.0.1:"), "only the local reverse proxy reaches it: " + port);
        }
        String env = Files.readString(root.resolve("docker/tsunagu.env.example"));
        assertFalse(env.contains("TSUNAGU_ADMIN_TOKEN"), "no secret in the env file");
        for (String line : env.split("\n")) {
            if (line.startsWith("TSUNAGU_") && !line.startsWith("TSUNAGU_ADMIN")) {
                String variable = line.substring(0, line.indexOf('='));
                assertTrue(help("serve", "--help").contains(variable), "serve reads " + variable);
            }
        }
        assertTrue(Files.readString(root.resolve(".gitignore")).contains("docker/admin-token.secret"));
    }

    @Test
    void dockerfile_entrypointIsTheJarAndServesByDefault() {
        List<Instruction> stage = runtimeStage();
        assertEquals(List.of("java", "-jar", JAR), one(stage, "ENTRYPOINT").json());
        assertEquals(List.of("serve"), one(stage, "CMD").json());
    }

    @Test
    void compose_everyNodeBuildsTheImageKeepsItsDataAndSeesTheSeeds() {
        for (String name : NODES) {
            JsonNode service = compose.at("/services/" + name);
            assertEquals("..", service.at("/build/context").asText(), name);
            assertEquals("docker/Dockerfile", service.at("/build/dockerfile").asText(), name);
            List<String> volumes = texts(service.get("volumes"));
            assertTrue(volumes.contains(name + "-data:/data"), name + ": " + volumes);
            assertTrue(volumes.contains("../scripts/demo:/demo:ro"), name + ": " + volumes);
            assertTrue(compose.at("/volumes").has(name + "-data"), name);
            for (String port : texts(service.get("ports"))) {
                assertTrue(port.startsWith("127.0.0.1:") && port.endsWith(":8080"), "loopback only: " + port);
            }
        }
    }

    @Test
    void compose_everyCommandParsesWithTheRealCli() {
        for (String name : NODES) {
            List<String> command = texts(compose.at("/services/" + name + "/command"));
            TsunaguCommand.commandLine(
                            new CliContext(Map.of(), Clock.systemUTC(), new SecureRandom()),
                            new PrintWriter(new StringWriter()),
                            new PrintWriter(new StringWriter()))
                    .parseArgs(command.toArray(String[]::new));
            for (int i = 0; i < command.size() - 1; i++) {
                if (command.get(i).equals("--seed")) {
                    String file = command.get(i + 1);
                    assertTrue(file.startsWith("/demo/"), file);
                    assertTrue(Files.isRegularFile(root.resolve("scripts/demo").resolve(file.substring(6))), file);
                }
            }
        }
    }

    @Test
    void compose_serveFlagsAreTheLocalDemosFlags() throws Exception {
        Map<String, List<String>> local = demoScriptDryRun();
        assertEquals(NODES, new ArrayList<>(local.keySet()), "the same nodes, in the same order");
        Map<String, String> localPorts = new LinkedHashMap<>();
        for (String name : NODES) {
            List<String> args = local.get(name);
            localPorts.put(name, args.get(args.indexOf("--port") + 1));
        }
        for (String name : NODES) {
            JsonNode service = compose.at("/services/" + name);
            List<String> script = local.get(name);
            assertEquals(
                    script.get(0),
                    service.at("/environment/TSUNAGU_ADMIN_TOKEN").asText(),
                    name + " token");
            assertEquals(List.of("127.0.0.1:" + localPorts.get(name) + ":8080"), texts(service.get("ports")), name);
            List<String> fromScript = new ArrayList<>(script.subList(1, script.size()));
            for (String own : List.of("--data", "--host", "--port")) {
                int i = fromScript.indexOf(own);
                assertTrue(i >= 0, name + " runs with " + own);
                fromScript.subList(i, i + 2).clear();
            }
            assertEquals(
                    canonical(fromScript, localPorts, false),
                    canonical(texts(service.get("command")), localPorts, true),
                    name + ": compose and scripts/demo-federation run different serve flags");
        }
    }

    @Test
    void compose_partnershipRunsTheSharedScriptOnceJapanAndThailandAreHealthy() {
        JsonNode p = compose.at("/services/partnership");
        assertEquals(List.of("sh", "/demo/partnership.sh"), texts(p.get("entrypoint")));
        for (String name : List.of("jp", "th")) {
            assertEquals(
                    "service_healthy",
                    p.at("/depends_on/" + name + "/condition").asText(),
                    name);
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            assertEquals(
                    "http://" + name + ":8080",
                    p.at("/environment/" + upper + "_URL").asText());
            assertEquals(
                    compose.at("/services/" + name + "/environment/TSUNAGU_ADMIN_TOKEN")
                            .asText(),
                    p.at("/environment/" + upper + "_TOKEN").asText());
        }
        assertTrue(Files.isRegularFile(root.resolve("scripts/demo/partnership.sh")));
    }

    /**
     * Serve flags with each side's spelling of the same thing made equal: a node's URL becomes its
     * name, a seed its file name.
     */
    private static List<String> canonical(List<String> args, Map<String, String> localPorts, boolean compose) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            String value = arg;
            for (Map.Entry<String, String> node : localPorts.entrySet()) {
                String url = compose ? "http://" + node.getKey() + ":8080" : "http://127.0.0.1:" + node.getValue();
                if (arg.equals(url)) {
                    value = "node:" + node.getKey();
                }
            }
            if (arg.endsWith(".json")) {
                value = "seed:" + Path.of(arg).getFileName();
            }
            out.add(value);
        }
        return out;
    }

    /** Each node's token and serve arguments, as scripts/demo-federation prints them in a dry run. */
    private static Map<String, List<String>> demoScriptDryRun() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                        "bash", root.resolve("scripts/demo-federation").toString())
                .directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("TSUNAGU_DEMO_DRY_RUN", "1");
        pb.environment().remove("TSUNAGU_DEMO_PORT_OFFSET");
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        Map<String, List<String>> nodes = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            List<String> fields = List.of(line.split("\t"));
            assertNotEquals(0, fields.size());
            assertEquals("serve", fields.get(2), line);
            nodes.put(fields.get(0), new ArrayList<>(fields.subList(1, fields.size())));
        }
        return nodes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
