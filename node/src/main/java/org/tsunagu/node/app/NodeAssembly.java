package org.tsunagu.node.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.admin.AdminAuthFilter;
import org.tsunagu.node.admin.AdminExportResource;
import org.tsunagu.node.admin.AlertAdminResource;
import org.tsunagu.node.admin.Audiences;
import org.tsunagu.node.admin.AuditFilter;
import org.tsunagu.node.admin.BackupResource;
import org.tsunagu.node.admin.BlockAdminResource;
import org.tsunagu.node.admin.BundleResource;
import org.tsunagu.node.admin.EncryptionKeyAdminResource;
import org.tsunagu.node.admin.ErasureAdminResource;
import org.tsunagu.node.admin.FollowAdminResource;
import org.tsunagu.node.admin.ImportResource;
import org.tsunagu.node.admin.OrganizationAdminResource;
import org.tsunagu.node.admin.PartnershipAdminResource;
import org.tsunagu.node.admin.PeerAdminResource;
import org.tsunagu.node.admin.ProtectedMetricsResource;
import org.tsunagu.node.admin.ProtocolAdminResource;
import org.tsunagu.node.admin.SessionResource;
import org.tsunagu.node.admin.StaffAdminResource;
import org.tsunagu.node.api.DirectoryResource;
import org.tsunagu.node.api.FeedResource;
import org.tsunagu.node.api.HealthResource;
import org.tsunagu.node.api.WellKnownResource;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.db.GroupCommit;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.Materializer;
import org.tsunagu.node.directory.SealedRecords;
import org.tsunagu.node.federation.Federation;
import org.tsunagu.node.federation.FederationConfig;
import org.tsunagu.node.home.AdminToken;
import org.tsunagu.node.home.EncryptionKeys;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.home.NodeKeys;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.ForwardedFilter;
import org.tsunagu.node.http.JsonMapperProvider;
import org.tsunagu.node.http.OpenApiResource;
import org.tsunagu.node.log.AlertStore;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeyRing;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.ops.bundle.BundleExporter;
import org.tsunagu.node.ops.bundle.BundleImporter;
import org.tsunagu.node.ops.limits.RateLimitFilter;
import org.tsunagu.node.ops.limits.RateLimiter;
import org.tsunagu.node.ops.limits.ServerLimits;
import org.tsunagu.node.ops.metrics.MetricsAccess;
import org.tsunagu.node.ops.metrics.MetricsResource;
import org.tsunagu.node.ops.metrics.NodeMetrics;
import org.tsunagu.node.settings.Settings;
import org.tsunagu.node.staff.Staff;
import org.tsunagu.node.web.WebDirectory;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * The one place where the node's parts are built and connected (the composition root): the CLI, the
 * tests and the benchmarks all open nodes here. A node gets one ingest path ({@link Ingestor}, with
 * its verifier pool) shared by pushes, pulls and bundles, and one {@link AlertStore} shared by
 * federation and the hubs page.
 */
