package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.protocol.body.Examples.JP;
import static org.tsunagu.protocol.body.Examples.PH;
import static org.tsunagu.protocol.body.Examples.TH;
import static org.tsunagu.protocol.body.Examples.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

class PartnershipValidationTest {
    private static final UpdateType ANNOUNCE = UpdateType.PARTNERSHIP_ANNOUNCE;

    private static ObjectNode partnership() {
        return json(Examples.PARTNERSHIP);
    }

    private static ObjectNode party(ObjectNode body, int i) {
        return (ObjectNode) body.get("parties").get(i);
    }

    private static String error(ObjectNode body, String path) {
        return Examples.onlyError(JP, ANNOUNCE, body, path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jp-janic", "th-ngo-net", "ph-caucus"})
    void validate_announcedByAnyPartysHub_passes(String origin) {
        Examples.valid(HubId.of(origin), ANNOUNCE, partnership());
    }

    @Test
    void validate_minimalTwoParties_passes() {
        Examples.valid(TH, ANNOUNCE, json("""
                        {"id": "x", "kind": "mou", "title": "บันทึกความเข้าใจ",
                         "parties": [{"organization": "th-ngo-net/a", "hub": "th-ngo-net"},
                                     {"organization": "th-ngo-net/b", "hub": "th-ngo-net"}]}
                        """));
    }

    @Test
    void validate_announcedByHubWithoutParty_rejected() {
        String message = Examples.onlyError(HubId.of("np-swc"), ANNOUNCE, partnership(), "$.body.parties");
        assertTrue(message.contains("np-swc"), message);
    }

    @Test
    void validate_onePartyOnly_rejected() {
        ObjectNode body = partnership();
        ArrayNode parties = (ArrayNode) body.get("parties");
        parties.remove(2);
        parties.remove(1);
        error(body, "$.body.parties");
    }

    @Test
    void validate_sameOrganizationTwice_rejected() {
        ObjectNode body = partnership();
        party(body, 2).put("organization", "jp-janic/org-0001").put("hub", "jp-janic");
        String message = error(body, "$.body.parties[2].organization");
        assertTrue(message.contains("$.body.parties[0]"), message);
    }

    @Test
    void validate_twoDistinctOrganizationsOfOneHubDuplicated_rejectedAsTooFew() {
        ObjectNode body = partnership();
        ArrayNode parties = (ArrayNode) body.get("parties");
        parties.remove(2);
        party(body, 1).put("organization", "jp-janic/org-0001").put("hub", "jp-janic");
        List<String> paths = Examples.errors(JP, ANNOUNCE, body).stream()
                .map(FieldError::path)
                .toList();
        assertEquals(List.of("$.body.parties[1].organization", "$.body.parties"), paths);
    }

    @Test
    void validate_hubNotOrganizationsOrigin_rejected() {
        ObjectNode body = partnership();
        party(body, 1).put("hub", "ph-caucus");
        String message = error(body, "$.body.parties[1].hub");
        assertTrue(message.contains("th-ngo-net"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"org-0001", "jp-janic/", "/org-0001", "JP-JANIC/org-0001", "jp-janic/org 1", "a/b/c"})
    void validate_badGlobalId_rejected(String organization) {
        ObjectNode body = partnership();
        party(body, 0).put("organization", organization);
        error(body, "$.body.parties[0].organization");
    }

    @Test
    void validate_badHubId_rejected() {
        ObjectNode body = partnership();
        party(body, 1).put("hub", "TH_NGO");
        error(body, "$.body.parties[1].hub");
    }

    @Test
    void validate_missingHub_rejected() {
        ObjectNode body = partnership();
        party(body, 1).remove("hub");
        assertEquals("is required", error(body, "$.body.parties[1].hub"));
    }

    @Test
    void validate_unknownRole_rejected() {
        ObjectNode body = partnership();
        party(body, 1).put("role", "lead");
        error(body, "$.body.parties[1].role");
    }

    @Test
    void validate_unknownPartyMember_rejected() {
        ObjectNode body = partnership();
        party(body, 0).put("since", "2020");
        error(body, "$.body.parties[0].since");
    }

    @Test
    void validate_unknownKind_rejected() {
        String message = error(partnership().put("kind", "alliance"), "$.body.kind");
        assertTrue(message.contains("joint_response"), message);
    }

    @Test
    void validate_endBeforeStart_rejected() {
        String message = error(partnership().put("end_date", "2026-03-31"), "$.body.end_date");
        assertTrue(message.contains("2026-04-01"), message);
    }

    @Test
    void validate_endOnStartDay_passes() {
        Examples.valid(JP, ANNOUNCE, partnership().put("end_date", "2026-04-01"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30", "2026-4-1", "2026/04/01", "20260401", "2026-04-01T00:00:00Z"})
    void validate_badDate_rejected(String date) {
        error(partnership().put("start_date", date), "$.body.start_date");
    }

    @Test
    void validate_missingTitle_rejected() {
        ObjectNode body = partnership();
        body.remove("title");
        error(body, "$.body.title");
    }

    @Test
    void validate_badTitleLanguage_rejected() {
        ObjectNode body = partnership();
        ((ObjectNode) body.get("titles")).put("thai", "ภาคี");
        error(body, "$.body.titles.thai");
    }

    @Test
    void validate_badSectorAndCountry_bothReported() {
        ObjectNode body = partnership();
        body.withArray("sectors").add("1403");
        body.withArray("countries").add("la");
        List<String> paths = Examples.errors(PH, ANNOUNCE, body).stream()
                .map(FieldError::path)
                .toList();
        assertEquals(List.of("$.body.sectors[1]", "$.body.countries[3]"), paths);
    }

    @Test
    void validate_unknownTopLevelMember_rejected() {
        error(partnership().put("status", "confirmed"), "$.body.status");
    }
}
