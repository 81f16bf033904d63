package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.protocol.body.Examples.JP;
import static org.tsunagu.protocol.body.Examples.japaneseOrg;
import static org.tsunagu.protocol.body.Examples.json;
import static org.tsunagu.protocol.body.Examples.orgError;
import static org.tsunagu.protocol.body.Examples.strings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.UpdateType;

class OrganizationValidationTest {
    private static final UpdateType UPSERT = UpdateType.ORG_UPSERT;

    @ParameterizedTest
    @ValueSource(
            strings = {
                Examples.JAPANESE_ORG,
                Examples.THAI_ORG,
                Examples.ENGLISH_ORG,
                Examples.FILIPINO_ORG,
                Examples.LIMITED_ORG
            })
    void validate_regionalExamples_passes(String body) {
        assertDoesNotThrow(() -> Examples.valid(JP, UPSERT, json(body)));
    }

    @Test
    void validate_minimalRecord_passes() {
        Examples.valid(JP, UPSERT, json("{\"id\": \"a\", \"name\": \"A\", \"country\": \"JP\"}"));
    }

    @Test
    void validate_missingRequiredMembers_namesEach() {
        List<FieldError> errors = Examples.errors(JP, UPSERT, json("{}"));
        assertEquals(
                List.of("$.body.country", "$.body.id", "$.body.name"),
                errors.stream().map(FieldError::path).toList());
        assertEquals("is required", errors.get(0).message());
    }

    @Test
    void validate_unknownMember_rejected() {
        ObjectNode body = japaneseOrg().put("twitter", "@midori");
        assertEquals("unknown member", orgError(body, "$.body.twitter"));
    }

    @Test
    void validate_unknownMemberInsideContact_rejected() {
        ObjectNode body = japaneseOrg();
        ((ObjectNode) body.get("contacts").get(0)).put("home_address", "秘密");
        orgError(body, "$.body.contacts[0].home_address");
    }

    @Test
    void validate_objectWhereArrayExpected_rejected() {
        String message = orgError(japaneseOrg().set("phones", json("{}")), "$.body.phones");
        assertEquals("must be a JSON array", message);
    }

