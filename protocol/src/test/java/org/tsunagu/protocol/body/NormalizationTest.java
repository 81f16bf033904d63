package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.protocol.body.Examples.JP;
import static org.tsunagu.protocol.body.Examples.japaneseOrg;
import static org.tsunagu.protocol.body.Examples.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;

class NormalizationTest {
    /** "が" written as か + U+3099 COMBINING KATAKANA-HIRAGANA VOICED SOUND MARK. */
    private static final String DECOMPOSED_GA = "か\u3099";

    @Test
    void validate_decomposedKana_rejectedAsNotNfc() {
        ObjectNode body = japaneseOrg().put("name", "みどり" + DECOMPOSED_GA + "くえん");
        String message = Examples.orgError(body, "$.body.name");
        assertTrue(message.contains("NFC"), message);
    }

    @Test
    void validate_decomposedKanaDeepInside_rejectedAtItsPath() {
        ObjectNode body = japaneseOrg();
        ((ObjectNode) body.get("contacts").get(0)).put("name", "なか" + DECOMPOSED_GA + "わ");
        ((ObjectNode) body.get("names")).put("ja", "みどり" + DECOMPOSED_GA);
        var paths = Examples.errors(JP, UpdateType.ORG_UPSERT, body).stream()
                .map(e -> e.path())
                .toList();
        assertEquals(java.util.List.of("$.body.names.ja", "$.body.contacts[0].name"), paths);
    }

    @Test
    void validate_decomposedLatinMacron_rejected() {
        ObjectNode body = japaneseOrg();
        ((ObjectNode) body.get("names")).put("ja-Latn", "Kyo\u0304ryoku");
        Examples.orgError(body, "$.body.names.ja-Latn");
        Examples.valid(JP, UpdateType.ORG_UPSERT, Bodies.normalize(body));
    }

    @Test
    void validate_decomposedMemberName_rejected() {
        ObjectNode body = japaneseOrg().put("name\u0301", "x");
        var paths = Examples.errors(JP, UpdateType.ORG_UPSERT, body).stream()
                .map(e -> e.path())
                .distinct()
                .toList();
        assertEquals(java.util.List.of("$.body['name\u0301']"), paths);
    }

    @Test
    void normalize_decomposedKana_composesAndThenValidates() {
        ObjectNode body = japaneseOrg().put("name", "みどり" + DECOMPOSED_GA + "くえん");
        JsonNode normalized = Bodies.normalize(body);
        assertEquals("みどりがくえん", normalized.get("name").textValue());
        Examples.valid(JP, UpdateType.ORG_UPSERT, normalized);
    }

    @Test
    void normalize_whitespaceAndLineEnds_trimmedAndUnified() {
        ObjectNode body = japaneseOrg().put("name", "\u3000 みどり\t").put("description", "  一行目\r\n二行目\r三行目\n ");
        body.withArray("sectors").add(" 15160 ");
        JsonNode normalized = Bodies.normalize(body);
        assertEquals("みどり", normalized.get("name").textValue());
        assertEquals("一行目\n二行目\n三行目", normalized.get("description").textValue());
        assertEquals("15160", normalized.get("sectors").get(2).textValue());
        Examples.valid(JP, UpdateType.ORG_UPSERT, normalized);
    }

    @Test
    void normalize_leavesInputAndNonTextUntouched() {
        ObjectNode body = japaneseOrg().put("name", " みどり ");
        JsonNode normalized = Bodies.normalize(body);
        assertNotSame(body, normalized);
        assertEquals(" みどり ", body.get("name").textValue());
        assertEquals(1992, normalized.get("year_incorporated").intValue());
        assertEquals(35.7089, normalized.get("locations").get(0).get("latitude").doubleValue());
        assertEquals(body.without("name"), ((ObjectNode) normalized).without("name"));
    }

    @Test
    void normalize_memberNamesCollidingAfterNfc_rejected() {
        ObjectNode body = json("{}").put("n\u0301", "a").put("\u0144", "b");
        ValidationException e = assertThrows(ValidationException.class, () -> Bodies.normalize(body));
        assertEquals("$.body['\u0144']", e.path());
    }

    @Test
    void normalize_alreadyNormalBody_isEqual() {
        ObjectNode body = json(Examples.THAI_ORG);
        assertEquals(body, Bodies.normalize(body));
    }
}
