package org.tsunagu.node.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.ops.limits.RateLimit;
import org.tsunagu.node.ops.limits.RateLimits;
import org.tsunagu.node.ops.limits.ServerLimits;

class SettingsTest {
    @TempDir
    Path tmp;

    private Path nodeJson(String settings) throws IOException {
        Path file = tmp.resolve("node.json");
        Files.writeString(
                file,
                "{\"hub\":\"jp-test\",\"name\":\"Test\",\"country\":\"JP\",\"url\":\"http://127.0.0.1/\""
                        + (settings == null ? "" : ",\"settings\":" + settings) + "}");
        return file;
    }

    private static SettingException refused(Map<String, String> flags, Map<String, String> env, Path file) {
        return assertThrows(SettingException.class, () -> SettingSources.resolve(flags, env, file));
    }

    @Test
    void resolve_nothingSet_builtInDefaults() throws IOException {
        Settings s = SettingSources.resolve(Map.of(), Map.of(), nodeJson(null));

        assertEquals(
                new RateLimits(new RateLimit(50, 200), new RateLimit(20, 100), new RateLimit(10, 50), 10_000, false),
                s.rateLimits());
        assertEquals(
                new ServerLimits(
                        4_096,
                        256,
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(120),
                        32,
                        1_024),
                s.serverLimits());
        assertEquals(ApiServer.DEFAULT_BODY_LIMIT, s.maxBodyBytes());
        assertEquals(64L << 20, s.maxImportBytes());
        assertEquals(Duration.ofSeconds(1), s.shutdownGrace());
        assertTrue(s.learnOrigins());
        assertEquals(List.of(), s.overrides());
    }

    @Test
    void resolve_folderNotInitialised_flagsAndEnvironmentOnly() {
        Settings s = SettingSources.resolve(
                Map.of(), Map.of("TSUNAGU_WORKER_THREADS", "4"), tmp.resolve("missing/node.json"));

        assertEquals(4, s.serverLimits().workerThreads());
    }

    @Test
    void resolve_everySource_flagOverEnvironmentOverNodeJsonOverDefault() throws IOException {
        Path file = nodeJson("{\"rate_public_per_minute\": 100, \"header_deadline\": \"5s\", \"learn_origins\": false,"
                + " \"max_import_bytes\": \"8MiB\"}");
        Map<String, String> env = Map.of(
                "TSUNAGU_RATE_PUBLIC_PER_MINUTE", "200",
                "TSUNAGU_HEADER_DEADLINE", "3s",
                "TSUNAGU_WORKER_QUEUE", " ");
        Map<String, String> flags = Map.of("rate_public_per_minute", "300");

        Settings s = SettingSources.resolve(flags, env, file);

        assertEquals(300, s.get(Settings.RATE_PUBLIC_PER_MINUTE), "flag over environment and file");
        assertEquals(5.0, s.rateLimits().publicPerAddress().perSecond());
        assertEquals(Duration.ofSeconds(3), s.get(Settings.HEADER_DEADLINE), "environment over file");
        assertFalse(s.learnOrigins(), "file over default");
        assertEquals(8L << 20, s.maxImportBytes());
        assertEquals(1_024, s.get(Settings.WORKER_QUEUE), "a blank variable counts as not set");
        assertEquals(
                List.of(
                        "rate_public_per_minute=300 (--rate-public-per-minute)",
                        "header_deadline=3s (TSUNAGU_HEADER_DEADLINE)",
                        "max_import_bytes=8MiB (" + file + ")",
                        "learn_origins=false (" + file + ")"),
                s.overrides());
    }

    @Test
    void resolve_badEnvironmentValue_namesSettingAndVariable() {
        SettingException e = refused(Map.of(), Map.of("TSUNAGU_HEADER_DEADLINE", "ten seconds"), tmp.resolve("x"));

        assertEquals("header_deadline", e.setting());
        assertEquals(
                "setting header_deadline (from TSUNAGU_HEADER_DEADLINE): \"ten seconds\" is not a duration;"
                        + " write e.g. 500ms, 10s, 2m or 1h",
                e.getMessage());
    }

