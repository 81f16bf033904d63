package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.body.Organization;

/**
 * The search words and filter tags the store step writes for each organisation, made without regular
 * expressions, splitting or streams since issue 14, against the way they were made before.
 */
class IndexedValuesTest {
    @Test
    void words_sameAsSplittingOnSpaces() {
        Random random = new Random(14);
        String[] pieces = {"education", "abc", "abcd", "東京", "ไทย", "123456", "c4a50", "ña", "naïve", "x", "", "ـــ"};
        int kept = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            int n = random.nextInt(8);
            for (int k = 0; k < n; k++) {
                text.append(pieces[random.nextInt(pieces.length)]);
                text.append(random.nextInt(5) == 0 ? "  " : " ");
            }
            String tokens = random.nextBoolean() ? text.toString().trim() : text.toString();
            List<String> expected = new ArrayList<>();
            for (String t : tokens.split(" ")) {
                if (t.length() >= SearchIndex.WORD_MIN && SearchText.isWordToken(t)) {
                    expected.add(t);
                }
            }
            List<String> got = SearchIndex.words(tokens);
            assertEquals(expected, got, tokens);
            kept += got.size();
        }
        assertTrue(kept > 1000, "kept " + kept);
    }

    @Test
    void tags_sortedByKindThenValue_sectorCodesAsThePatternSaid() {
        Pattern sectorCode = Pattern.compile("\\d{3}|\\d{5}");
        Random random = new Random(7);
        String[] sectors = {"15150", "151", "1515", "15a50", "１５１５０", "", "151500", "11220"};
        for (int i = 0; i < 2_000; i++) {
            Organization org = Organization.fromBody(RandomOrgs.org(random, "o" + i));
            FilterValues values = FilterValues.of("jp-hub", org);
            List<String> expected = new ArrayList<>();
            if (values.country() != null) {
                expected.add(SearchIndex.countryTag(values.country()));
            }
            values.operations().stream().sorted().forEach(o -> expected.add(SearchIndex.operationTag(o)));
            values.sectors().stream().sorted().forEach(s -> expected.add(SearchIndex.sectorTag(s)));
            values.languages().stream().sorted().forEach(l -> expected.add(SearchIndex.languageTag(l)));
            expected.add(SearchIndex.hubTag("jp-hub"));
            assertEquals(String.join(" ", expected), values.tags());
            String code = sectors[random.nextInt(sectors.length)];
            boolean kept =
                    FilterValues.of("jp-hub", withSector(org, code)).sectors().contains(code);
            assertEquals(sectorCode.matcher(code).matches(), kept, code);
        }
    }

    private static Organization withSector(Organization org, String code) {
        var body = RandomOrgs.org(new Random(1), org.id());
        body.putArray("sectors").add(code);
        return Organization.fromBody(body);
    }
}
