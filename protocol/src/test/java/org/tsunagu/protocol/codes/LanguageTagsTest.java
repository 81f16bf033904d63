package org.tsunagu.protocol.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTagsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "ja",
                "en",
                "th",
                "fil",
                "ja-Latn",
                "zh-Hant-TW",
                "es-419",
                "de-CH-1901",
                "sl-rozaj-biske",
                "en-US-x-twain",
                "zh-yue-HK",
                "zh-min-nan",
                "en-a-bbb-b-ccc",
                "hy-Latn-IT-arevela",
                "EN-us",
                "qaa",
                "abcde"
            })
    void isWellFormed_rfc5646Examples_true(String tag) {
        assertTrue(LanguageTags.isWellFormed(tag), tag);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "j", "ja_JP", "ja-", "-ja", "ja--JP", "en-US-US", "de-1901-1901", "en-a-bbb-a-ccc",
                "x-private", "i-klingon", "abcdefghi", "ja-Latn-Latn", "en-a", "en-x", "日本語", "ja-JP ", "ａｂ"
            })
    void isWellFormed_malformed_false(String tag) {
        assertFalse(LanguageTags.isWellFormed(tag), tag);
    }

    @Test
    void isWellFormed_overlongOrNull_false() {
        assertFalse(LanguageTags.isWellFormed(null));
        assertFalse(LanguageTags.isWellFormed("en" + "-abcdefgh".repeat(8)));
    }

    @ParameterizedTest
    @CsvSource({
        "ja, ja",
        "JA, ja",
        "zh-hant-tw, zh-Hant-TW",
        "ZH-HANT-TW, zh-Hant-TW",
        "sr-latn-rs, sr-Latn-RS",
        "es-419, es-419",
        "de-ch-1901, de-CH-1901",
        "en-a-BB-x-US, en-a-bb-x-us",
        "FIL, fil"
    })
    void canonicalCase_rfc5646Rules(String tag, String canonical) {
        assertEquals(canonical, LanguageTags.canonicalCase(tag));
    }

    @Test
    void primaryLanguage_lowerCaseFirstSubtag() {
        assertEquals("zh", LanguageTags.primaryLanguage("ZH-Hant-TW"));
        assertEquals("fil", LanguageTags.primaryLanguage("fil"));
    }
}
