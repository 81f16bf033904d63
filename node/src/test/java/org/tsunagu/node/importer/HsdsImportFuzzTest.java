package org.tsunagu.node.importer;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes posted as a JSON import (this node's shape or HSDS 3.0 organisations) end in records or a
 * typed {@link ImportException}; every record's body then validates or fails with a typed error.
 */
class HsdsImportFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void read_anyBytes_recordsOrTypedError(byte[] input) {
        try {
            ImportChecks.check(JsonOrganizations.read(input, "JP"));
        } catch (ImportException expected) {
            // the 422 an admin sees, with line and path
        }
    }
}
