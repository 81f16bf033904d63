package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.body.Organization;

class FilterValuesTest {
    private static Organization record(List<String> operations, List<String> sectors, List<String> languages) {
        return new Organization(
                "org-1",
                "Name",
                Map.of(),
                List.of(),
                null,
                Map.of(),
                "th",
                operations,
                null,
                sectors,
                languages,
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null);
    }

    @Test
    void keys_inTheOrderOfTheKeysThemselves_withoutRepeats() {
        FilterValues values = FilterValues.of(
                "th-hub",
                record(
                        List.of("mm", "TH", "la", "th"),
                        List.of("15150", "151", "12220", "15160", "x1"),
                        List.of("th", "my-MM", "en-US", "en", "my")));
        List<String> keys = new ArrayList<>(values.keys());
        assertEquals(new ArrayList<>(new TreeSet<>(keys)), keys);
        assertEquals(
                List.of(
                        "c:TH",
                        "h:th-hub",
                        "l:en",
                        "l:en-us",
                        "l:my",
                        "l:my-mm",
                        "l:th",
                        "o:LA",
                        "o:MM",
                        "o:TH",
                        "s:122",
                        "s:12220",
                        "s:151",
                        "s:15150",
                        "s:15160"),
                keys);
        // The stored form is what the migration's backfill wrote: keys sorted (V004).
        assertEquals(FilterValues.json(new TreeSet<>(keys)), FilterValues.json(values.keys()));
        assertEquals(List.of("LA", "MM", "TH"), values.operations());
    }

    @Test
    void tags_eachKindSortedOnce() {
        FilterValues values =
                FilterValues.of("th-hub", record(List.of("MM", "LA"), List.of("15160", "12220"), List.of("th")));
        assertEquals(
                SearchIndex.countryTag("TH") + " " + SearchIndex.operationTag("LA") + " "
                        + SearchIndex.operationTag("MM") + " s122 s12220 s151 s15160 " + SearchIndex.languageTag("th")
                        + " " + SearchIndex.hubTag("th-hub"),
                values.tags());
    }
}
