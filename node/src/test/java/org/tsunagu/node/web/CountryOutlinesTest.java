package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.util.Region;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The map's outlines: the Natural Earth file as shipped, and its ids mapped to alpha-2 as ICU's CLDR data says. */
class CountryOutlinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = CountryOutlinesTest.class.getResourceAsStream("/map/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void naturalEarth_isTheFileSourcesNames() throws Exception {
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resource("countries-50m.json")));
        assertEquals("04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394", sha);
    }

    @Test
    void numericCodes_everyOutlineWithAnIsoCode_mapsAsIcuSays() throws Exception {
        JsonNode topology = JSON.readTree(resource("countries-50m.json"));
        Map<String, String> expected = new TreeMap<>();
        for (JsonNode g : topology.at("/objects/countries/geometries")) {
            String id = g.path("id").asText("");
            if (id.matches("\\d{3}")) {
                expected.put(id, Region.getInstance(Integer.parseInt(id)).toString());
            }
        }
        Map<String, String> shipped = new TreeMap<>();
        JSON.readTree(resource("iso-numeric.json"))
                .fields()
                .forEachRemaining(e -> shipped.put(e.getKey(), e.getValue().asText()));
        assertEquals(expected, shipped);
    }

    @Test
    void asset_idsAreAlpha2_includingMyanmarAndPacificStates() throws Exception {
        JsonNode topology = JSON.readTree(CountryOutlines.json(JSON));
        Set<String> ids = new HashSet<>();
        for (JsonNode g : topology.at("/objects/countries/geometries")) {
            if (g.has("id")) {
                assertTrue(g.get("id").asText().matches("[A-Z]{2}"), g.toString());
                ids.add(g.get("id").asText());
            }
        }
        assertTrue(ids.containsAll(Set.of("MM", "TH", "JP", "AF", "NR", "TO", "KI", "PW", "FJ", "WS")), ids.toString());
        assertTrue(topology.at("/objects/land").isMissingNode(), "only countries are shipped to the page");
    }
}
