package org.tsunagu.node.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.util.Region;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
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
    void naturalEarth_isTheFilesSourcesNames() throws Exception {
        assertEquals("04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394", sha256("countries-50m.json"));
        assertEquals("2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8", sha256("countries-110m.json"));
    }

    private static String sha256(String name) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(resource(name)));
    }

    @Test
    void asset_holdsEveryCountryOf50m_inAboutATenthOfItsPoints() throws Exception {
        JsonNode fine = JSON.readTree(resource("countries-50m.json"));
        JsonNode asset = JSON.readTree(CountryOutlines.json(JSON));
        JsonNode numeric = JSON.readTree(resource("iso-numeric.json"));
        List<String> expected = new ArrayList<>();
        for (JsonNode g : fine.at("/objects/countries/geometries")) {
            String id = g.path("id").asText("");
            expected.add(
                    id.isEmpty()
                            ? g.at("/properties/name").asText()
                            : numeric.get(id).asText());
        }
        List<String> shipped = new ArrayList<>();
        for (JsonNode g : asset.at("/objects/countries/geometries")) {
            shipped.add(
                    g.has("id")
                            ? g.get("id").asText()
                            : g.at("/properties/name").asText());
        }
        Collections.sort(expected);
        Collections.sort(shipped);
        assertEquals(expected, shipped, "no country, island state or unit without a code is lost");
        int points = 0;
        for (JsonNode arc : asset.get("arcs")) {
            points += arc.size();
        }
        // 50m alone is 80,617 points, 110m 8,246; the 61 small countries taken from 50m add a few thousand.
        assertTrue(points < 16_000, "points: " + points);
    }

    @Test
    void asset_smallStatesKeepTheir50mOutline_othersTheir110mOne() throws Exception {
        JsonNode asset = JSON.readTree(CountryOutlines.json(JSON));
        JsonNode fine = JSON.readTree(resource("countries-50m.json"));
        JsonNode coarse = JSON.readTree(resource("countries-110m.json"));
        // Tonga (776) and Singapore (702) are not in 110m: exactly their 50m points.
        assertEquals(text(rings(fine, "776")), text(rings(asset, "TO")));
        assertEquals(text(rings(fine, "702")), text(rings(asset, "SG")));
        // Japan (392) and Myanmar (104) are: their 110m points, quantised on 50m's finer grid.
        for (String[] country : new String[][] {{"392", "JP"}, {"104", "MM"}, {"242", "FJ"}}) {
            List<double[]> expected = rings(coarse, country[0]);
            List<double[]> actual = rings(asset, country[1]);
            assertEquals(expected.size(), actual.size(), country[1]);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i)[0], actual.get(i)[0], 1e-3, country[1] + " point " + i);
                assertEquals(expected.get(i)[1], actual.get(i)[1], 1e-3, country[1] + " point " + i);
            }
        }
    }

    private static List<String> text(List<double[]> points) {
        return points.stream().map(p -> p[0] + "," + p[1]).toList();
    }

    /** Every point of the geometry with {@code id}, ring after ring, decoded as the page decodes them (web/map.js). */
    private static List<double[]> rings(JsonNode topology, String id) {
        double sx = topology.at("/transform/scale/0").asDouble();
        double sy = topology.at("/transform/scale/1").asDouble();
        double tx = topology.at("/transform/translate/0").asDouble();
        double ty = topology.at("/transform/translate/1").asDouble();
        List<List<double[]>> arcs = new ArrayList<>();
        for (JsonNode arc : topology.get("arcs")) {
            List<double[]> points = new ArrayList<>();
            long x = 0;
            long y = 0;
            for (JsonNode p : arc) {
                x += p.get(0).asLong();
                y += p.get(1).asLong();
                points.add(new double[] {x * sx + tx, y * sy + ty});
            }
            arcs.add(points);
        }
        for (JsonNode g : topology.at("/objects/countries/geometries")) {
            if (id.equals(g.path("id").asText())) {
                List<double[]> out = new ArrayList<>();
                collect(g.get("arcs"), arcs, out);
                return out;
            }
        }
        throw new AssertionError("no geometry " + id);
    }

    private static void collect(JsonNode node, List<List<double[]>> arcs, List<double[]> out) {
        if (node.isArray() && node.size() > 0 && node.get(0).isNumber()) { // a ring: arc indexes
            for (JsonNode index : node) {
                int i = index.asInt();
                List<double[]> arc = new ArrayList<>(arcs.get(i < 0 ? ~i : i));
                if (i < 0) {
                    Collections.reverse(arc);
                }
                out.addAll(arc);
            }
            return;
        }
        for (JsonNode child : node) {
            collect(child, arcs, out);
        }
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
