package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SearchTextTest {
    @Test
    void tokens_latinWords_lowerCasedWithoutDiacritics() {
        assertEquals("ngo support center", SearchText.tokens("NGO Support-Center!"));
        assertEquals("ha noi cafe", SearchText.tokens("Hà Nội café"));
        assertEquals("ngo", SearchText.tokens("ＮＧＯ"));
    }

    @Test
    void kindOf_everyAsciiCharacter_asTheUnicodeCharacterDataSays() {
        for (int cp = 0; cp < 0x80; cp++) {
            assertEquals(SearchText.kindOfAny(cp), SearchText.kindOf(cp), "U+" + Integer.toHexString(cp));
        }
    }

    @Test
    void normalize_asciiText_sameAsThroughNfkcAndKanaFolding() {
        StringBuilder ascii = new StringBuilder();
        for (char ch = 0; ch < 0x80; ch++) {
            ascii.append(ch);
        }
        String text = ascii.toString();
        assertEquals(
                SearchText.foldKana(
                        Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)),
                SearchText.normalize(text));
    }

    @Test
    void appendTokens_asciiText_sameTokensAsTheGeneralWay() {
        java.util.Random random = new java.util.Random(14);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(0x80));
            }
            String prefix = round % 2 == 0 ? "" : "held";
            StringBuilder fast = new StringBuilder(prefix);
            SearchText.appendTokens(text.toString(), fast);
            StringBuilder general = new StringBuilder(prefix);
            SearchText.appendAnyTokens(text.toString(), general);
            assertEquals(general.toString(), fast.toString(), text.toString());
        }
    }

    @Test
    void tokens_cjkRun_overlappingPairsPlusLastCharacter() {
        assertEquals("日本 本国 国際 際協 協会 会", SearchText.tokens("日本国際協会"));
        assertEquals("支", SearchText.tokens("支"));
        assertEquals("カタ タカ カナ ナ", SearchText.tokens("ｶﾀｶﾅ"));
        assertEquals("ngo 支援 援 center", SearchText.tokens("NGO支援center"));
    }

    @Test
    void tokens_thaiMarksStayInsideTheRun() {
        assertEquals("สุ ุข ขภ ภา าพ พ", SearchText.tokens("สุขภาพ"));
    }

    @Test
    void parseQuery_twoCharacterWord_isOnePairWithoutTail() {
        List<SearchText.Group> groups = SearchText.parseQuery("支援");
        assertEquals(1, groups.size());
        assertEquals("\"支援\"", groups.get(0).phrase());
    }

    @Test
    void parseQuery_singleCjkCharacter_isPrefix() {
        assertEquals("\"支\" *", SearchText.parseQuery("支").get(0).phrase());
    }

    @Test
    void parseQuery_lastLatinWord_isPrefixWhenLongEnough() {
        List<SearchText.Group> groups = SearchText.parseQuery("peace educ");
        assertFalse(groups.get(0).prefix());
        assertTrue(groups.get(1).prefix());
        assertFalse(SearchText.parseQuery("of").get(0).prefix());
    }

    @Test
    void parseQuery_cjkFollowedByLatinInOneWord_keepsTailSoPositionsLineUp() {
        assertEquals(
                "\"支援 援 ngo\"", SearchText.parseQuery("支援NGO").get(0).phrase().replace(" *", ""));
    }

    @Test
    void parseQuery_syntaxOnly_givesNoGroups() {
        assertTrue(SearchText.parseQuery("\"*()-'^:").isEmpty());
        assertTrue(SearchText.parseQuery(null).isEmpty());
    }

    @Test
    void parseQuery_manyWords_keepsABoundedNumber() {
        assertEquals(
                SearchText.MAX_GROUPS, SearchText.parseQuery("a ".repeat(50)).size());
    }
}
