package org.tsunagu.node.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.tsunagu.node.cli.CliContext;
import org.tsunagu.node.cli.TsunaguCommand;

/**
 * docs/deploy/tsunagu.service, checked statically: the usual hardening, write access to the data
 * folder only, a dedicated user, a command line the real CLI parses; and systemd-analyze verify when
 * this machine has it.
 */
class SystemdUnitTest {
    private static Path unit() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("docs/deploy/tsunagu.service"))) {
            dir = dir.getParent();
        }
        return dir.resolve("docs/deploy/tsunagu.service");
    }

    /** key -> values, by section (a key may repeat). */
    private static Map<String, List<String>> section(String name) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String current = null;
        for (String line : Files.readAllLines(unit())) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[")) {
                current = t.substring(1, t.length() - 1);
            } else if (name.equals(current)) {
                int eq = t.indexOf('=');
                out.computeIfAbsent(t.substring(0, eq), k -> new ArrayList<>()).add(t.substring(eq + 1));
            }
        }
        return out;
    }

    @Test
    void unit_hardenedDedicatedUserWritesOnlyItsDataFolder() throws IOException {
        Map<String, List<String>> service = section("Service");
        assertEquals(List.of("yes"), service.get("NoNewPrivileges"));
        assertEquals(List.of("strict"), service.get("ProtectSystem"));
        assertEquals(List.of("yes"), service.get("ProtectHome"));
        assertEquals(List.of("yes"), service.get("PrivateTmp"));
        assertEquals(List.of(""), service.get("CapabilityBoundingSet"), "no capabilities");
        assertEquals(List.of("tsunagu"), service.get("User"));
        assertEquals(List.of("/var/lib/tsunagu"), service.get("ReadWritePaths"));
        assertTrue(service.get("Environment").contains("TSUNAGU_DATA=/var/lib/tsunagu"), "serve's data folder");
        assertEquals(List.of("on-failure"), service.get("Restart"));
        assertEquals(List.of("multi-user.target"), section("Install").get("WantedBy"));
    }

    @Test
    void unit_execStartIsAServeCommandTheCliAccepts() throws IOException {
        String exec = section("Service").get("ExecStart").get(0);
        List<String> words = List.of(exec.split("\\s+"));
        assertEquals(List.of("/usr/bin/java", "-jar", "/opt/tsunagu/tsunagu.jar", "serve"), words);
        TsunaguCommand.commandLine(
                        new CliContext(Map.of(), Clock.systemUTC(), new SecureRandom()),
                        new PrintWriter(new StringWriter()),
                        new PrintWriter(new StringWriter()))
                .parseArgs(words.subList(3, words.size()).toArray(String[]::new));
    }

    @Test
    void unit_systemdAnalyzeVerify_noComplaint() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(analyze), "systemd-analyze is not installed (apt-get install systemd)");
        Process p = new ProcessBuilder(analyze.toString(), "verify", unit().toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // java may be elsewhere on a build machine; every other complaint fails the test.
        String complaints = out.lines()
                .filter(l -> !l.contains("/usr/bin/java") && !l.isBlank())
                .reduce("", (a, b) -> a + b + "\n");
        assertEquals("", complaints, out);
    }
}
