package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.BodyRules;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;

/**
 * Imports many organisations at once, one signed {@code org.upsert} per record.
 *
 * <p>By default an import is all or nothing: every record is checked first and, if any is bad, the
 * answer lists every bad record by line and nothing is stored; otherwise all are published in one
 * transaction. With {@code partial} the valid records are published and the bad ones are reported.
 * A record identical to the one already published is skipped, so re-importing the same spreadsheet
 * signs nothing new.
 */
public final class OrganizationImporter {
    /** Records per transaction in partial mode: large enough to be fast, small enough to retry. */
    private static final int CHUNK = 500;

    private final Database db;
    private final Publisher publisher;
    private final DirectoryService directory;
    private final HubId self;
    private final String defaultCountry;
    private final Clock clock;

    public OrganizationImporter(
            Database db, Publisher publisher, DirectoryService directory, String defaultCountry, Clock clock) {
        this.db = db;
        this.publisher = publisher;
        this.directory = directory;
        this.self = publisher.self();
        this.defaultCountry = defaultCountry;
        this.clock = clock;
    }

    /** @throws ImportException listing every bad record when the import is refused as a whole */
    public ImportReport importCsv(byte[] csv, boolean partial) {
        return importRecords(CsvOrganizations.read(csv, defaultCountry, self.value()), partial);
    }

    /** @throws ImportException listing every bad record when the import is refused as a whole */
    public ImportReport importJson(byte[] json, boolean partial) {
        return importRecords(JsonOrganizations.read(json, defaultCountry, self.value()), partial);
    }

    private record Checked(ImportRecord record, JsonNode body, boolean exists) {}

    private ImportReport importRecords(List<ImportRecord> records, boolean partial) {
        List<RowError> errors = new ArrayList<>();
        List<Checked> toPublish = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        int unchanged = 0;
        for (ImportRecord record : records) {
            List<RowError> problems = new ArrayList<>(record.errors());
            JsonNode body = BodyRules.normalize(record.body());
            try {
                BodyRules.validate(self, UpdateType.ORG_UPSERT, body, clock);
            } catch (ValidationException e) {
                // A value the reader could not take (18,79 for a latitude) is missing from the body, so
                // the rules report it again ("latitude is required with longitude"): one error per value.
                for (FieldError error : e.errors()) {
                    RowError located = record.locate(error);
                    if (record.errors().stream().noneMatch(read -> read.path().equals(located.path()))) {
                        problems.add(located);
                    }
                }
            }
            String id = record.id();
            if (id != null) {
                Integer earlier = firstLine.putIfAbsent(id, record.line());
                if (earlier != null) {
                    problems.add(record.locate(
                            new FieldError("$.body.id", "id " + id + " already used on line " + earlier)));
                }
            }
            if (!problems.isEmpty()) {
                errors.addAll(problems);
                continue;
            }
            Optional<OrganizationView> existing = directory.organization(self, id);
            if (existing.isPresent() && SameRecord.same(existing.get().record(), body)) {
                unchanged++;
            } else if (existing.isPresent() && existing.get().sealed() != null) {
                errors.add(sealedRow(record, id));
            } else {
                toPublish.add(new Checked(record, body, existing.isPresent()));
            }
        }
        if (!partial && !errors.isEmpty()) {
            throw new ImportException(errors);
        }
        List<Checked> published = partial ? publishPartially(toPublish, errors) : publishAll(toPublish);
        int updated = (int) published.stream().filter(Checked::exists).count();
        int failedRecords = records.size() - published.size() - unchanged;
        return new ImportReport(
                partial, records.size(), published.size() - updated, updated, unchanged, failedRecords, errors);
    }

    /**
     * A row that would replace a sealed organisation (SPEC §6.10) is refused: an import names no
     * audience, so publishing the row would put the record in clear. Keeping the old audience instead
     * would re-seal to recipients the file does not show (a "followers" audience resolved anew, keys
     * rotated since), so staff would not see to whom the new details go; the row's error sends them to
     * the record's own edit, which names its audience. An unchanged row still passes (nothing is signed).
     */
    private RowError sealedRow(ImportRecord record, String id) {
        RowError at = record.locate(new FieldError(
                "$.body.audience",
                "organisation " + self + "/" + id + " is sealed and an import names no audience, so this row"
                        + " would publish it in clear: edit it in the console or with PUT"
                        + " /admin/v1/organizations/" + id + " naming its audience"));
        return new RowError(at.line(), "audience", at.path(), at.message());
    }

    /** One transaction: a failure on any record rolls every one of them back. */
    private List<Checked> publishAll(List<Checked> records) {
        return db.inTransaction(c -> {
            for (Checked checked : records) {
                try {
                    publisher.publish(UpdateType.ORG_UPSERT, checked.body());
                } catch (ValidationException e) {
                    throw new ImportException(
                            e.errors().stream().map(checked.record()::locate).toList());
                }
            }
            return records;
        });
    }

    /** Chunks in their own transactions; a chunk that fails is redone record by record. */
    private List<Checked> publishPartially(List<Checked> records, List<RowError> errors) {
        List<Checked> published = new ArrayList<>();
        for (int from = 0; from < records.size(); from += CHUNK) {
            List<Checked> chunk = records.subList(from, Math.min(records.size(), from + CHUNK));
            try {
                published.addAll(publishAll(chunk));
            } catch (ImportException e) {
                for (Checked checked : chunk) {
                    try {
                        published.addAll(publishAll(List.of(checked)));
                    } catch (ImportException one) {
                        errors.addAll(one.errors());
                    }
                }
            }
        }
        return published;
    }
}
