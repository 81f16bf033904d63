package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.codes.CodeLists;

/** {@code partnership.announce}. */
final class PartnershipRules {
    private static final Set<String> REQUIRED = Set.of("id", "kind", "parties", "title");
    private static final Set<String> OPTIONAL =
            Set.of("titles", "description", "descriptions", "start_date", "end_date", "sectors", "countries");
    private static final Set<String> PARTY_REQUIRED = Set.of("organization", "hub");
    private static final Set<String> PARTY_OPTIONAL = Set.of("role");

    private PartnershipRules() {}

    static void check(Check check, JsonNode body) {
        Obj o = Obj.open(check, body, JsonPath.BODY, REQUIRED, OPTIONAL);
        if (o == null) {
            return;
        }
        Fields.localId(o, "id");
        o.oneOf("kind", Partnership.Kind.WIRE_NAMES);
        parties(o);
        o.text("title", Limits.NAME);
        o.languageMap("titles", Limits.NAME, false);
        o.multiline("description", Limits.DESCRIPTION);
        o.languageMap("descriptions", Limits.DESCRIPTION, true);
        LocalDate start = Fields.date(o, "start_date");
        LocalDate end = Fields.date(o, "end_date");
        if (start != null && end != null && end.isBefore(start)) {
            check.error(o.at("end_date"), "must not be before start_date " + start);
        }
        Fields.sectors(o, "sectors");
        Fields.countries(o, "countries");
    }

    private static void parties(Obj o) {
        List<Obj.Item> items = o.array("parties", Limits.PARTIES);
        if (!o.has("parties") || !o.node.get("parties").isArray()) {
            return; // absent or not an array: already reported
        }
        Map<GlobalId, JsonPath> seen = new HashMap<>();
        Set<HubId> hubs = new HashSet<>();
        boolean allRead = true;
        for (Obj.Item item : items) {
            Obj party = Obj.open(o.check, item.node(), item.path(), PARTY_REQUIRED, PARTY_OPTIONAL);
            GlobalId organization = party == null ? null : Fields.globalId(party, "organization");
            String hub = party == null ? null : party.text("hub", 64);
            if (party != null) {
                Fields.code(
                        party,
                        "role",
                        CodeLists::isOrganisationRole,
                        "an IATI OrganisationRole code as a string: \"1\" Funding, \"2\" Accountable,"
                                + " \"3\" Extending or \"4\" Implementing");
            }
            if (hub != null && !HubId.isValid(hub)) {
                o.check.error(party.at("hub"), "must be a hub id such as jp-janic");
                hub = null;
            }
            if (organization == null || hub == null) {
                allRead = false;
                continue;
            }
            if (!organization.origin().value().equals(hub)) {
                o.check.error(
                        party.at("hub"), "must be the hub that publishes the organization: " + organization.origin());
            }
            JsonPath first = seen.putIfAbsent(organization, item.path());
            if (first != null) {
                o.check.error(party.at("organization"), "names the same organization as " + first);
            }
            hubs.add(organization.origin());
        }
        if (allRead && seen.size() < 2) {
            o.check.error(o.at("parties"), "needs at least two distinct organizations");
        }
        if (allRead && !seen.isEmpty() && !hubs.contains(o.check.origin)) {
            o.check.error(
                    o.at("parties"),
                    "must include a party of the announcing hub " + o.check.origin
                            + ": a hub can only announce partnerships its own organizations are in");
        }
    }
}