    @Test
    void validate_stringWhereObjectExpected_rejected() {
        orgError(japaneseOrg().put("names", "みどり"), "$.body.names");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "スラッシュ", "a/b"})
    void validate_badId_rejected(String id) {
        orgError(japaneseOrg().put("id", id), "$.body.id");
    }

    @Test
    void validate_idOf129Characters_rejected() {
        orgError(japaneseOrg().put("id", "a".repeat(129)), "$.body.id");
    }

    @Test
    void validate_nameTooLong_rejectedButLimitCountsCodePoints() {
        // 300 kanji of the supplementary plane (2 UTF-16 units each) are still 300 characters.
        Examples.valid(JP, UPSERT, japaneseOrg().put("name", "𠮷".repeat(300)));
        String message = orgError(japaneseOrg().put("name", "名".repeat(301)), "$.body.name");
        assertTrue(message.contains("at most 300"), message);
    }

    @Test
    void validate_nameNotString_rejected() {
        orgError(japaneseOrg().put("name", 42), "$.body.name");
    }

    @Test
    void validate_emptyOptionalText_rejected() {
        orgError(japaneseOrg().put("legal_status", ""), "$.body.legal_status");
    }

    @Test
    void validate_nullMember_rejected() {
        orgError(japaneseOrg().putNull("email"), "$.body.email");
    }

    @Test
    void validate_untrimmedText_rejected() {
        orgError(japaneseOrg().put("name", "みどり\u3000"), "$.body.name");
    }

    @Test
    void validate_controlCharacterInName_rejected() {
        orgError(japaneseOrg().put("name", "みどり\nネット"), "$.body.name");
    }

    @Test
    void validate_lineBreaksInDescription_passes() {
        Examples.valid(JP, UPSERT, japaneseOrg().put("description", "一行目\n二行目\tタブ"));
    }

    @Test
    void validate_descriptionTooLong_rejected() {
        orgError(japaneseOrg().put("description", "あ".repeat(8001)), "$.body.description");
    }

    @Test
    void validate_badLanguageTagKey_rejected() {
        ObjectNode body = japaneseOrg();
        ((ObjectNode) body.get("names")).put("ja_JP", "みどり");
        orgError(body, "$.body.names.ja_JP");
    }

    @Test
    void validate_languageTagInWrongCase_rejectedWithCanonicalForm() {
        ObjectNode body = japaneseOrg();
        ((ObjectNode) body.get("descriptions")).put("zh-hant-tw", "綠色國際合作網絡");
        String message = orgError(body, "$.body.descriptions.zh-hant-tw");
        assertTrue(message.contains("zh-Hant-TW"), message);
    }

    @Test
    void validate_unknownPrimaryLanguage_rejected() {
        orgError(japaneseOrg().set("languages", strings("ja", "qq")), "$.body.languages[1]");
    }

    @Test
    void validate_duplicateInList_rejected() {
        String message =
                orgError(japaneseOrg().set("alternate_names", strings("MICN", "MICN")), "$.body.alternate_names[1]");
        assertTrue(message.contains("$.body.alternate_names[0]"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jp", "JPN", "ZZ", "日本"})
    void validate_badCountry_rejected(String country) {
        orgError(japaneseOrg().put("country", country), "$.body.country");
    }

    @Test
    void validate_badCountryOfOperation_rejectedAtIndex() {
        orgError(japaneseOrg().set("countries_of_operation", strings("JP", "XX")), "$.body.countries_of_operation[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999", "1511", "15", "abc", "999"})
    void validate_unknownSector_rejected(String code) {
        ObjectNode body = japaneseOrg();
        body.withArray("sectors").add(code);
        orgError(body, "$.body.sectors[2]");
    }

    @Test
    void validate_sectorAsNumber_rejected() {
        ObjectNode body = japaneseOrg();
        body.withArray("sectors").add(15160);
        orgError(body, "$.body.sectors[2]");
    }

    @Test
    void validate_withdrawnSector_acceptedWithWarning() {
        ObjectNode body = japaneseOrg();
        body.withArray("sectors").add("23010").add("920");
        List<FieldError> warnings = Bodies.warnings(JP, UPSERT, body);
        assertEquals(
                List.of("$.body.sectors[2]", "$.body.sectors[3]"),
                warnings.stream().map(FieldError::path).toList());
    }

    @Test
    void warnings_unconfirmedOrgIdListAndWithdrawnCountry_flaggedNotRejected() {
        ObjectNode body = japaneseOrg();
        body.withArray("identifiers").add("JP-CR-0100-01-123456");
        body.withArray("countries_of_operation").add("AN");
        List<FieldError> warnings = Bodies.warnings(JP, UPSERT, body);
        assertEquals(
                List.of("$.body.countries_of_operation[3]", "$.body.identifiers[1]"),
                warnings.stream().map(FieldError::path).toList());
        assertTrue(warnings.get(1).message().contains("JP-CR"), warnings.get(1).message());
    }

    @Test
    void warnings_cleanRecord_none() {
        assertEquals(List.of(), Bodies.warnings(JP, UPSERT, japaneseOrg()));
    }

    @Test
    void validate_organizationTypeNotInList_rejected() {
        orgError(japaneseOrg().put("organization_type", "99"), "$.body.organization_type");
        orgError(japaneseOrg().put("organization_type", 22), "$.body.organization_type");
    }

    @Test
    void validate_identifierOfKnownListWithTwoHyphens_passes() {
        ObjectNode body = japaneseOrg();
        body.withArray("identifiers").add("CN-11-CR-110000012345678").add("XI-IATI-JP-JCN-1234");
        Examples.valid(JP, UPSERT, body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"JP-COR-123", "JP-JCN", "JP-JCN-", "3000020278670", "JP-JCN-300 002"})
    void validate_identifierWithoutKnownList_rejected(String identifier) {
        ObjectNode body = japaneseOrg();
        body.withArray("identifiers").add(identifier);
        orgError(body, "$.body.identifiers[1]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "www.example.jp",
                "ftp://example.jp/",
                "https://",
                "https:///path",
                "https://user:pw@example.jp/",
                "javascript:alert(1)",
                "/relative/path",
                "https://exa mple.jp/"
            })
    void validate_badWebsite_rejected(String url) {
        orgError(japaneseOrg().put("website", url), "$.body.website");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://みどり.example.jp/活動/", "http://192.0.2.7:8080/", "HTTPS://EXAMPLE.JP"})
    void validate_unusualButValidWebsite_passes(String url) {
        Examples.valid(JP, UPSERT, japaneseOrg().put("website", url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "info@", "@example.jp", "a@b", "a@@example.jp", "a..b@example.jp", "a b@x.jp"})
    void validate_badEmail_rejected(String email) {
        orgError(japaneseOrg().put("email", email), "$.body.email");
    }

    @Test
    void validate_internationalEmail_passes() {
        Examples.valid(JP, UPSERT, japaneseOrg().put("email", "みどり@例え.jp"));
    }

    @Test
    void validate_badPhone_rejectedAtItsPath() {
        ObjectNode body = japaneseOrg();
        body.withArray("phones").addObject().put("number", "call us").put("type", "voice");
        orgError(body, "$.body.phones[1].number");
    }

    @Test
    void validate_unknownPhoneType_rejected() {
        ObjectNode body = japaneseOrg();
        body.withArray("phones").addObject().put("number", "03-1234-5678").put("type", "mobile");
        orgError(body, "$.body.phones[1].type");
    }

    @Test
    void validate_emptyContact_rejected() {
        ObjectNode body = japaneseOrg();
        body.withArray("contacts").addObject();
        orgError(body, "$.body.contacts[1]");
    }

    @Test
    void validate_latitudeOutOfRange_rejected() {
        ObjectNode body = japaneseOrg();
        ((ObjectNode) body.get("locations").get(0)).put("latitude", 135.7);
        orgError(body, "$.body.locations[0].latitude");
    }

    @Test
    void validate_latitudeWithoutLongitude_rejected() {
        ObjectNode body = japaneseOrg();
        ((ObjectNode) body.get("locations").get(0)).remove("longitude");
        orgError(body, "$.body.locations[0].longitude");
    }

    @ParameterizedTest
    @ValueSource(ints = {1799, 2028})
    void validate_yearIncorporatedOutOfRange_rejected(int year) {
        orgError(japaneseOrg().put("year_incorporated", year), "$.body.year_incorporated");
    }

    /** Thai records often carry the Buddhist-era year: 2545 BE is 2002 CE. */
    @Test
    void validate_yearIncorporatedBuddhistEra_saysSoWithTheCommonEraYear() {
        String message = orgError(japaneseOrg().put("year_incorporated", 2545), "$.body.year_incorporated");
        assertTrue(message.startsWith("looks like a Buddhist-era year; use 2002"), message);
    }

    @Test
    void validate_yearIncorporatedFarFuture_plainRangeMessage() {
        String message = orgError(japaneseOrg().put("year_incorporated", 3000), "$.body.year_incorporated");
        assertEquals("must be a year from 1800 to 2027", message);
    }

    @Test
    void validate_yearIncorporatedNextYear_passes() {
        Examples.valid(JP, UPSERT, japaneseOrg().put("year_incorporated", 2027));
    }

    @Test
    void validate_yearIncorporatedAsTextOrFraction_rejected() {
        orgError(japaneseOrg().put("year_incorporated", "1992"), "$.body.year_incorporated");
        orgError(japaneseOrg().put("year_incorporated", new BigDecimal("1992.0")), "$.body.year_incorporated");
    }

    @Test
    void validate_unknownStatusAndVisibility_rejected() {
        orgError(japaneseOrg().put("status", "closed"), "$.body.status");
        orgError(japaneseOrg().put("visibility", "private"), "$.body.visibility");
    }

    @Test
    void validate_limitedWithContactDetails_rejectsEachAndExplains() {
        ObjectNode body = japaneseOrg().put("visibility", "limited");
        List<FieldError> errors = Examples.errors(JP, UPSERT, body);
        assertEquals(
                List.of("$.body.email", "$.body.phones", "$.body.contacts", "$.body.locations"),
                errors.stream().map(FieldError::path).toList());
        assertTrue(errors.get(0).message().contains("at-risk"), errors.get(0).message());
        assertTrue(errors.get(0).message().contains("federated"), errors.get(0).message());
    }

    @Test
    void validate_severalErrors_reportsAll() {
        ObjectNode body =
                japaneseOrg().put("country", "Japan").put("website", "example").put("unexpected", true);
        body.remove("name");
        body.withArray("sectors").add("00000");
        ((ObjectNode) body.get("names")).put("EN", "Midori");
        List<String> paths =
                Examples.errors(JP, UPSERT, body).stream().map(FieldError::path).toList();
        assertEquals(
                List.of(
                        "$.body.name",
                        "$.body.unexpected",
                        "$.body.names.EN",
                        "$.body.country",
                        "$.body.sectors[2]",
                        "$.body.website"),
                paths);
    }

    @Test
    void validate_tooManySectors_rejectedOnTheArray() {
        ObjectNode body = japaneseOrg();
        body.remove("sectors");
        var sectors = body.putArray("sectors");
        for (int i = 0; i <= Limits.SECTORS; i++) {
            sectors.add("151");
        }
        List<String> paths = Examples.errors(JP, UPSERT, body).stream()
                .map(FieldError::path)
                .distinct()
                .toList();
        assertEquals("$.body.sectors", paths.get(0));
    }
}
