package org.tsunagu.node.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/OPERATIONS.md's settings table says what the catalog says: names, variables, flags, defaults. */
class SettingsDocTest {
    private static Path operations() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("docs/OPERATIONS.md"))) {
            dir = dir.getParent();
        }
        return dir.resolve("docs/OPERATIONS.md");
    }

    @Test
    void operationsTable_listsEverySettingAsTheCatalogDoes() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(operations())) {
            if (line.startsWith("| `") && line.contains("| `TSUNAGU_")) {
                String[] cells = line.split("\\|");
                documented.add(
                        String.join(" ", cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip()));
            }
        }

        List<String> catalog = Settings.ALL.stream()
                .map(s -> String.join(
                        " ",
                        "`" + s.name() + "`",
                        "`" + s.env() + "`",
                        "`" + s.flag() + "`",
                        "`" + s.defaultText() + "`"))
                .toList();
        assertEquals(catalog, documented);
    }
}
