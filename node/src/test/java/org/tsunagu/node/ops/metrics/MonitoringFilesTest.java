package org.tsunagu.node.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.ops.OpsNode;

/**
 * docs/monitoring: the Grafana dashboard parses and, like the alert rules, names only metrics the node
 * exports (a renamed metric would leave a panel or an alert silently empty). promtool checks the rules
 * themselves (scripts/check-monitoring, run by .ci/run).
 */
class MonitoringFilesTest {
    private static final Pattern METRIC = Pattern.compile("\\b((?:tsunagu|jvm|process)_[a-z_]+)\\b");
    private static final Pattern SOURCE_NAME = Pattern.compile("\"((?:tsunagu)[._][a-z._]+)\"");

    @TempDir
    Path tmp;

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("docs/monitoring"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    @Test
    void dashboardAndRules_nameOnlyMetricsTheNodeExports() throws IOException {
        Path monitoring = root().resolve("docs/monitoring");
        JsonNode dashboard = new ObjectMapper()
                .readTree(monitoring.resolve("grafana-dashboard.json").toFile());
        assertEquals("tsunagu-node", dashboard.get("uid").asText());
        List<String> exprs = new ArrayList<>();
        dashboard
                .get("panels")
                .forEach(p ->
                        p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        assertTrue(exprs.size() >= 10, "panels with queries: " + exprs);
        exprs.add(Files.readString(monitoring.resolve("tsunagu-alerts.yml")).replaceAll("(?m)^\\s*#.*$", ""));

        Set<String> exported = new TreeSet<>();
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-monitored")) {
            node.anonymous.get("/v1/feeds");
            Matcher m = Pattern.compile("(?m)^([a-z_]+)[{ ]")
                    .matcher(node.anonymous.get("/metrics").body());
            while (m.find()) {
                exported.add(m.group(1));
            }
        }
        // Meters created on their first event (failures, per-peer gauges) are found by their name in the code.
        Set<String> declared = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root().resolve("node/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = SOURCE_NAME.matcher(Files.readString(file));
                while (m.find()) {
                    declared.add(m.group(1).replace('.', '_'));
                }
            }
        }
        List<String> unknown = new ArrayList<>();
        for (String expr : exprs) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                String name = m.group(1);
                boolean known = exported.contains(name) || declared.stream().anyMatch(name::startsWith);
                if (!known) {
                    unknown.add(name);
                }
            }
        }
        assertEquals(List.of(), unknown, "exported: " + exported);
    }
}
