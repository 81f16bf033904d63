package org.tsunagu.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.settings.Setting;
import org.tsunagu.node.settings.Settings;

/** {@code serve} refuses bad settings at start-up with one line naming the setting, and lists them in help. */
class ServeSettingsTest {
    @TempDir
    Path tmp;

    private static void assertOneClearLine(CliTest.Run run, String expected) {
        assertEquals(1, run.status(), run.toString());
        assertEquals("tsunagu serve: " + expected, run.err().strip());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace: " + run.err());
    }

    @Test
    void serve_badEnvironmentValue_failsBeforeCreatingTheFolder() {
        Path data = tmp.resolve("data");

        CliTest.Run run = CliTest.run(
                Map.of("TSUNAGU_RATE_PUBLIC_PER_MINUTE", "lots"), "serve", "--data", data.toString(), "--port", "0");

        assertOneClearLine(
                run,
                "setting rate_public_per_minute (from TSUNAGU_RATE_PUBLIC_PER_MINUTE): \"lots\" is not a whole number");
        assertFalse(Files.exists(data), "nothing initialised");
    }

    @Test
    void serve_badFlag_namesIt() {
        CliTest.Run run = CliTest.run(
                Map.of(), "serve", "--data", tmp.resolve("d").toString(), "--header-deadline", "0s", "--port", "0");

        assertOneClearLine(
                run, "setting header_deadline (from --header-deadline): must be between 100ms and 10m, not 0s");
    }

    @Test
    void serve_badValueInNodeJson_namesSettingAndFile() throws IOException {
        Path data = tmp.resolve("data");
        CliTest.Run init =
                CliTest.run(Map.of(), "init", "--data", data.toString(), "--hub", "jp-settings", "--country", "JP");
        assertEquals(0, init.status(), init.err());
        Path nodeJson = data.resolve("node.json");
        String json = Files.readString(nodeJson);
        Files.writeString(
                nodeJson, json.substring(0, json.lastIndexOf('}')) + ", \"settings\": {\"learn_origins\": 0}}");

        CliTest.Run run = CliTest.run(Map.of(), "serve", "--data", data.toString(), "--port", "0");

        assertOneClearLine(run, "setting learn_origins (from " + nodeJson + "): \"0\" is neither true nor false");
    }

    @Test
    void serveHelp_listsEverySettingWithItsVariableAndDefault() {
        CliTest.Run help = CliTest.run(Map.of(), "serve", "--help");

        String text = help.out().replaceAll("\\s+", " ");
        for (Setting<?> s : Settings.ALL) {
            assertTrue(text.contains(s.flag() + "=" + s.label()), s.flag() + " in " + help.out());
            assertTrue(
                    text.contains("Env: " + s.env() + ". Default: " + s.defaultText()), s.env() + " in " + help.out());
        }
    }
}
