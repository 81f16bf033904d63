package org.tsunagu.node.importer;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes posted as a CSV import end in records or a typed {@link ImportException}; every record's
 * body then validates or fails with a typed error ({@link ImportChecks}).
 */
class CsvImportFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void read_anyBytes_recordsOrTypedError(byte[] input) {
        try {
            ImportChecks.check(CsvOrganizations.read(input, "JP"));
        } catch (ImportException expected) {
            // the 422 an admin sees, with line and column
        }
    }
}
