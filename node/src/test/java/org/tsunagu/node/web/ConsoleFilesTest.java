package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's files: the list served is the folder (plus the directory page's dom.js), no script
 * uses an HTML sink, and the three string tables have the same keys, each one the page asks for.
 */
class ConsoleFilesTest {
    private static final Path SOURCES = Path.of("src/main/resources/console");
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\bt\\('([a-z][\\w.]*)'");
    private static final Pattern HTML_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");

    @Test
    void files_list_matchesTheConsoleFolderAndSharedDom() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(SOURCES)) {
            onDisk = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        onDisk.addAll(WebAssets.SHARED);
        assertEquals(onDisk, new TreeSet<>(WebAssets.CONSOLE_FILES));
    }

    @Test
    void scripts_neverUseHtmlStringSinks() throws IOException {
        Pattern sinks =
                Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function");
        for (Path script : scripts()) {
            assertFalse(sinks.matcher(Files.readString(script)).find(), script.toString());
        }
    }

    @Test
    void strings_sameKeysInEveryLanguage_andEveryKeyUsedIsThere() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> en = keys(json.readTree(SOURCES.resolve("strings-en.json").toFile()));
        for (String lang : new String[] {"ja", "th"}) {
            JsonNode table =
                    json.readTree(SOURCES.resolve("strings-" + lang + ".json").toFile());
            assertEquals(en, keys(table), lang);
            JsonNode english = json.readTree(SOURCES.resolve("strings-en.json").toFile());
            long same = en.stream()
                    .filter(k -> table.get(k).asText().equals(english.get(k).asText()))
                    .count();
            assertTrue(same < 5, lang + ": " + same + " strings left in English");
        }
        Set<String> used = new TreeSet<>();
        for (Path script : scripts()) {
            collect(SCRIPT_KEY, Files.readString(script), used);
        }
        collect(HTML_KEY, Files.readString(SOURCES.resolve("index.html")), used);
        used.removeIf(k -> k.endsWith("."));
        for (String role : new String[] {"editor", "admin"}) {
            used.add("role." + role);
        }
        used.removeAll(en);
        assertEquals(Set.of(), used, "keys used but missing from strings-en.json");
    }

    /** Every script of the console's own (dom.js is the directory page's, checked there). */
    private static java.util.List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }

    private static void collect(Pattern pattern, String source, Set<String> out) {
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            out.add(m.group(1));
        }
    }

    private static Set<String> keys(JsonNode table) {
        Set<String> out = new TreeSet<>();
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
