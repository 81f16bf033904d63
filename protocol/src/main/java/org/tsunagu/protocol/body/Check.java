package org.tsunagu.protocol.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;

/**
 * One validation run: collects every error and warning with its JSON path instead of stopping at the
 * first, and carries what the rules need to know about the envelope (origin, the current year).
 */
final class Check {

    final HubId origin;
    final Year thisYear;
    /** The envelope version: version 2 allows {@code sealed} and {@code encryption_key} (SPEC §11). */
    final int version;

    private final List<FieldError> errors = new ArrayList<>();
    private final List<FieldError> warnings = new ArrayList<>();

    Check(HubId origin, Year thisYear, int version) {
        this.origin = origin;
        this.thisYear = thisYear;
        this.version = version;
    }

    void error(JsonPath path, String message) {
        errors.add(new FieldError(path.toString(), message));
    }

    void warn(JsonPath path, String message) {
        warnings.add(new FieldError(path.toString(), message));
    }

    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    List<FieldError> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Receivers refuse text that is not NFC (JCS does not normalise, so two spellings of one name would
     * sign differently). Walks every string and member name, wherever it is.
     */
    void requireNfcEverywhere(JsonNode node, JsonPath path) {
        if (node.isTextual()) {
            requireNfc(node.textValue(), path);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireNfcEverywhere(node.get(i), path.index(i));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonPath at = path.member(e.getKey());
                if (!isNfc(e.getKey())) {
                    error(at, "member name is not in Unicode NFC; normalise text before signing");
                }
                requireNfcEverywhere(e.getValue(), at);
            }
        }
    }

    /**
     * Every character below U+0300 is NFC on its own and none composes with a preceding one (the
     * first with NFC_Quick_Check Maybe is U+0300), so most texts skip the normaliser and its buffers.
     */
    private static boolean isNfc(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= '\u0300') {
                return Normalizer.isNormalized(s, Normalizer.Form.NFC);
            }
        }
        return true;
    }

    private void requireNfc(String text, JsonPath path) {
        if (!isNfc(text)) {
            error(path, "text is not in Unicode NFC; normalise it before signing (receivers reject other forms)");
        }
    }
}
