package org.tsunagu.node.federation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashSet;
import java.util.List;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;

/** The origins a subscription covers: {@code ["*"]} (everything the peer holds) or a list of hub ids. */
public record OriginFilter(List<String> origins) {
    public static final String ALL = "*";
    private static final ObjectMapper JSON = new ObjectMapper();

    public OriginFilter {
        if (origins == null || origins.isEmpty()) {
            throw ValidationException.of("$.origins", "name at least one origin, or \"*\"");
        }
        origins = List.copyOf(new LinkedHashSet<>(origins));
        for (int i = 0; i < origins.size(); i++) {
            String o = origins.get(i);
            if (!ALL.equals(o) && !HubId.isValid(o)) {
                throw ValidationException.of("$.origins[" + i + "]", "not a hub id or \"*\"");
            }
        }
        if (origins.contains(ALL)) {
            origins = List.of(ALL);
        }
    }

    public static OriginFilter all() {
        return new OriginFilter(List.of(ALL));
    }

    public boolean isAll() {
        return origins.contains(ALL);
    }

    public boolean matches(HubId origin) {
        return isAll() || origins.contains(origin.value());
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(origins);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OriginFilter fromJson(String json) {
        try {
            return new OriginFilter(List.of(JSON.readValue(json, String[].class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored origin filter is not a JSON array", e);
        }
    }
}
