package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;

/**
 * The body of {@code partnership.announce}. Its status (announced, confirmed once every party's hub
 * has endorsed, retracted) is derived by nodes from later envelopes, not carried here. Optional texts
 * and dates are {@code null} when absent, lists and maps empty.
 */
public record Partnership(
        String id,
        Kind kind,
        List<Party> parties,
        String title,
        Map<String, String> titles,
        String description,
        Map<String, String> descriptions,
        LocalDate startDate,
        LocalDate endDate,
        List<String> sectors,
        List<String> countries)
        implements Body {

    /** What binds the parties. */
    public enum Kind {
        CONSORTIUM,
        IMPLEMENTING,
        FUNDING,
        NETWORK_MEMBERSHIP,
        MOU,
        JOINT_RESPONSE,
        OTHER;

        static final Set<String> WIRE_NAMES = BodyJson.wireNames(values());

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public Partnership {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        parties = BodyJson.copyOf(parties);
        titles = BodyJson.copyOf(titles);
        descriptions = BodyJson.copyOf(descriptions);
        sectors = BodyJson.copyOf(sectors);
        countries = BodyJson.copyOf(countries);
    }

    /** Reads a body that {@link Bodies#validate} accepted for {@code partnership.announce}. */
    public static Partnership fromBody(JsonNode body) {
        return new Partnership(
                BodyJson.text(body, "id"),
                Kind.fromWire(BodyJson.text(body, "kind")),
                BodyJson.list(
                        body,
                        "parties",
                        p -> new Party(
                                GlobalId.parse(BodyJson.text(p, "organization"), "$.body.parties"),
                                BodyJson.text(p, "role"))),
                BodyJson.text(body, "title"),
                BodyJson.textMap(body, "titles"),
                BodyJson.text(body, "description"),
                BodyJson.textMap(body, "descriptions"),
                date(BodyJson.text(body, "start_date")),
                date(BodyJson.text(body, "end_date")),
                BodyJson.texts(body, "sectors"),
                BodyJson.texts(body, "countries"));
    }

    /** The partnership's federation-wide id, given the hub that announced it. */
    public GlobalId globalId(HubId origin) {
        return new GlobalId(origin, id);
    }

    /** The distinct hubs whose endorsement confirms the partnership, in party order. */
    public List<HubId> hubs() {
        return parties.stream().map(Party::hub).distinct().toList();
    }

    @Override
    public UpdateType type() {
        return UpdateType.PARTNERSHIP_ANNOUNCE;
    }

    @Override
    public ObjectNode toBody() {
        ObjectNode out = BodyJson.object();
        out.put("id", id);
        out.put("kind", kind.wire());
        BodyJson.putAll(out, "parties", parties, (a, p) -> {
            ObjectNode o = a.addObject();
            o.put("organization", p.organization().toString());
            o.put("hub", p.hub().value());
            BodyJson.put(o, "role", p.role());
        });
        out.put("title", title);
        BodyJson.put(out, "titles", titles);
        BodyJson.put(out, "description", description);
        BodyJson.put(out, "descriptions", descriptions);
        BodyJson.put(out, "start_date", startDate == null ? null : startDate.toString());
        BodyJson.put(out, "end_date", endDate == null ? null : endDate.toString());
        BodyJson.put(out, "sectors", sectors);
        BodyJson.put(out, "countries", countries);
        return out;
    }

    private static LocalDate date(String s) {
        return s == null ? null : LocalDate.parse(s);
    }
}
