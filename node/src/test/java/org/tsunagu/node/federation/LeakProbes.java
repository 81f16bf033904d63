package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.ops.OpsCli;

/** What the leak tests (erasure, sealed records) look into on a real node. */
final class LeakProbes {
    private LeakProbes() {}

    /** The database, WAL and SHM files as one lower-case text (the index holds folded words). */
    static String fileText(TestNode n) {
        Path db = n.node().database().file();
        StringBuilder out = new StringBuilder();
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path f = Path.of(db + suffix);
            try {
                if (Files.exists(f)) {
                    out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /** A 200 answer's body. */
    static String get(TestNode n, String path) {
        TestClient.Reply r = n.admin.get(path);
        assertEquals(200, r.status(), path + ": " + r.body());
        return r.body();
    }

    /** {@code tsunagu verify} on the node's data folder passes. */
    static void verify(TestNode n) throws Exception {
        n.node().config().write();
        OpsCli.Run verify = OpsCli.run(
                "verify", "--data", n.node().config().databaseFile().getParent().toString());
        assertEquals(0, verify.status(), n.hub + ": " + verify);
    }
}
