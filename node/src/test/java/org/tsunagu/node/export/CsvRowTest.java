package org.tsunagu.node.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.body.OrganizationMember;

class CsvRowTest {
    @Test
    void header_everyOrganizationMember_inBodyOrder() {
        List<String> memberColumns = CsvRow.HEADER.stream()
                .filter(column -> OrganizationMember.fromWire(column).isPresent())
                .toList();
        assertEquals(
                Arrays.stream(OrganizationMember.values())
                        .map(OrganizationMember::wire)
                        .toList(),
                memberColumns);
    }

    /** Spreadsheets and scripts downstream read columns by position: the order is part of the format. */
    @Test
    void header_columns_unchanged() {
        assertEquals(
                List.of(
                        "global_id",
                        "origin",
                        "id",
                        "name",
                        "names",
                        "alternate_names",
                        "description",
                        "descriptions",
                        "country",
                        "countries_of_operation",
                        "organization_type",
                        "sectors",
                        "sector_names",
                        "languages",
                        "identifiers",
                        "website",
                        "email",
                        "phones",
                        "contacts",
                        "locations",
                        "year_incorporated",
                        "legal_status",
                        "status",
                        "visibility",
                        "signed_by",
                        "signed_at",
                        "seq",
                        "key",
                        "hash",
                        "verified"),
                CsvRow.HEADER);
    }

    @Test
    void of_fullRecord_everyColumnFilled() {
        List<String> row = CsvRow.of(ExportFixtures.full());
        assertEquals(CsvRow.HEADER.size(), row.size());
        for (int i = 0; i < row.size(); i++) {
            assertFalse(row.get(i).isEmpty(), CsvRow.HEADER.get(i));
        }
    }

    @Test
    void of_fullRecord_cellsAsBefore() {
        List<String> row = CsvRow.of(ExportFixtures.full());
        assertEquals("日本国際ボランティアセンター", cell(row, "name"));
        assertEquals("JVC\nジェイ・ブイ・シー", cell(row, "alternate_names"));
        assertEquals("KH; LA; AF", cell(row, "countries_of_operation"));
        assertEquals("office: +81 3 1234 5678", cell(row, "phones"));
        // The body's own JSON: members joined by ", " could not be read back (an address has commas).
        assertEquals(
                "[{\"name\":\"山田 花子\",\"title\":\"事務局長\",\"email\":\"y@example.org\",\"phone\":\"+81 3 1234 5679\"}]",
                cell(row, "contacts"));
        assertEquals(
                "[{\"name\":\"東京事務所\",\"address\":\"上野 1-2-3\",\"city\":\"台東区\",\"region\":\"東京都\","
                        + "\"postal_code\":\"110-0005\",\"country\":\"JP\",\"latitude\":35.71,\"longitude\":139.77},"
                        + "{\"name\":\"Field office\",\"latitude\":11.55,\"longitude\":104.92}]",
                cell(row, "locations"));
        assertEquals("1980", cell(row, "year_incorporated"));
        assertEquals("active", cell(row, "status"));
        assertEquals("jvc", cell(row, "id"));
    }

    @Test
    void of_minimalRecord_defaultsForStatusAndVisibility() {
        List<String> row = CsvRow.of(ExportFixtures.minimal("th-ngocoord", "a", "A"));
        assertEquals("active", cell(row, "status"));
        assertEquals("public", cell(row, "visibility"));
        assertEquals("", cell(row, "phones"));
        assertEquals("", cell(row, "year_incorporated"));
    }

    private static String cell(List<String> row, String column) {
        return row.get(CsvRow.HEADER.indexOf(column));
    }
}
