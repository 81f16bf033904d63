package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.ValidationException;

class GlobalIdTest {
    @Test
    void parse_originSlashId_splitsAtTheSlash() {
        GlobalId id = GlobalId.parse("jp-janic/uk:charity:1234567", "$.x");
        assertEquals(HubId.of("jp-janic"), id.origin());
        assertEquals("uk:charity:1234567", id.id());
        assertEquals("jp-janic/uk:charity:1234567", id.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "jp-janic", "jp-janic/", "/a", "Jp/a", "jp-janic/a/b", "jp-janic/a b"})
    void parse_malformed_throwsAtPath(String text) {
        ValidationException e =
                assertThrows(ValidationException.class, () -> GlobalId.parse(text, "$.body.partnership"));
        assertEquals("$.body.partnership", e.path());
        assertTrue(GlobalId.tryParse(text).isEmpty());
    }

    @Test
    void isLocalId_respectsLengthAndAlphabet() {
        assertTrue(GlobalId.isLocalId("a".repeat(128)));
        assertFalse(GlobalId.isLocalId("a".repeat(129)));
        assertTrue(GlobalId.isLocalId("A-z_0.9~:"));
        assertFalse(GlobalId.isLocalId("団体"));
        assertFalse(GlobalId.isLocalId(null));
    }

    @Test
    void constructor_badLocalId_throws() {
        assertThrows(ValidationException.class, () -> new GlobalId(HubId.of("jp-janic"), "a/b"));
    }
}
