package org.tsunagu.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.node.home.PrivateFiles;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Creates a node's data folder: key (0600), admin token (0600), database with the first signed
 * {@code hub.profile}, and finally node.json, whose presence marks the folder as initialised.
 */
final class Initializer {
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** The country of a new hub when {@code --country} is not given (containers). */
    static final String COUNTRY_VARIABLE = "TSUNAGU_COUNTRY";

    private Initializer() {}

    /** The outcome; {@code newToken} is the generated admin token to show once, null if it came from env. */
    record Result(NodeConfig config, Ed25519KeyPair key, String newToken) {}

    static Result initialise(Path dataDir, IdentityOptions identity, String host, int port, CliContext context)
            throws IOException {
        if (NodeConfig.isInitialised(dataDir)) {
            throw new NodeFileException(dataDir + " is already initialised (node.json exists)");
        }
        for (String leftover : List.of(NodeConfig.KEY_FILE, NodeConfig.TOKEN_FILE, NodeConfig.DATABASE_FILE)) {
            if (Files.exists(dataDir.resolve(leftover))) {
                throw new NodeFileException(dataDir.resolve(leftover)
                        + " exists but node.json does not: an earlier init stopped half-way; move the folder"
                        + " away and run init again");
            }
        }
        String envToken = context.adminTokenFromEnv();
        if (envToken != null && AdminToken.problemWith(envToken) != null) {
            throw new NodeFileException(CliContext.ADMIN_TOKEN_VARIABLE + ": " + AdminToken.problemWith(envToken));
        }
        Ed25519KeyPair key = Ed25519KeyPair.generate(context.random());
        NodeConfig config = configFor(dataDir, identity, host, port, key, context);

        PrivateFiles.createDirectory(dataDir);
        KeyFile.write(config.keyFile(), key);
        String token = envToken != null ? envToken : AdminToken.generate(context.random());
        PrivateFiles.writeNew(config.tokenFile(), token + "\n");
        try (Node node = NodeAssembly.openNode(config, key, context.clock())) {
            node.publishProfileIfChanged();
        }
        config.write(new NodeConfig.Listen(host, port));
        return new Result(config, key, envToken != null ? null : token);
    }

    private static NodeConfig configFor(
            Path dataDir, IdentityOptions identity, String host, int port, Ed25519KeyPair key, CliContext context) {
        String hub = identity.hub != null ? identity.hub : defaultHubId(key);
        if (!HubId.isValid(hub)) {
            throw new NodeFileException("--hub: must match [a-z0-9][a-z0-9-]{1,62}, e.g. jp-janic");
        }
        String country =
                identity.country != null ? identity.country : context.env().get(COUNTRY_VARIABLE);
        if (country == null || country.isBlank()) {
            // Not guessed from the locale: records with a blank country take the hub's, so a wrong guess
            // (C.UTF-8 gave JP) would quietly place a whole spreadsheet in another country.
            throw new NodeFileException(
                    "a new hub needs its country: pass --country CC (e.g. --country TH) or set " + COUNTRY_VARIABLE);
        }
        country = country.strip();
        if (!ISO_COUNTRIES.contains(country)) {
            throw new NodeFileException("--country: not an ISO 3166-1 alpha-2 code in upper case: " + country);
        }
        String name = identity.name != null ? identity.name : "Tsunagu node";
        String url = identity.url != null ? identity.url : defaultUrl(host, port);
        try {
            return NodeConfig.of(dataDir, HubId.of(hub), name, country, url);
        } catch (IllegalArgumentException | ProtocolException e) {
            throw new NodeFileException("--" + e.getMessage());
        }
    }

    /** {@code node-} and the first 8 hex digits of the key's SHA-256: unique enough, stable for the key. */
    private static String defaultHubId(Ed25519KeyPair key) {
        byte[] digest = Hashes.digest(key.publicKey().toBytes());
        return "node-" + HexFormat.of().formatHex(digest, 0, 4);
    }

    static String defaultUrl(String host, int port) {
        boolean wildcard = host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String shown = wildcard ? "localhost" : (host.contains(":") ? "[" + host + "]" : host);
        return "http://" + shown + (port > 0 ? ":" + port : "") + "/";
    }

    /** Prints what init created; the token appears here and nowhere else. */
    static void report(Result result, PrintWriter out) {
        NodeConfig config = result.config();
        out.println("Initialised hub " + config.hub() + " in " + config.dataDir());
        out.println("  key          " + result.key().publicKey().keyId().value());
        out.println("  fingerprint  " + result.key().publicKey().keyId().fingerprint());
        if (result.newToken() != null) {
            out.println("  admin token  " + result.newToken());
            out.println("               shown once; kept in " + config.tokenFile() + " (readable only by you)");
        } else {
            out.println("  admin token  from " + CliContext.ADMIN_TOKEN_VARIABLE + ", kept in " + config.tokenFile());
        }
        out.flush();
    }
}
