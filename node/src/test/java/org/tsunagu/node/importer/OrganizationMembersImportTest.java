package org.tsunagu.node.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.body.OrganizationMember;

/** Both importers take every member of the body, so nothing a hub publishes is lost on the way in. */
class OrganizationMembersImportTest {
    private static final String FULL_BODY = """
            {"id": "jvc", "name": "日本国際ボランティアセンター",
             "names": {"ja": "日本国際ボランティアセンター", "en": "Japan International Volunteer Center"},
             "alternate_names": ["JVC"],
             "description": "Relief and development, since 1980.",
             "descriptions": {"en": "Relief and development, since 1980."},
             "country": "JP", "countries_of_operation": ["KH", "LA"],
             "organization_type": "22", "sectors": ["15160"], "languages": ["ja", "en"],
             "identifiers": ["JP-JCN-3000020278670"],
             "website": "https://www.ngo-jvc.net/", "email": "info@example.org",
             "phones": [{"number": "+81 3 1234 5678", "type": "voice"}],
             "contacts": [{"name": "山田 花子", "title": "事務局長", "email": "y@example.org", "phone": "+81 3 1234 5679"}],
             "locations": [{"name": "東京事務所", "address": "上野 1-2-3", "city": "台東区", "region": "東京都",
               "postal_code": "110-0005", "country": "JP", "latitude": 35.71, "longitude": 139.77}],
             "year_incorporated": 1980, "legal_status": "認定NPO法人", "status": "active", "visibility": "public"}
            """;

    private static Set<String> allMembers() {
        return Arrays.stream(OrganizationMember.values())
                .map(OrganizationMember::wire)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> membersOf(JsonNode body) {
        Set<String> names = new TreeSet<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonRead_bodyWithEveryMember_keptAsItIs() throws Exception {
        JsonNode body = new ObjectMapper().readTree(FULL_BODY);
        assertEquals(allMembers(), membersOf(body), "the fixture has every member");
        ImportRecord record = JsonOrganizations.read(("[" + FULL_BODY + "]").getBytes(StandardCharsets.UTF_8), "TH")
                .get(0);
        assertTrue(record.errors().isEmpty(), record.errors().toString());
        // As text: the importer reads decimals as BigDecimal, this parser as double.
        assertEquals(body.toString(), record.body().toString());
    }

    @Test
    void csvRead_everyMember_hasAColumn() {
        String csv = "id,name,names.en,alternate_names,description,descriptions.en,country,countries_of_operation,"
                + "organization_type,sectors,languages,identifiers,website,email,phones,contact_name,location_name,"
                + "year_incorporated,legal_status,status,visibility\n"
                + "jvc,JVC,Japan International Volunteer Center,JVC,Relief,Relief,JP,KH|LA,22,15160,ja,"
                + "JP-JCN-3000020278670,https://www.ngo-jvc.net/,info@example.org,+81 3 1234 5678,山田 花子,東京事務所,"
                + "1980,認定NPO法人,active,public\n";
        ImportRecord record = CsvOrganizations.read(csv.getBytes(StandardCharsets.UTF_8), "TH")
                .get(0);
        assertTrue(record.errors().isEmpty(), record.errors().toString());
        assertEquals(allMembers(), membersOf(record.body()));
    }
}
