package org.tsunagu.node.home;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.canon.StrictJson;

/**
 * Who this node is and where its files live. The identity part is {@code DATA/node.json}, which holds
 * exactly the members of the node's {@code hub.profile} body; editing it and restarting publishes a new
 * profile. node.json may also hold a {@code settings} object (limits and policies, read by the
 * settings package's {@code SettingSources}); it is never part of the profile.
 *
 * @param names display names by BCP 47 tag (may be empty)
 * @param description optional, may be null
 * @param email optional, may be null
 */
public record NodeConfig(
        Path dataDir,
        HubId hub,
        String name,
        String country,
        String url,
        Map<String, String> names,
        String description,
        String email) {
    public static final String DATABASE_FILE = "tsunagu.db";
    public static final String KEY_FILE = "node.key";
    public static final String TOKEN_FILE = "admin.token";
    public static final String CONFIG_FILE = "node.json";
    /** node.json's member with the address and port serve listens on, so a restart needs no flags. */
    public static final String LISTEN = "listen";
    /** The node.json member that holds the admin's settings (read by the settings package). */
    public static final String SETTINGS_MEMBER = "settings";

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> MEMBERS =
            Set.of("hub", "name", "names", "country", "url", "description", "email", SETTINGS_MEMBER, LISTEN);

    /** Where serve listens: {@code "listen": {"host": "127.0.0.1", "port": 8080}} in node.json. */
    public record Listen(String host, int port) {
        public Listen {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("listen.host: must not be empty");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("listen.port: must be 0..65535");
            }
        }
    }

    public NodeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(hub, "hub");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be empty");
        }
        if (country == null || !COUNTRY.matcher(country).matches()) {
            throw new IllegalArgumentException("country: must be an ISO 3166-1 alpha-2 code in upper case, e.g. JP");
        }
        requireHttpUrl(url);
        names = Map.copyOf(names == null ? Map.of() : names);
    }

    public static NodeConfig of(Path dataDir, HubId hub, String name, String country, String url) {
        return new NodeConfig(dataDir, hub, name, country, url, Map.of(), null, null);
    }

    public Path databaseFile() {
        return dataDir.resolve(DATABASE_FILE);
    }

    public Path keyFile() {
        return dataDir.resolve(KEY_FILE);
    }

    public Path tokenFile() {
        return dataDir.resolve(TOKEN_FILE);
    }

    public Path configFile() {
        return dataDir.resolve(CONFIG_FILE);
    }

    /** A folder is initialised once its node.json exists: init writes that file last. */
    public static boolean isInitialised(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(CONFIG_FILE));
    }

    /** The body of this node's {@code hub.profile} update. */
    public ObjectNode profileBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("hub", hub.value());
        body.put("name", name);
        if (!names.isEmpty()) {
            ObjectNode byTag = body.putObject("names");
            names.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> byTag.put(e.getKey(), e.getValue()));
        }
        body.put("country", country);
        body.put("url", url);
        if (description != null) {
            body.put("description", description);
        }
        if (email != null) {
            body.put("email", email);
        }
        return body;
    }

    /** Reads {@code DATA/node.json}. */
    public static NodeConfig read(Path dataDir) {
        Path file = dataDir.resolve(CONFIG_FILE);
        JsonNode json;
        try {
            json = StrictJson.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new NodeFileException(file, "cannot read: " + e.getMessage());
        } catch (ProtocolException e) {
            throw new NodeFileException(file, e.getMessage());
        }
        if (!json.isObject()) {
            throw new NodeFileException(file, "must hold a JSON object");
        }
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String member = it.next();
            if (!MEMBERS.contains(member)) {
                throw new NodeFileException(file, "unknown member \"" + member + "\"; allowed: " + MEMBERS);
            }
        }
        try {
            return fromProfile(dataDir, json);
        } catch (IllegalArgumentException | ProtocolException e) {
            throw new NodeFileException(file, e.getMessage());
        }
    }

    /**
     * The configuration a {@code hub.profile} body (or node.json, which has its members) describes;
     * {@code init --recover-from} rebuilds node.json from the hub's latest profile this way.
     *
     * @throws IllegalArgumentException or {@link ProtocolException} for a missing or invalid member
     */
    public static NodeConfig fromProfile(Path dataDir, JsonNode json) {
        Map<String, String> names = new LinkedHashMap<>();
        json.path("names")
                .fields()
                .forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        return new NodeConfig(
                dataDir,
                HubId.parse(json.path("hub").asText(null), "$.hub"),
                json.path("name").asText(null),
                json.path("country").asText(null),
                json.path("url").asText(null),
                names,
                json.path("description").asText(null),
                json.path("email").asText(null));
    }

    /**
     * node.json's {@code listen} member, if it has one.
     *
     * @throws NodeFileException when it is there but not a host and a port
     */
    public static java.util.Optional<Listen> readListen(Path dataDir) {
        Path file = dataDir.resolve(CONFIG_FILE);
        JsonNode listen;
        try {
            listen = StrictJson.parse(Files.readAllBytes(file)).path(LISTEN);
        } catch (IOException e) {
            throw new NodeFileException(file, "cannot read: " + e.getMessage());
        } catch (ProtocolException e) {
            throw new NodeFileException(file, e.getMessage());
        }
        if (listen.isMissingNode()) {
            return java.util.Optional.empty();
        }
        if (!listen.isObject()
                || !listen.path("host").isTextual()
                || !listen.path("port").isInt()) {
            throw new NodeFileException(file, "\"listen\" must be {\"host\": \"ADDR\", \"port\": N}");
        }
        try {
            return java.util.Optional.of(
                    new Listen(listen.get("host").asText(), listen.get("port").asInt()));
        } catch (IllegalArgumentException e) {
            throw new NodeFileException(file, e.getMessage());
        }
    }

    /** Writes {@code DATA/node.json} atomically (it holds no secret). */
    public void write() throws IOException {
        write(null);
    }

    /** The same, with where serve listens ({@code listen}, may be null). */
    public void write(Listen listen) throws IOException {
        Path file = configFile();
        Path tmp = file.resolveSibling("." + CONFIG_FILE + ".tmp");
        ObjectNode body = profileBody();
        if (listen != null) {
            body.putObject(LISTEN).put("host", listen.host()).put("port", listen.port());
        }
        byte[] json = StrictJson.mapper()
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(body)
                .concat("\n")
                .getBytes(StandardCharsets.UTF_8);
        Files.write(tmp, json);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url == null ? "" : url);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (!http || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "url: must be an absolute http or https URL, e.g. https://hub.example.org");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url: not a URL: " + e.getMessage());
        }
    }
}
