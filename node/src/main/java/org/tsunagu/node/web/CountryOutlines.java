package org.tsunagu.node.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The map's country outlines: Natural Earth's TopoJSON ({@code map/countries-50m.json}, see
 * {@code map/SOURCES.md}) with each country's ISO 3166-1 numeric id replaced by the alpha-2 code the
 * directory uses ({@code map/iso-numeric.json}), so the page matches outlines to counts by code.
 * Units without an ISO code keep no id: drawn, never shaded. Built once at start-up.
 */
final class CountryOutlines {
    static final String ASSET = "countries.topo.json";

    private CountryOutlines() {}

    static byte[] json(ObjectMapper mapper) {
        JsonNode numeric = read(mapper, "iso-numeric.json");
        ObjectNode topology = (ObjectNode) read(mapper, "countries-50m.json");
        ((ObjectNode) topology.get("objects")).remove("land"); // the page draws countries only
        for (JsonNode geometry : topology.at("/objects/countries/geometries")) {
            ObjectNode g = (ObjectNode) geometry;
            JsonNode code = numeric.get(g.path("id").asText(""));
            if (code == null) {
                g.remove("id");
            } else {
                g.put("id", code.asText());
            }
        }
        try {
            return mapper.writeValueAsString(topology).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
