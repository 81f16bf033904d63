package org.tsunagu.node.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.federation.OwnLogRecovery;
import org.tsunagu.node.federation.PeerException;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.node.home.PrivateFiles;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.staff.Passwords;
import org.tsunagu.node.staff.Role;
import org.tsunagu.node.staff.Staff;
import org.tsunagu.node.staff.StaffException;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Creates a node's data folder: key (0600), admin token (0600), database with the first signed
 * {@code hub.profile}, and finally node.json, whose presence marks the folder as initialised. The
 * command line ({@code init}, and {@code serve} on a fresh folder) resolves flags and environment into
 * an {@link Identity}; what is wrong is a {@link NodeFileException} naming the flag or variable.
 */
public final class Initializer {
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** The country of a new hub when {@code --country} is not given (containers). */
    public static final String COUNTRY_VARIABLE = "TSUNAGU_COUNTRY";

    public static final String ADMIN_TOKEN_VARIABLE = "TSUNAGU_ADMIN_TOKEN";
    public static final String ADMIN_USER_VARIABLE = "TSUNAGU_ADMIN_USER";
    public static final String ADMIN_PASSWORD_VARIABLE = "TSUNAGU_ADMIN_PASSWORD";

    private Initializer() {}

    /**
     * Who a new node is and the secrets its operator chose; null where not given.
     *
     * @param hub {@code --hub}; default {@code node-} and 8 hex digits of the new key
     * @param name {@code --name}; default {@code Tsunagu node}
     * @param country {@code --country}, else {@value #COUNTRY_VARIABLE}; required for a new hub
     * @param url {@code --url}; default from the listen address
     * @param adminUser the first staff account's name (resolved: flag, {@value #ADMIN_USER_VARIABLE}, {@code admin})
     * @param adminToken {@value #ADMIN_TOKEN_VARIABLE}; generated when null
     * @param adminPassword {@value #ADMIN_PASSWORD_VARIABLE}; generated when null
     */
    public record Identity(
            String hub,
            String name,
            String country,
            String url,
            String adminUser,
            String adminToken,
            String adminPassword) {}

    /** The outcome; {@code newToken} is the generated admin token to show once, null if it came from env. */
    public record Result(NodeConfig config, Ed25519KeyPair key, String newToken, String adminUser, String newPassword) {
        Result(NodeConfig config, Ed25519KeyPair key, String newToken) {
            this(config, key, newToken, null, null);
        }
    }

    public static Result initialise(
            Path dataDir, Identity identity, String host, int port, Clock clock, SecureRandom random)
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
        String envToken = identity.adminToken();
        if (envToken != null && AdminToken.problemWith(envToken) != null) {
            throw new NodeFileException(ADMIN_TOKEN_VARIABLE + ": " + AdminToken.problemWith(envToken));
        }
        String adminUser = identity.adminUser();
        String envPassword = identity.adminPassword();
        if (envPassword != null && Passwords.problemWith(envPassword) != null) {
            throw new NodeFileException(ADMIN_PASSWORD_VARIABLE + ": " + Passwords.problemWith(envPassword));
        }
        String password = envPassword != null ? envPassword : AdminToken.generate(random);
        Ed25519KeyPair key = Ed25519KeyPair.generate(random);
        NodeConfig config = configFor(dataDir, identity, host, port, key);

