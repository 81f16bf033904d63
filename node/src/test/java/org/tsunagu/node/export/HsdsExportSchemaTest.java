package org.tsunagu.node.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.http.ApiServer;

/** The HSDS export validated against Open Referral's own organization schema (draft 2020-12). */
class HsdsExportSchemaTest {
    private static Schema organizationSchema;

    @BeforeAll
    static void loadSchema() {
        // Format assertions on: ids must really be UUIDs, emails emails, websites URIs.
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config));
        organizationSchema = registry.getSchema(SchemaLocation.of("classpath:hsds/organization.json"));
    }

    private static List<Error> validate(JsonNode organization) {
        return organizationSchema.validate(organization.toString(), InputFormat.JSON);
    }

    private static JsonNode export(List<OrganizationView> organizations, String query) throws Exception {
        try (ApiServer server = ExportFixtures.server(new ExportFixtures.ListPages(organizations, 2))) {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(server.baseUri().resolve("v1/directory/export.hsds.json" + query))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            return ExportFixtures.JSON.readTree(response.body());
        }
    }

    @Test
    void export_everyOrganization_validatesAgainstHsdsOrganizationSchema() throws Exception {
        List<OrganizationView> organizations = new ArrayList<>();
        organizations.add(ExportFixtures.full());
        organizations.add(ExportFixtures.minimal("th-ngocoord", "mekong-1", "มูลนิธิแม่น้ำโขง"));
        organizations.add(ExportFixtures.minimal("th-ngocoord", "mekong-2", "<script>alert(1)</script>"));
        JsonNode exported = export(organizations, "");
        assertTrue(exported.isArray());
        assertEquals(3, exported.size(), "all three pages streamed");
        for (JsonNode organization : exported) {
            assertEquals(List.of(), validate(organization), organization.toPrettyString());
        }
    }

    @Test
    void export_fullRecord_mapsIdentifiersSectorsAndSignature() throws Exception {
        JsonNode org = export(List.of(ExportFixtures.full()), "").get(0);
        assertEquals("日本国際ボランティアセンター", org.get("name").asText());
        assertTrue(org.get("alternate_name").asText().contains("Japan International Volunteer Center"));
        assertTrue(org.get("alternate_name").asText().contains("JVC"));
        JsonNode identifiers = org.get("organization_identifiers");
        JsonNode jcn = identifiers.get(0);
        assertEquals("JP-JCN", jcn.get("identifier_scheme").asText());
        assertEquals("3000020278670", jcn.get("identifier").asText());
        assertEquals(org.get("id").asText(), jcn.get("organization_id").asText());
        assertFalse(identifiers.get(1).has("identifier_scheme"), "XI-EXAMPLE is no org-id list");
        assertTrue(StreamSupport.stream(identifiers.spliterator(), false)
                .anyMatch(i -> i.get("identifier").asText().equals("jp-janic/jvc")
                        && i.get("identifier_type").asText().equals(HsdsOrganization.GLOBAL_ID_TYPE)));
        assertTrue(
                StreamSupport.stream(org.get("attributes").spliterator(), false)
                        .anyMatch(a -> a.get("link_type").asText().equals("sector")
                                && a.get("taxonomy_term").get("name").asText().equals("Human rights")),
                org.get("attributes").toPrettyString());
        JsonNode signature = org.get("metadata").get(0);
        assertEquals("2026-11-29T02:00:00Z", signature.get("last_action_date").asText());
        assertTrue(signature.get("updated_by").asText().startsWith("jp-janic (key ed25519:"));
        JsonNode address = org.get("locations").get(0).get("addresses").get(0);
        assertEquals("台東区", address.get("city").asText());
        assertFalse(org.get("locations").get(1).has("addresses"), "coordinates alone make no address");
    }

    @Test
    void export_sameOrganizationTwice_givesTheSameUuids() throws Exception {
        JsonNode first = export(List.of(ExportFixtures.full()), "").get(0);
        JsonNode second = export(List.of(ExportFixtures.full()), "").get(0);
        assertEquals(first, second);
        assertEquals('5', first.get("id").asText().charAt(14), "a version 5 UUID");
    }

    @Test
    void schema_organizationWithoutDescriptionOrUuid_isRejected() throws Exception {
        // The validator can fail: the export is checked for real, not waved through.
        ObjectNode org = (ObjectNode) export(List.of(ExportFixtures.full()), "").get(0);
        ObjectNode noDescription = org.deepCopy();
        noDescription.remove("description");
        assertFalse(validate(noDescription).isEmpty());
        ObjectNode badId = org.deepCopy();
        badId.put("id", "jp-janic/jvc");
        assertFalse(validate(badId).isEmpty());
    }

    @Test
    void export_emptyDirectory_isAnEmptyArray() throws Exception {
        assertEquals("[]", export(List.of(), "").toString());
    }
}
