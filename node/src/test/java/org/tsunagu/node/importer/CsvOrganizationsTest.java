package org.tsunagu.node.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.FieldError;

class CsvOrganizationsTest {
    private static List<ImportRecord> read(String csv) {
        return CsvOrganizations.read(csv.getBytes(StandardCharsets.UTF_8), "JP");
    }

    @Test
    void read_fullRow_buildsUpsertBody() {
        List<ImportRecord> records = read(
                "ID,Name,names.ja,sectors,languages,phones,Postal Code,latitude,year_incorporated,contact_email\n"
                        + "janic,JANIC,国際協力NGOセンター,15150; 43010|72010,ja|en,+81 3 1234 5678,169-0051,35.7,1987,a@b.jp\n");
        ObjectNode body = records.get(0).body();
        assertEquals("janic", body.get("id").asText());
        assertEquals("国際協力NGOセンター", body.get("names").get("ja").asText());
        assertEquals(3, body.get("sectors").size());
        assertEquals("72010", body.get("sectors").get(2).asText());
        assertEquals("+81 3 1234 5678", body.get("phones").get(0).get("number").asText());
        assertEquals("169-0051", body.get("locations").get(0).get("postal_code").asText());
        assertEquals(
                "35.7",
                body.get("locations").get(0).get("latitude").decimalValue().toPlainString());
        assertEquals(1987, body.get("year_incorporated").intValue());
        assertEquals("a@b.jp", body.get("contacts").get(0).get("email").asText());
        assertEquals("JP", body.get("country").asText(), "the hub's country fills an absent column");
        assertTrue(records.get(0).errors().isEmpty());
    }

    @Test
    void read_unknownAndMissingColumns_reportedOnLineOne() {
        ImportException e = assertThrows(ImportException.class, () -> read("id,nmae\n1,x\n"));
        assertEquals(2, e.errors().size());
        assertTrue(e.errors().stream().allMatch(r -> r.line() == 1));
        assertTrue(e.errors().stream().anyMatch(r -> "nmae".equals(r.field())));
        assertTrue(e.errors().stream().anyMatch(r -> "name".equals(r.field())));
    }

    @Test
    void read_badNumber_reportsLineAndColumn() {
        List<ImportRecord> records = read("id,name,year_incorporated\n1,a,1990\n\n2,b,nineteen\n");
        assertEquals(2, records.size(), "blank lines are skipped");
        RowError error = records.get(1).errors().get(0);
        assertEquals(4, error.line());
        assertEquals("year_incorporated", error.field());
    }

    @Test
    void read_jsonListCellWithAHugeExponent_reportedOnItsCell() {
        List<ImportRecord> records = read("id,name,contacts\n1,a,\"[{\"\"name\"\":1e99999999999}]\"\n");
        RowError error = records.get(0).errors().get(0);
        assertEquals(2, error.line());
        assertEquals("contacts", error.field());
        assertTrue(error.message().contains("out of range"), error.message());
    }

    @Test
    void locate_validationPath_namesTheColumn() {
        ImportRecord record =
                read("id,name,sectors,names.ja,city\n1,a,1|2,x,y\n").get(0);
        assertEquals(
                "sectors",
                record.locate(new FieldError("$.body.sectors[1]", "bad")).field());
        assertEquals(
                "names.ja",
                record.locate(new FieldError("$.body.names.ja", "bad")).field());
        assertEquals(
                "city",
                record.locate(new FieldError("$.body.locations[0].city", "bad")).field());
        assertEquals(
                "country",
                record.locate(new FieldError("$.body.country", "bad")).field());
        assertEquals(2, record.locate(new FieldError("$.body.country", "bad")).line());
    }

    @Test
    void read_moreCellsThanColumns_reported() {
        assertEquals(1, read("id,name\n1,a,extra\n").get(0).errors().size());
    }
}
