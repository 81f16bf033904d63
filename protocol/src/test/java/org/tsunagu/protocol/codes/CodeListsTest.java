package org.tsunagu.protocol.codes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodeListsTest {
    @Test
    void isSector_activeAndWithdrawnFiveDigitCodes_known() {
        assertTrue(CodeLists.isSector("15160"));
        assertTrue(CodeLists.isSector("23010")); // withdrawn in 2020, still valid in old envelopes
        assertTrue(CodeLists.sector("23010").orElseThrow().withdrawn());
        assertFalse(CodeLists.sector("15160").orElseThrow().withdrawn());
        assertFalse(CodeLists.isSector("151"));
        assertFalse(CodeLists.isSector("99999"));
        assertFalse(CodeLists.isSector(null));
    }

    @Test
    void isSectorCategory_threeDigitCodes() {
        assertTrue(CodeLists.isSectorCategory("151"));
        assertTrue(CodeLists.isSectorCategory("920"));
        assertFalse(CodeLists.isSectorCategory("15160"));
    }

    @Test
    void sectorName_bothKinds() {
        assertEquals(Optional.of("Human rights"), CodeLists.sectorName("15160"));
        assertEquals(Optional.of("Government & Civil Society-general"), CodeLists.sectorName("151"));
        assertEquals(Optional.of("151"), CodeLists.sectorCategoryOf("15160"));
        assertEquals(Optional.empty(), CodeLists.sectorName("1"));
    }

    @Test
    void countries_upperCaseAlpha2() {
        assertTrue(CodeLists.isCountry("JP"));
        assertTrue(CodeLists.isCountry("XK"));
        assertFalse(CodeLists.isCountry("jp"));
        assertFalse(CodeLists.isCountry("JPN"));
        assertEquals(Optional.of("Thailand"), CodeLists.countryName("TH"));
        assertTrue(CodeLists.country("AN").orElseThrow().withdrawn());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en", "th", "fil", "ja-Latn", "zh-Hant-TW", "ne", "ceb", "ia", "en-GB-oxendict"})
    void isLanguage_registeredOrThreeLetterPrimary_true(String tag) {
        assertTrue(CodeLists.isLanguage(tag), tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qq", "jp", "abcd", "abcdefgh", "x-klingon", "i-klingon", "ja_JP", ""})
    void isLanguage_unknownOrMalformed_false(String tag) {
        assertFalse(CodeLists.isLanguage(tag), tag);
    }

    @Test
    void organisationTypesAndRoles() {
        assertTrue(CodeLists.isOrganisationType("22"));
        assertEquals(Optional.of("National NGO"), CodeLists.organisationTypeName("22"));
        assertFalse(CodeLists.isOrganisationType("99"));
        assertTrue(CodeLists.isOrganisationRole("4"));
        assertEquals(Optional.of("Implementing"), CodeLists.organisationRoleName("4"));
        assertFalse(CodeLists.isOrganisationRole("5"));
    }

    @ParameterizedTest
    @CsvSource({
        "JP-JCN-3000020278670, JP-JCN",
        "CN-11-CR-110000012345678, CN-11-CR",
        "GB-CHC-123, GB-CHC",
        "GB-COH-01234567, GB-COH",
        "XI-IATI-JP-JCN-1234, XI-IATI",
        "TH-MOI-0993000123456, TH-MOI",
        "CA_BC-BRC_CBR-S0012345, CA_BC-BRC_CBR",
        "XM-DAC-41114, XM-DAC",
        "GB-CHC-a-b-c, GB-CHC"
    })
    void orgIdListFor_longestKnownPrefix(String identifier, String list) {
        assertEquals(Optional.of(list), CodeLists.orgIdListFor(identifier));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JP-COR-123", "JP-JCN", "JP-JCN-", "JP", "-", "", "3000020278670", "jp-jcn-1"})
    void orgIdListFor_noKnownList_empty(String identifier) {
        assertEquals(Optional.empty(), CodeLists.orgIdListFor(identifier));
    }

    @Test
    void orgIdList_flags() {
        OrgIdList jcn = CodeLists.orgIdList("JP-JCN").orElseThrow();
        assertTrue(jcn.confirmed());
        assertFalse(jcn.deprecated());
        assertEquals("National Tax Agency Corporate Number Publication Site", jcn.name());
        assertFalse(CodeLists.orgIdList("JP-CR").orElseThrow().confirmed()); // null in the register
    }
}