public final class NodeAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAssembly.class);

    private NodeAssembly() {}

    /**
     * Opens the node's database and builds its services. The node's own key is pinned as the local
     * key of its hub on first open.
     */
    public static Node openNode(NodeConfig config, Ed25519KeyPair key, Clock clock) {
        return openNode(config, key, clock, Settings.defaults(), UnaryOperator.identity());
    }

    /** The same, with federation settings adjusted (tests and demos shorten its intervals). */
    public static Node openNode(
            NodeConfig config, Ed25519KeyPair key, Clock clock, UnaryOperator<FederationConfig> federationConfig) {
        return openNode(config, key, clock, Settings.defaults(), federationConfig);
    }

    /**
     * The same, with the admin's {@code settings} (limits and policies) in force, and federation's
     * configuration adjusted after they are applied.
     */
    public static Node openNode(
            NodeConfig config,
            Ed25519KeyPair key,
            Clock clock,
            Settings settings,
            UnaryOperator<FederationConfig> federationConfig) {
        Database db = Database.open(config.databaseFile());
        try {
            KeyRing keys = new KeyRing(db, clock);
            if (keys.currentKey(config.hub()).isEmpty()) {
                keys.pin(config.hub(), key.publicKey().keyId(), KeySource.LOCAL);
            }
            Ed25519KeyPair signer = NodeKeys.recover(config.keyFile(), key, keys.currentKey(config.hub()));
            LogStore log = new LogStore(db);
            EncryptionKeys encryptionKeys = EncryptionKeys.open(config.dataDir(), new SecureRandom());
            AlertStore alerts = new AlertStore(db, clock);
            Materializer materializer = materializer(config.hub(), encryptionKeys, alerts, clock);
            Publisher publisher = new Publisher(db, config.hub(), signer, clock, materializer);
            NodeKeys nodeKeys = new NodeKeys(config.keyFile(), signer, publisher::rotateKey, new SecureRandom());
            NodeMetrics metrics = new NodeMetrics(
                    db, origin -> log.head(origin).map(LogChain.Head::seq).orElse(0L), clock);
            FederationConfig base = FederationConfig.defaults(config.hub(), config::url)
                    .withLearnOrigins(settings.learnOrigins())
                    .withLimits(settings.peerLimits());
            FederationConfig federating = federationConfig.apply(base.with(
                    settings.get(Settings.PULL_INTERVAL),
                    base.requestTimeout(),
                    base.autoAcceptPinned(),
                    base.learnOrigins()));
            // Bundles follow the origin policy federation is given (tests may adjust it there).
            Settings inForce = federating.learnOrigins() == settings.learnOrigins()
                    ? settings
                    : settings.with(Settings.LEARN_ORIGINS, federating.learnOrigins());
            boolean learn = inForce.learnOrigins();
            Ingestor ingestor = new Ingestor(db, clock, origin -> learn, materializer);
            Federation federation = new Federation(
                    federating,
                    db,
                    log,
                    keys,
                    ingestor,
                    alerts,
                    nodeKeys,
                    metrics.registry(),
                    clock,
                    metrics.pullLag()::observed,
                    metrics.ingest()::record);
            // Nothing is signed after start until the rollback check passed (issue 11).
            federation.rollback().configure(inForce.rollbackCheck(), config.dataDir());
            publisher.guardWith(federation.rollback()::requireWritable);
            return new Node(
                    config,
                    db,
                    keys,
                    log,
                    publisher,
                    new DirectoryService(db),
                    new GroupCommit(db),
                    clock,
                    federation,
                    metrics,
                    inForce,
                    ingestor,
                    alerts,
                    encryptionKeys);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Opens only what reading the logs needs (for {@code verify}): no key, nothing is written. */
    public static Node openForReading(NodeConfig config, Clock clock) {
        Database db = Database.open(config.databaseFile());
        return new Node(
                config,
                db,
                new KeyRing(db, clock),
                new LogStore(db),
                null,
                new DirectoryService(db),
                null,
                clock,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * The materialiser of {@code config}'s node with its encryption keys, for {@code verify}'s replay:
     * the records this hub opened are opened again, so the rebuilt directory can equal the node's.
     */
    public static Materializer materializer(NodeConfig config, AlertStore alerts, Clock clock) {
        return EncryptionKeys.existing(config.dataDir())
                .map(keys -> materializer(config.hub(), keys, alerts, clock))
                .orElseGet(Materializer::new);
    }

    /**
     * Opens the sealed records addressed to this hub (SPEC §6.10) with its encryption keys; one it is
     * named in but cannot open is kept unreadable and raises a {@code sealed} alert (never refused).
     */
    private static Materializer materializer(HubId self, EncryptionKeys keys, AlertStore alerts, Clock clock) {
        return new Materializer(new SealedRecords(self, keys::find, clock, (envelope, path, message) -> {
            LOG.warn(
                    "{}/{}: a record sealed to this hub does not open ({}: {})",
                    envelope.origin(),
                    envelope.seq(),
                    path,
                    message);
            if (alerts != null) {
                alerts.raise(
                        "sealed",
                        null,
                        envelope.origin(),
                        envelope.seq(),
                        "a record sealed to this hub does not open at " + path + ": " + message,
                        null);
            }
        }));
    }

    /**
     * Starts the HTTP API of {@code node} on {@code host:port} (0 = any free port), with the limits of
     * the node's settings.
     */
    public static ApiServer startHttp(Node node, AdminToken token, String host, int port) {
        Settings settings = node.settings();
        ResourceConfig config = httpConfig(node, token);
        ServerLimits limits = settings.serverLimits();
        ApiServer server = ApiServer.start(host, port, config, limits::tune, settings.shutdownGrace());
        MetricsAccess metricsAccess = settings.metricsAccess();
        if (metricsAccess.mode() == MetricsAccess.Mode.SEPARATE_PORT) {
            server.attach(startMetrics(node, metricsAccess));
        }
        node.federation().start();
        return server;
    }

    /** Every resource, filter and limit of the node's HTTP API, as {@link #startHttp} serves them. */
    public static ResourceConfig httpConfig(Node node, AdminToken token) {
        Settings settings = node.settings();
        JsonMapperProvider json = new JsonMapperProvider();
        ResourceConfig config = ApiServer.baseConfig(json, settings.maxBodyBytes(), settings.maxImportBytes());
        Staff staff = Staff.open(node.database(), node.clock(), new SecureRandom());
        AdminAuthFilter admin =
                new AdminAuthFilter(token, settings.adminAuthFailures(), staff, RateLimiter.ticker(node.clock()));
        config.register(admin);
        config.register(admin.gate());
        config.register(new SessionResource(staff, RateLimiter.ticker(node.clock())));
        config.register(new StaffAdminResource(staff));
        config.register(new AuditFilter(staff.audit(), json.mapper()));
        config.register(new BackupResource(
                node.config().databaseFile(), node.config().dataDir().resolve("spool"), node.clock()));
        config.register(new HealthResource(
                node.log(), () -> node.federation().rollback().writable()));
        config.register(new WellKnownResource(node.config(), node.publisher(), node::latestProfile));
        config.register(new FeedResource(node.log()));
        config.register(new DirectoryResource(node.directory()));
        Audiences audiences = new Audiences(
                node.directory(),
                node.config().hub(),
                node.encryptionKeys()::current,
                node.federation()::followedOrFollowing);
        config.register(new OrganizationAdminResource(
                node.writes(), node.publisher(), node.directory(), node.database()::checkpoint, audiences));
        config.register(new ProtocolAdminResource(node.publisher(), node.log(), node::moveToVersion2));
        config.register(
                new EncryptionKeyAdminResource(node.encryptionKeys(), node.publisher(), node::rotateEncryptionKey));
        config.register(new ErasureAdminResource(node.federation()));
        config.register(new PartnershipAdminResource(node.writes(), node.publisher(), node.directory(), audiences));
        config.register(new ImportResource(node.importer()));
        config.register(new AdminExportResource(node.directory()::searchOrganizations, json.mapper()));
        config.registerInstances(WebDirectory.resources(
                        json.mapper(),
                        node.directory(),
                        node.log(),
                        node.keys(),
                        node.alerts(),
                        new FederationFollowStatus(
                                node.federation(), node.metrics().pullLag()),
                        node.config().hub(),
                        node.clock())
                .toArray());
        config.register(
                new ForwardedFilter(settings.trustedProxies(), node.config().url()));
        config.register(node.metrics().httpFilter());
        MetricsAccess metricsAccess = settings.metricsAccess();
        switch (metricsAccess.mode()) {
            case PUBLIC -> config.register(new MetricsResource(node.metrics()));
            case TOKEN -> config.register(new ProtectedMetricsResource(node.metrics()));
            case SEPARATE_PORT -> {} // startHttp gives it a listener of its own
        }
        config.register(new OpenApiResource());
        config.register(bundles(node));
        Federation federation = node.federation();
        federation.resources().forEach(config::register);
        config.register(new PeerAdminResource(federation, federation.peers(), federation.blocks(), federation.halts()));
        config.register(new FollowAdminResource(federation.peers(), federation.subscribers()));
        config.register(new BlockAdminResource(federation.blocks(), federation.halts()));
        config.register(new AlertAdminResource(federation.alerts()));
        config.register(new RateLimitFilter(settings.rateLimits()));
        settings.serverLimits().register(config);
        return config;
    }

    /** {@code /metrics} alone on the listener the admin chose (e.g. 127.0.0.1:9464), for Prometheus only. */
    private static ApiServer startMetrics(Node node, MetricsAccess access) {
        ResourceConfig config = ApiServer.baseConfig(new JsonMapperProvider());
        config.register(new MetricsResource(node.metrics()));
        return ApiServer.start(access.host(), access.port(), config);
    }

    /**
     * Applies offline bundles to a node opened for reading (the {@code import-bundle} command, which
     * runs while the node is stopped), under the origin policy pushes and pulls use: with {@code
     * learnOrigins} off, a bundle holding an origin whose key is not pinned is refused whole. A node
     * opened with {@link #openNode} applies bundles through its own {@link Node#ingestor()} instead.
     */
    public static BundleImporter bundleImporter(Node node, boolean learnOrigins) {
        Ingestor ingestor =
                node.ingestor() != null && learnOrigins == node.settings().learnOrigins()
                        ? node.ingestor()
                        : new Ingestor(node.database(), node.clock(), origin -> learnOrigins);
        return new BundleImporter(node.database(), ingestor);
    }

    /** Offline bundles over the admin API; uploads wait in DATA/spool until they are whole. */
    private static BundleResource bundles(Node node) {
        // The node's own clock, so tests that fix time see bundles stamped with it too.
        Clock clock = node.clock();
        return new BundleResource(
                new BundleImporter(node.database(), node.ingestor()),
                new BundleExporter(node.log(), clock),
                node.config().dataDir().resolve("spool"),
                node.federation()::published,
                node.metrics().ingest());
    }
}
