package org.tsunagu.node.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AdminTokenTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void generate_twice_givesDistinct43CharacterTokens() {
        String a = AdminToken.generate(random);
        String b = AdminToken.generate(random);
        assertEquals(43, a.length());
        assertNotEquals(a, b);
    }

    @Test
    void matches_sameToken_true() {
        String token = AdminToken.generate(random);
        assertTrue(AdminToken.of(token).matches(token));
    }

    @Test
    void matches_otherOrPrefixOrNull_false() {
        String token = AdminToken.generate(random);
        AdminToken admin = AdminToken.of(token);
        assertFalse(admin.matches(AdminToken.generate(random)));
        assertFalse(admin.matches(token.substring(0, 42)));
        assertFalse(admin.matches(token + "x"));
        assertFalse(admin.matches(""));
        assertFalse(admin.matches(null));
    }

    @Test
    void of_shortOrSpacedToken_refused() {
        assertThrows(IllegalArgumentException.class, () -> AdminToken.of("short"));
        assertThrows(IllegalArgumentException.class, () -> AdminToken.of("a token with spaces in it!!"));
    }

    @Test
    void toString_neverShowsToken() {
        String token = AdminToken.generate(random);
        assertFalse(AdminToken.of(token).toString().contains(token));
    }
}
