package org.tsunagu.protocol.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated files hold what SOURCES.md says they hold, so a truncated regeneration fails here. */
class CodeListResourcesTest {
    @ParameterizedTest
    @CsvSource({
        "sectors.tsv, 325",
        "sector-categories.tsv, 44",
        "countries.tsv, 251",
        "languages.tsv, 184",
        "organisation-types.tsv, 16",
        "organisation-roles.tsv, 4",
        "org-id-lists.tsv, 823"
    })
    void resource_hasDocumentedNumberOfCodes(String name, int codes) throws IOException {
        try (InputStream in = CodeLists.class.getResourceAsStream(name)) {
            assertNotNull(in, name);
            long rows = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .count();
            assertEquals(codes, rows, name);
        }
    }

    @ParameterizedTest
    @CsvSource({"15160, false", "23010, true", "41050, true", "11110, false"})
    void sector_withdrawnFlagAsInIati(String code, boolean withdrawn) {
        assertEquals(withdrawn, CodeLists.sector(code).orElseThrow().withdrawn());
    }
}
