package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.tsunagu.node.directory.BodyRules;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;

/** The checks {@link OrganizationImporter} runs on each record before anything is stored. */
final class ImportChecks {
    private static final HubId SELF = HubId.of("jp-fuzz");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    private ImportChecks() {}

    static void check(List<ImportRecord> records) {
        for (ImportRecord record : records) {
            record.id();
            JsonNode body = BodyRules.normalize(record.body());
            try {
                BodyRules.validate(SELF, UpdateType.ORG_UPSERT, body, CLOCK);
            } catch (ValidationException e) {
                e.errors().forEach(record::locate);
            }
        }
    }
}
