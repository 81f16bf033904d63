package org.tsunagu.node.app;

/**
 * Work {@code serve} will need soon, started on a second thread as the process starts (issue 14: start
 * to healthy, ≤ 1 s). A start is one thread's work most of the way (reading the command line, the
 * settings, the key, opening the database, then Jersey), while a second core sits idle; what is done
 * here is the part that depends on nothing the command line says: the static set-up of the JSON
 * mapper, the Ed25519 tables and the SQLite driver. The JVM runs each class's initialisation once:
 * when the main thread gets there first, or meanwhile, it simply uses (or waits for) the same one, so
 * nothing is done twice and nothing changes but when it happens.
 */
public final class StartupPreload {
    private StartupPreload() {}

    /** Starts the preload on a daemon thread; returns at once. */
    public static void start() {
        Thread t = new Thread(StartupPreload::run, "tsunagu-preload");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            // The key file is read (its public key derived) and the first signatures checked with these.
            org.bouncycastle.math.ec.rfc8032.Ed25519.precompute();
            // node.json, the settings and every API answer go through Jackson.
            new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"warm\":[1,\"x\",true]}");
            // The driver loads SQLite's native library once per process.
            Class.forName("org.sqlite.JDBC");
        } catch (Exception | LinkageError e) {
            // Only when the work happens changes: whatever failed here fails again where it is needed.
        }
    }
}
