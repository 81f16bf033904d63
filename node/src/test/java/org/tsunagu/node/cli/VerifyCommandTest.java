package org.tsunagu.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.app.Node;
import org.tsunagu.node.app.NodeAssembly;
import org.tsunagu.node.home.KeyFile;
import org.tsunagu.node.home.NodeConfig;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.UpdateType;

class VerifyCommandTest {
    @TempDir
    Path tmp;

    private Path data;

    @BeforeEach
    void initWithRecords() {
        data = tmp.resolve("data");
        assertEquals(
                0,
                CliTest.run(Map.of(), "init", "--data", data.toString(), "--hub", "jp-verify", "--country", "JP")
                        .status());
        NodeConfig config = NodeConfig.read(data);
        try (Node node = NodeAssembly.openNode(config, KeyFile.read(config.keyFile()), Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                node.publisher()
                        .publish(
                                UpdateType.ORG_UPSERT,
                                TestHub.json("{\"id\":\"o" + i + "\",\"name\":\"Org " + i + "\",\"country\":\"JP\"}"));
            }
        }
    }

    private void sql(String statement, Object... args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("tsunagu.db"));
                PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    @Test
    void verify_untouchedLog_exitsZero() {
        CliTest.Run run = CliTest.run(Map.of(), "verify", "--data", data.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("verified 6 envelopes of 1 origins: no faults"), run.out());
    }

    @Test
    void verify_untouchedLog_directoryEqualsRebuild() {
        CliTest.Run run = CliTest.run(Map.of(), "verify", "--data", data.toString());
        assertEquals(0, run.status(), run.out() + run.err());
        java.util.regex.Matcher held =
                java.util.regex.Pattern.compile("(?m)^directory (sha256:\\S+)$").matcher(run.out());
        assertTrue(held.find(), run.out());
        assertTrue(run.out().contains("rebuilt from 6 envelopes " + held.group(1)), run.out());
        assertTrue(run.out().matches("(?sm).*^heads sha256:\\S+$.*"), run.out());
    }

    @Test
    void verify_organizationRowLost_exitsOneNamingTheDirectory() throws Exception {
        sql("DELETE FROM organizations WHERE id = 'o2'");
        CliTest.Run run = CliTest.run(Map.of(), "verify", "--data", data.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(
                run.out().contains("FAULT the directory differs from a rebuild of the log in [organizations"),
                run.out());
    }

    @Test
    void verify_filterCountAppliedTwice_exitsOneNamingTheCounts() throws Exception {
        sql("UPDATE facet_counts SET n = n + 1 WHERE facet = 'c' AND value = 'JP'");
        CliTest.Run run = CliTest.run(Map.of(), "verify", "--data", data.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("[facet_counts]"), run.out());
    }

    @Test
    void verify_hubPairCountsAstray_exitsOneNamingTheCounts() throws Exception {
        sql("INSERT INTO hub_pair_counts (hub_a, hub_b, status, n) VALUES ('jp-verify', 'jp-verify', 'confirmed', 1)");
        CliTest.Run run = CliTest.run(Map.of(), "verify", "--data", data.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("[hub_pair_counts]"), run.out());
    }

    @Test
    void verify_alteredBody_exitsOneNamingTheSeq() throws Exception {
        sql("UPDATE log SET envelope = replace(envelope, 'Org 2', 'Org X') WHERE seq = 4");
        CliTest.Run run = CliTest.run(Map.of(), "verify", "--data", data.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("FAULT jp-verify seq 4"), run.out());
    }

    @Test
    void verify_missingEnvelope_reportsGap() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("tsunagu.db"))) {
            c.createStatement().execute("PRAGMA foreign_keys = OFF");
            c.createStatement().execute("DELETE FROM log WHERE seq = 3");
        }
        CliTest.Run run = CliTest.run(Map.of(), "verify", "--data", data.toString());
        assertEquals(1, run.status(), run.out());
        assertTrue(run.out().contains("gap"), run.out());
    }

    @Test
    void verify_uninitialisedFolder_exitsOne() {
        assertEquals(
                1,
                CliTest.run(Map.of(), "verify", "--data", tmp.resolve("none").toString())
                        .status());
    }
}
