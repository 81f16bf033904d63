package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.body.Endorsement;
import org.tsunagu.protocol.body.GlobalId;
import org.tsunagu.protocol.body.OrganizationErasure;
import org.tsunagu.protocol.body.OrganizationRemoval;
import org.tsunagu.protocol.body.Retraction;

/**
 * What this hub checks before signing, beyond body shape: it only removes organisations it holds and
 * only endorses or retracts partnerships it holds and is a party to. Envelopes from other origins are
 * not held to these rules, since their logs arrive in any order relative to ours.
 */
public final class LocalRules {
    /**
     * Whether a hub is among a partnership's parties. {@code +hub}: SQLite, without statistics, would
     * otherwise take the by-hub index and read every party row of the hub, so each endorsement cost
     * grew with the partnerships the hub was in (most of a million-party load); the primary key's
     * (origin, id) finds the partnership's few parties.
     */
    static final String HUB_IS_PARTY = "SELECT 1 FROM partnership_parties WHERE origin = ? AND id = ? AND +hub = ?";

    public LocalRules() {}

    /**
     * @param body normalised and validated for {@code type} ({@code Publisher.prepare}), so it is read
     *     through protocol's typed records
     * @throws ValidationException naming the {@code $.body} member this hub cannot act on
     */
    public void check(Connection c, HubId self, UpdateType type, JsonNode body) throws SQLException {
        switch (type) {
            case ORG_REMOVE ->
                requireOrganization(c, self, OrganizationRemoval.fromBody(body).id(), " AND removed = 0");
            // A removed organisation may be erased too: its earlier bodies are still in the log.
            case ORG_ERASE ->
                requireOrganization(c, self, OrganizationErasure.fromBody(body).id(), "");
            case PARTNERSHIP_ENDORSE -> {
                Endorsement endorsement = Endorsement.fromBody(body);
                GlobalId p = endorsement.partnership();
                requireParty(c, self, p);
                if (!exists(
                        c,
                        "SELECT 1 FROM partnerships WHERE origin = ? AND id = ? AND announcement = ?",
                        p.origin().value(),
                        p.id(),
                        endorsement.announcement())) {
                    throw ValidationException.of(
                            "$.body.announcement", "not the hash of the partnership's current announcement");
                }
            }
            case PARTNERSHIP_RETRACT -> {
                GlobalId p = Retraction.fromBody(body).partnership();
                if (!p.origin().equals(self)) {
                    requireParty(c, self, p);
                }
                if (!exists(
                        c,
                        "SELECT 1 FROM partnerships WHERE origin = ? AND id = ?",
                        p.origin().value(),
                        p.id())) {
                    throw ValidationException.of("$.body.partnership", "no such partnership");
                }
            }
            default -> {
                // shape checks suffice
            }
        }
    }

    private static void requireOrganization(Connection c, HubId self, String id, String condition) throws SQLException {
        if (!exists(c, "SELECT 1 FROM organizations WHERE origin = ? AND id = ?" + condition, self.value(), id)) {
            throw ValidationException.of("$.body.id", "no such organisation in this hub");
        }
    }

    private static void requireParty(Connection c, HubId self, GlobalId p) throws SQLException {
        if (!exists(
                c,
                "SELECT 1 FROM partnerships WHERE origin = ? AND id = ?",
                p.origin().value(),
                p.id())) {
            throw ValidationException.of("$.body.partnership", "no such partnership");
        }
        if (!exists(c, HUB_IS_PARTY, p.origin().value(), p.id(), self.value())) {
            throw ValidationException.of("$.body.partnership", self + " is not a party to this partnership");
        }
    }

    private static boolean exists(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