    @Test
    void resolve_badFlag_namesTheFlag() {
        SettingException e = refused(Map.of("learn_origins", "yes"), Map.of(), tmp.resolve("x"));

        assertEquals("setting learn_origins (from --learn-origins): \"yes\" is neither true nor false", e.getMessage());
    }

    @Test
    void resolve_outOfRange_saysTheRange() {
        assertEquals(
                "setting max_body_bytes (from TSUNAGU_MAX_BODY_BYTES): must be between 16KiB and 256KiB, not 1MiB",
                refused(Map.of(), Map.of("TSUNAGU_MAX_BODY_BYTES", "1MiB"), tmp.resolve("x"))
                        .getMessage());
        assertTrue(refused(Map.of(), Map.of("TSUNAGU_WORKER_THREADS", "0"), tmp.resolve("x"))
                .getMessage()
                .contains("must be between 1 and 1024, not 0"));
        assertTrue(refused(Map.of(), Map.of("TSUNAGU_IDLE_TIMEOUT", "1500ms"), tmp.resolve("x"))
                .getMessage()
                .contains("must be whole seconds"));
        assertTrue(refused(Map.of(), Map.of("TSUNAGU_RATE_PUBLIC_BURST", "-3"), tmp.resolve("x"))
                .getMessage()
                .contains("is not a whole number"));
    }

    @Test
    void resolve_badValueInNodeJson_namesSettingAndFile() throws IOException {
        Path file = nodeJson("{\"learn_origins\": \"maybe\"}");

        SettingException e = refused(Map.of(), Map.of(), file);

        assertEquals("setting learn_origins (from " + file + "): \"maybe\" is neither true nor false", e.getMessage());
    }

    @Test
    void resolve_unknownOrMistypedSettingInNodeJson_refused() throws IOException {
        assertEquals(
                "rate_public_per_minit",
                refused(Map.of(), Map.of(), nodeJson("{\"rate_public_per_minit\": 10}"))
                        .setting());
        assertTrue(refused(Map.of(), Map.of(), nodeJson("{\"worker_threads\": [4]}"))
                .getMessage()
                .contains("must be a string, a number or true/false"));
        assertTrue(refused(Map.of(), Map.of(), nodeJson("{\"worker_threads\": 4.5}"))
                .getMessage()
                .contains("not a whole number"));
        NodeFileException notAnObject =
                assertThrows(NodeFileException.class, () -> SettingSources.resolve(Map.of(), Map.of(), nodeJson("[]")));
        assertTrue(notAnObject.getMessage().contains("must be an object"), notAnObject.getMessage());
    }

    @Test
    void resolve_valuesOverridingTheEnvironmentAreStillChecked() {
        // A bad environment value is refused even when a flag would win: the admin should fix it.
        SettingException e =
                refused(Map.of("worker_threads", "8"), Map.of("TSUNAGU_WORKER_THREADS", "many"), tmp.resolve("x"));
        assertEquals("worker_threads", e.setting());
    }

    @Test
    void catalog_namesFlagsAndVariablesDerivedOnceAndUnique() {
        Set<String> names = new HashSet<>();
        for (Setting<?> s : Settings.ALL) {
            assertTrue(names.add(s.name()), "unique: " + s);
            assertEquals("TSUNAGU_" + s.name().toUpperCase(java.util.Locale.ROOT), s.env());
            assertEquals("--" + s.name().replace('_', '-'), s.flag());
            assertEquals(s.defaultValue(), s.parse(s.defaultText()), "the default reads back: " + s);
            assertEquals(s, Settings.named(s.name()));
        }
        assertEquals("64MiB", Settings.MAX_IMPORT_BYTES.defaultText());
        assertEquals("2m", Settings.BODY_DEADLINE.defaultText());
        assertEquals(20_000L, Settings.MAX_BODY_BYTES.parse("20000"));
        assertEquals(Duration.ofMillis(250), Settings.HEADER_DEADLINE.parse("250ms"));
    }

    @Test
    void with_valueOutOfRange_refused() {
        Settings s = Settings.defaults().with(Settings.WORKER_THREADS, 4);
        assertEquals(4, s.serverLimits().workerThreads());
        assertThrows(IllegalArgumentException.class, () -> s.with(Settings.WORKER_THREADS, 0));
    }
}