        PrivateFiles.createDirectory(dataDir);
        KeyFile.write(config.keyFile(), key);
        String token = envToken != null ? envToken : AdminToken.generate(random);
        PrivateFiles.writeNew(config.tokenFile(), token + "\n");
        try (Node node = NodeAssembly.openNode(config, key, clock)) {
            node.publishProfileIfChanged();
            try {
                Staff.open(node.database(), clock, random).accounts().create(adminUser, Role.ADMIN, password);
            } catch (StaffException e) {
                throw new NodeFileException("--admin-user: " + e.getMessage());
            }
        }
        config.write(new NodeConfig.Listen(host, port));
        return new Result(
                config, key, envToken != null ? null : token, adminUser, envPassword != null ? null : password);
    }

    /**
     * {@code init --recover-from URL}: rebuilds the data folder of a hub that lost its disk but kept its
     * {@code node.key} ({@code keyFrom}, or already in {@code dataDir}). The hub's log is pulled back from
     * the node at {@code url} through the ingest path (which re-materialises the directory), node.json
     * is written from the latest {@code hub.profile} in it, and that node is pinned as a peer. Nothing
     * is signed: the next serve continues the chain. On failure nothing but the key is left behind.
     */
    public static Recovered recover(
            Path dataDir,
            Identity identity,
            String host,
            int port,
            Path keyFrom,
            String url,
            Clock clock,
            SecureRandom random)
            throws IOException {
        if (NodeConfig.isInitialised(dataDir)) {
            throw new NodeFileException(dataDir + " is already initialised (node.json exists)");
        }
        for (String leftover : List.of(NodeConfig.TOKEN_FILE, NodeConfig.DATABASE_FILE)) {
            if (Files.exists(dataDir.resolve(leftover))) {
                throw new NodeFileException(dataDir.resolve(leftover)
                        + " exists: --recover-from rebuilds a folder that holds at most node.key; move the rest away");
            }
        }
        Path keyFile = dataDir.resolve(NodeConfig.KEY_FILE);
        Ed25519KeyPair key;
        if (keyFrom != null) {
            key = KeyFile.read(keyFrom);
            if (Files.exists(keyFile)
                    && !KeyFile.read(keyFile)
                            .publicKey()
                            .keyId()
                            .equals(key.publicKey().keyId())) {
                throw new NodeFileException(keyFile, "holds another key than --key " + keyFrom);
            }
        } else if (Files.exists(keyFile)) {
            key = KeyFile.read(keyFile);
        } else {
            throw new NodeFileException(
                    "--recover-from needs the hub's saved node.key: put it in " + dataDir + " or pass --key FILE");
        }
        String envToken = identity.adminToken();
        if (envToken != null && AdminToken.problemWith(envToken) != null) {
            throw new NodeFileException(ADMIN_TOKEN_VARIABLE + ": " + AdminToken.problemWith(envToken));
        }
        KeyId keyId = key.publicKey().keyId();
        HubId wanted = null;
        if (identity.hub() != null) {
            if (!HubId.isValid(identity.hub())) {
                throw new NodeFileException("--hub: must match [a-z0-9][a-z0-9-]{1,62}, e.g. jp-janic");
            }
            wanted = HubId.of(identity.hub());
        }
        OwnLogRecovery recovery = new OwnLogRecovery(url, key, clock);
        OwnLogRecovery.Plan plan;
        try {
            plan = recovery.plan(wanted, keyId);
        } catch (PeerException e) {
            throw new NodeFileException("--recover-from: " + e.getMessage());
        }
        PrivateFiles.createDirectory(dataDir);
        boolean keyWritten = false;
        if (!Files.exists(keyFile)) {
            KeyFile.write(keyFile, key);
            keyWritten = true;
        }
        try {
            // The key of seq 1 (an older one, if the hub rotated since): the log's own key.rotate
            // envelopes lead from it to node.key's, which is checked once the log is in.
            try (Database db = Database.open(dataDir.resolve(NodeConfig.DATABASE_FILE))) {
                new KeyRing(db, clock).pin(plan.hub(), plan.firstKey(), KeySource.LOCAL);
            }
            // Name and country come from the recovered profile; these only open the database.
            NodeConfig opening = NodeConfig.of(dataDir, plan.hub(), "recovering", "ZZ", url);
            long head;
            JsonNode profile;
            String peerNote;
            try (Node node = NodeAssembly.openNode(opening, key, clock)) {
                try {
                    head = recovery.pull(plan, node.ingestor());
                } catch (PeerException e) {
                    throw new NodeFileException("--recover-from: " + e.getMessage());
                }
                Optional<KeyId> current = node.keys().currentKey(plan.hub());
                if (current.isEmpty() || !current.get().equals(keyId)) {
                    throw new NodeFileException("--recover-from: the log of " + plan.hub() + " at " + url
                            + " leads to key " + current.map(KeyId::fingerprint).orElse("none") + ", not to this"
                            + " node.key's " + keyId.fingerprint() + "; nothing was recovered");
                }
                profile = node.latestProfile()
                        .map(e -> e.body())
                        .orElseThrow(() -> new NodeFileException(
                                "--recover-from: the log of " + plan.hub() + " has no hub.profile"));
                try {
                    node.federation().peers().add(url, null);
                    peerNote = "pinned " + url + " as a peer";
                } catch (RuntimeException e) {
                    peerNote = "could not pin " + url + " as a peer (" + e.getMessage() + "); add it again";
                }
            }
            NodeConfig config = configFromProfile(dataDir, plan.hub(), profile);
            String token = envToken != null ? envToken : AdminToken.generate(random);
            PrivateFiles.writeNew(config.tokenFile(), token + "\n");
            config.write(new NodeConfig.Listen(host, port));
            return new Recovered(new Result(config, key, envToken != null ? null : token), head, peerNote);
        } catch (IOException | RuntimeException e) {
            for (String f : List.of(
                    NodeConfig.DATABASE_FILE,
                    NodeConfig.DATABASE_FILE + "-wal",
                    NodeConfig.DATABASE_FILE + "-shm",
                    NodeConfig.TOKEN_FILE)) {
                Files.deleteIfExists(dataDir.resolve(f));
            }
            if (keyWritten) {
                Files.deleteIfExists(keyFile);
            }
            throw e;
        }
    }

    /** What {@link #recover} rebuilt: the new folder, the head seq pulled back, and the peer it pinned. */
    public record Recovered(Result result, long head, String peerNote) {}

    /** node.json as the hub last published it. */
    private static NodeConfig configFromProfile(Path dataDir, HubId hub, JsonNode profile) {
        try {
            NodeConfig config = NodeConfig.fromProfile(dataDir, profile);
            if (!config.hub().equals(hub)) {
                throw new IllegalArgumentException("it names hub " + config.hub());
            }
            return config;
        } catch (IllegalArgumentException | ProtocolException e) {
            throw new NodeFileException("--recover-from: the hub's latest profile is unusable: " + e.getMessage());
        }
    }

    private static NodeConfig configFor(Path dataDir, Identity identity, String host, int port, Ed25519KeyPair key) {
        String hub = identity.hub() != null ? identity.hub() : defaultHubId(key);
        if (!HubId.isValid(hub)) {
            throw new NodeFileException("--hub: must match [a-z0-9][a-z0-9-]{1,62}, e.g. jp-janic");
        }
        String country = identity.country();
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
        String name = identity.name() != null ? identity.name() : "Tsunagu node";
        String url = identity.url() != null ? identity.url() : defaultUrl(host, port);
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

    private static String defaultUrl(String host, int port) {
        boolean wildcard = host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
        String shown = wildcard ? "localhost" : (host.contains(":") ? "[" + host + "]" : host);
        return "http://" + shown + (port > 0 ? ":" + port : "") + "/";
    }

    /** Prints what init created; the token appears here and nowhere else. */
    public static void report(Result result, PrintWriter out) {
        NodeConfig config = result.config();
        out.println("Initialised hub " + config.hub() + " in " + config.dataDir());
        out.println("  key          " + result.key().publicKey().keyId().value());
        out.println("  fingerprint  " + result.key().publicKey().keyId().fingerprint());
        if (result.newToken() != null) {
            out.println("  admin token  " + result.newToken());
            out.println("               shown once; kept in " + config.tokenFile() + " (readable only by you)");
        } else {
            out.println("  admin token  from " + ADMIN_TOKEN_VARIABLE + ", kept in " + config.tokenFile());
        }
        if (result.adminUser() != null) {
            out.println("  console      " + config.url() + "admin  user " + result.adminUser() + " (role admin)");
            if (result.newPassword() != null) {
                out.println("  password     " + result.newPassword());
                out.println("               shown once; only its Argon2id hash is kept");
            } else {
                out.println("  password     from " + ADMIN_PASSWORD_VARIABLE);
            }
        }
        out.flush();
    }
}
