package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The interface's string tables (strings-en/ja/th.json): the same keys and placeholders in every
 * language, every key the page's scripts and HTML ask for present, and the translations really
 * translated.
 */
class WebStringsTest {
    private static final List<String> LANGUAGES = List.of("en", "ja", "th");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");
    /** t('key') and tParts('key') in scripts; data-i18n*="key" in the page. */
    private static final Pattern SCRIPT_KEY = Pattern.compile("\\bt(?:Parts)?\\('([a-z][\\w.]*)'");

    private static final Pattern HTML_KEY = Pattern.compile("data-i18n(?:-[a-z-]+)?=\"([^\"]+)\"");

    /** Keys built at run time from a value: each family with every value the page can meet. */
    private static final Map<String, List<String>> FAMILIES = Map.of(
            "filter.", List.of("country", "sector", "language", "hub", "operates_in"),
            "filter.all.", List.of("country", "sector", "language", "hub"),
            "value.status.", List.of("active", "dissolved", "merged"),
            "value.visibility.", List.of("public", "limited"),
            "partnership.status.", List.of("confirmed", "announced", "retracted"),
            "partnership.pill.", List.of("confirmed", "announced", "retracted"),
            "partnership.kind.",
                    List.of(
                            "consortium",
                            "implementing",
                            "funding",
                            "network_membership",
                            "mou",
                            "joint_response",
                            "other"),
            "follow.",
                    List.of(
                            "self",
                            "following",
                            "active",
                            "pending",
                            "failed",
                            "refused",
                            "not_followed",
                            "relayed",
                            "halted"),
            "alert.",
                    List.of(
                            "equivocation",
                            "key_change",
                            "key_rotation",
                            "erasure_waiting",
                            "equivocation.explained",
                            "erasure_waiting.explained"));

    private static JsonNode table(String language) throws IOException {
        return new ObjectMapper().readTree(resource("strings-" + language + ".json"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WebStringsTest.class.getResourceAsStream("/web/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Key to its placeholders (over every plural form). */
    private static Map<String, Set<String>> placeholders(JsonNode table) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Set<String> names = new TreeSet<>();
            List<JsonNode> forms = new ArrayList<>();
            if (entry.getValue().isObject()) {
                entry.getValue().forEach(forms::add);
            } else {
                forms.add(entry.getValue());
            }
            for (JsonNode form : forms) {
                assertTrue(form.isTextual() && !form.asText().isBlank(), entry.getKey() + " is not a text");
                Matcher m = PLACEHOLDER.matcher(form.asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            out.put(entry.getKey(), names);
        }
        return out;
    }

    @Test
    void tables_everyLanguage_hasTheSameKeysAndPlaceholders() throws IOException {
        Map<String, Set<String>> english = placeholders(table("en"));
        for (String language : LANGUAGES) {
            assertEquals(english, placeholders(table(language)), language + " differs from en");
        }
    }

    @Test
    void tables_japaneseAndThai_areTranslated() throws IOException {
        JsonNode english = table("en");
        for (String language : List.of("ja", "th")) {
            JsonNode translated = table(language);
            List<String> same = new ArrayList<>();
            english.fieldNames().forEachRemaining(key -> {
                if (translated.get(key).equals(english.get(key))) {
                    same.add(key);
                }
            });
            // Only punctuation-only templates may stay as they are.
            same.removeIf(key -> english.get(key)
                    .asText()
                    .replaceAll("\\{\\w+\\}|[\\p{P}\\p{Z}]", "")
                    .isEmpty());
            assertEquals(List.of(), same, language + " keys left in English");
        }
    }

    @Test
    void tables_everyKeyThePageAsksFor_isThere() throws IOException {
        Set<String> keys = new TreeSet<>();
        table("en").fieldNames().forEachRemaining(keys::add);
        Set<String> used = new TreeSet<>();
        for (String file : WebAssets.FILES) {
            if (file.endsWith(".js")) {
                Matcher m = SCRIPT_KEY.matcher(resource(file));
                while (m.find()) {
                    if (!m.group(1).endsWith(".")) { // a family's prefix: see FAMILIES
                        used.add(m.group(1));
                    }
                }
            }
        }
        Matcher html = HTML_KEY.matcher(resource("index.html"));
        while (html.find()) {
            used.add(html.group(1));
        }
        FAMILIES.forEach((prefix, values) -> values.forEach(value -> used.add(prefix + value)));
        assertTrue(used.size() > 100, "the scan found the keys: " + used.size());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(keys);
        assertEquals(Set.of(), missing, "asked for, not in the tables");
        Set<String> unused = new TreeSet<>(keys);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "in the tables, never asked for");
    }
}
