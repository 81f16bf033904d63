package org.tsunagu.node.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.ops.OpsCli;

/**
 * What the leak tests (erasure, sealed records) look into on a real node: every place a record's text
 * could leave it or stay in it. {@link #everywhere} reads them all, as lower-case text, by name.
 */
final class LeakProbes {
    /** The public exports, served to anyone. */
    static final List<String> PUBLIC_EXPORTS =
            List.of("/v1/directory/export.csv", "/v1/directory/export.hxl.csv", "/v1/directory/export.hsds.json");

    /** The administrator's exports: each record as the node reads it (opened, on a named hub). */
    static final List<String> ADMIN_EXPORTS = List.of(
            "/admin/v1/directory/export.csv",
            "/admin/v1/directory/export.hxl.csv",
            "/admin/v1/directory/export.hsds.json");

    private LeakProbes() {}

    /** The database, WAL and SHM files as one lower-case text (the index holds folded words). */
    static String fileText(TestNode n) {
        Path db = n.node().database().file();
        StringBuilder out = new StringBuilder();
        for (String suffix : List.of("", "-wal", "-shm")) {
            out.append(readLower(Path.of(db + suffix)));
        }
        return out.toString();
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
        OpsCli.Run verify = OpsCli.run("verify", "--data", dataDir(n));
        assertEquals(0, verify.status(), n.hub + ": " + verify);
    }

    /** Every origin's whole feed, read as a version 2 reader. */
    static List<String> feeds(TestNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : n.admin.get("/v1/feeds").json().get("feeds")) {
            TestClient.Reply r = n.admin.send(n.admin
                    .request("/v1/feeds/" + f.get("origin").asText() + "?limit=10000")
                    .header("Tsunagu-Versions", "1, 2"));
            assertEquals(200, r.status(), r.body());
            out.add(r.body());
        }
        return out;
    }

    /** The whole log as a bundle ({@code GET /admin/v1/bundles}), unzipped. */
    static String bundle(TestNode n) {
        String text = new String(gunzip(download(n, "/admin/v1/bundles")), StandardCharsets.UTF_8);
        assertTrue(text.contains("mm-hub"), "the bundle holds the origin's log");
        return text;
    }

    /**
     * Every place a node holds or hands out records, by name, as lower-case text: its database files,
     * feeds, public and admin exports (CSV, HXL, HSDS), a bundle, and a backup made both ways ({@code
     * GET /admin/v1/backup} and {@code tsunagu backup}, taken now into {@code scratch}).
     */
    static Map<String, String> everywhere(TestNode n, Path scratch) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("database files", fileText(n));
        List<String> feeds = feeds(n);
        for (int i = 0; i < feeds.size(); i++) {
            out.put("feed " + i, lower(feeds.get(i)));
        }
        for (String path : PUBLIC_EXPORTS) {
            out.put(path, lower(get(n, path)));
        }
        for (String path : ADMIN_EXPORTS) {
            out.put(path, lower(get(n, path)));
        }
        out.put("bundle", lower(bundle(n)));
        out.put(
                "GET /admin/v1/backup",
                new String(download(n, "/admin/v1/backup"), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
        Files.createDirectories(scratch);
        Path file = Files.createTempFile(scratch, n.hub.value() + "-backup-", ".db");
        Files.delete(file);
        OpsCli.Run backup = OpsCli.run("backup", "--data", dataDir(n), "--out", file.toString());
        assertEquals(0, backup.status(), n.hub + ": " + backup);
        out.put("tsunagu backup", readLower(file));
        return out;
    }

    /** None of {@code secrets} is anywhere on {@code n} ({@link #everywhere}). */
    static void assertNowhere(TestNode n, Path scratch, List<String> secrets) throws IOException {
        for (Map.Entry<String, String> place : everywhere(n, scratch).entrySet()) {
            for (String secret : secrets) {
                assertFalse(
                        place.getValue().contains(secret.toLowerCase(Locale.ROOT)),
                        n.hub + " " + place.getKey() + " holds \"" + secret + "\"");
            }
        }
    }

    private static String dataDir(TestNode n) {
        return n.node().config().databaseFile().getParent().toString();
    }

    private static byte[] download(TestNode n, String path) {
        try {
            HttpResponse<byte[]> r = HttpClient.newHttpClient()
                    .send(n.admin.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, r.statusCode(), path);
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLower(Path f) {
        try {
            return Files.exists(f)
                    ? new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                    : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Terms of the FTS5 index starting with {@code prefix}, read through fts5vocab: FTS5 stores terms
     * prefix-compressed, so the file bytes alone might not spell a surviving term.
     */
    static int ftsTerms(TestNode n, String prefix) throws SQLException {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:sqlite:" + n.node().database().file().toAbsolutePath());
                Statement s = c.createStatement()) {
            int count = 0;
            for (String table : List.of("org_names", "org_text")) {
                s.execute("CREATE VIRTUAL TABLE temp.v_" + table + " USING fts5vocab(main, " + table + ", row)");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM temp.v_" + table + " WHERE term >= '" + prefix
                        + "' AND term < '" + prefix + "~'")) {
                    rs.next();
                    count += rs.getInt(1);
                }
            }
            return count;
        }
    }
}
