package org.tsunagu.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hub id form, {@code [a-z0-9][a-z0-9-]{1,62}} (SPEC §2), checked by hand in {@link HubId#isValid}. */
class HubIdTest {
    /** The form as SPEC writes it: the hand-written check must agree with it on every input. */
    private static final Pattern SPEC_FORM = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private static final String SIXTY_THREE = "a-------------------------------------------------------------z";

    @ParameterizedTest
    @ValueSource(strings = {"jp-janic", "th", "0x", "a-", "9-9", "ap-forum-2026", SIXTY_THREE})
    void valid_accepted(String id) {
        assertTrue(SPEC_FORM.matcher(id).matches(), id);
        assertTrue(HubId.isValid(id), id);
        assertEquals(id, HubId.of(id).value());
        assertEquals(id, HubId.parse(id, "$.origin").value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "j",
                "-jp",
                "Jp-janic",
                "jp_janic",
                "jp janic",
                "jp.janic",
                "jp-janic\n",
                "ｊp",
                "jp-٣",
                "jp-é",
                "a" + SIXTY_THREE, // 64
                "jp-\u0000"
            })
    void invalid_refusedWithThePath(String id) {
        assertFalse(SPEC_FORM.matcher(id).matches(), id);
        assertFalse(HubId.isValid(id), id);
        assertThrows(MalformedMessageException.class, () -> HubId.of(id));
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> HubId.parse(id, "$.origin"));
        assertEquals("$.origin", e.path());
    }

    @org.junit.jupiter.api.Test
    void null_refused() {
        assertFalse(HubId.isValid(null));
        assertThrows(MalformedMessageException.class, () -> HubId.of(null));
    }

    /** Every string of one or two characters from a mixed alphabet: the check and the form agree. */
    @org.junit.jupiter.api.Test
    void shortStrings_agreeWithTheSpecForm() {
        String alphabet = "az09-_A.Zé٣ \u0000";
        for (char a : alphabet.toCharArray()) {
            assertEquals(SPEC_FORM.matcher(String.valueOf(a)).matches(), HubId.isValid(String.valueOf(a)));
            for (char b : alphabet.toCharArray()) {
                String s = "" + a + b;
                assertEquals(SPEC_FORM.matcher(s).matches(), HubId.isValid(s), s);
            }
        }
    }
}
