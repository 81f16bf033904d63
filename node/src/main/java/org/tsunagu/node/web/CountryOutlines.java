package org.tsunagu.node.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * The map's country outlines: Natural Earth's TopoJSON at 1:110m ({@code map/countries-110m.json}),
 * plus, from 1:50m ({@code map/countries-50m.json}), the countries 110m leaves out (the small island
 * states of the Pacific, Singapore, Bahrain, Andorra …: 61 of them), each country's ISO 3166-1
 * numeric id replaced by the alpha-2 code the directory uses ({@code map/iso-numeric.json}), so the
 * page matches outlines to counts by code. Units without an ISO code keep no id: drawn, never
 * shaded. See {@code map/SOURCES.md}.
 *
 * <p>Why two scales (issue 19): the page projects every point with d3-geo on its main thread. 50m
 * alone is 80,617 points and a 1.5 MB path for a 960-pixel map, where its detail is a hundredth of a
 * pixel: projecting it held the main thread for 300-650 ms, and the map and the partnership network
 * were painted after it. 110m is 8,246 points, with every country of the region but the smallest,
 * which keep their 50m outlines (the page draws the ones too small to see as circles anyway).
 *
 * <p>The merged topology keeps 50m's quantisation: 110m's arcs are decoded to longitude and latitude
 * and quantised again on 50m's grid (its x grid is the same, its y step is 0.0017°, so a point moves
 * by less than 0.001°); the 50m arcs taken are copied as they are and renumbered after 110m's.
 * Built once, on the first request for the page's assets.
 */
final class CountryOutlines {
    static final String ASSET = "countries.topo.json";

    private CountryOutlines() {}

    static byte[] json(ObjectMapper mapper) {
        JsonNode numeric = read(mapper, "iso-numeric.json");
        ObjectNode merged = merge(mapper, (ObjectNode) read(mapper, "countries-110m.json"), (ObjectNode)
                read(mapper, "countries-50m.json"));
        for (JsonNode geometry : merged.at("/objects/countries/geometries")) {
            ObjectNode g = (ObjectNode) geometry;
            JsonNode code = numeric.get(g.path("id").asText(""));
            if (code == null) {
                g.remove("id");
            } else {
                g.put("id", code.asText());
            }
        }
        try {
            return mapper.writeValueAsString(merged).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code coarse}'s countries, then {@code fine}'s countries that {@code coarse} does not have, on
     * {@code fine}'s quantisation; only the {@code countries} object (the page draws no {@code land}).
     */
    static ObjectNode merge(ObjectMapper mapper, ObjectNode coarse, ObjectNode fine) {
        Grid from = Grid.of(coarse);
        Grid to = Grid.of(fine);
        ArrayNode arcs = mapper.createArrayNode();
        for (JsonNode arc : coarse.get("arcs")) {
            arcs.add(requantise(mapper, arc, from, to));
        }
        ArrayNode geometries = mapper.createArrayNode();
        Set<String> held = new HashSet<>();
        for (JsonNode g : coarse.at("/objects/countries/geometries")) {
            geometries.add(g.deepCopy());
            held.add(key(g));
        }
        Map<Integer, Integer> renumbered = new HashMap<>();
        JsonNode fineArcs = fine.get("arcs");
        for (JsonNode g : fine.at("/objects/countries/geometries")) {
            if (held.contains(key(g))) {
                continue;
            }
            ObjectNode copy = g.deepCopy();
            copy.set("arcs", renumber(mapper, g.get("arcs"), index -> {
                int arc = index < 0 ? ~index : index;
                Integer at = renumbered.get(arc);
                if (at == null) {
                    at = arcs.size();
                    arcs.add(fineArcs.get(arc).deepCopy());
                    renumbered.put(arc, at);
                }
                return index < 0 ? ~at : at;
            }));
            geometries.add(copy);
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("type", "Topology");
        if (fine.has("bbox")) {
            out.set("bbox", fine.get("bbox").deepCopy());
        }
        out.set("transform", fine.get("transform").deepCopy());
        ObjectNode countries = out.putObject("objects").putObject("countries");
        countries.put("type", "GeometryCollection");
        countries.set("geometries", geometries);
        out.set("arcs", arcs);
        return out;
    }

    /**
     * The same unit in both files: by ISO numeric id and name (50m has two units under Australia's
     * id, Australia and the Ashmore and Cartier Islands; five units have no id).
     */
    private static String key(JsonNode geometry) {
        return geometry.path("id").asText("") + "|"
                + geometry.at("/properties/name").asText();
    }

    /** A quantised TopoJSON's transform: position = translate + q * scale. */
    private record Grid(double sx, double sy, double tx, double ty) {
        static Grid of(JsonNode topology) {
            JsonNode t = topology.get("transform");
            return new Grid(
                    t.at("/scale/0").asDouble(),
                    t.at("/scale/1").asDouble(),
                    t.at("/translate/0").asDouble(),
                    t.at("/translate/1").asDouble());
        }
    }

    /** A delta-encoded arc on grid {@code from}, delta-encoded again on grid {@code to}. */
    private static ArrayNode requantise(ObjectMapper mapper, JsonNode arc, Grid from, Grid to) {
        ArrayNode out = mapper.createArrayNode();
        long qx = 0;
        long qy = 0;
        long lastX = 0;
        long lastY = 0;
        for (JsonNode point : arc) {
            qx += point.get(0).asLong();
            qy += point.get(1).asLong();
            long x = Math.round((from.tx() + qx * from.sx() - to.tx()) / to.sx());
            long y = Math.round((from.ty() + qy * from.sy() - to.ty()) / to.sy());
            out.add(mapper.createArrayNode().add(x - lastX).add(y - lastY));
            lastX = x;
            lastY = y;
        }
        return out;
    }

    /** A geometry's nested arc index lists with each index mapped (Polygon: rings; MultiPolygon: polygons of rings). */
    private static JsonNode renumber(ObjectMapper mapper, JsonNode node, IntUnaryOperator index) {
        if (node.isArray()) {
            ArrayNode out = mapper.createArrayNode();
            for (JsonNode child : node) {
                out.add(renumber(mapper, child, index));
            }
            return out;
        }
        return mapper.getNodeFactory().numberNode(index.applyAsInt(node.asInt()));
    }

    private static JsonNode read(ObjectMapper mapper, String name) {
        try (InputStream in = CountryOutlines.class.getResourceAsStream("/map/" + name)) {
            if (in == null) {
                throw new IllegalStateException("map/" + name + " is missing from the jar");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
