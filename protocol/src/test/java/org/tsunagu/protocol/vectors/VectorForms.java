package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.function.Consumer;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.canon.StrictJson;

/** Other JSON texts of the same envelope: what a sender that is not canonical might put on the wire. */
final class VectorForms {
    private static final ObjectWriter ESCAPING_PRETTY = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build()
            .writer();

    private VectorForms() {}

    /** The canonical text of {@code e} after {@code change} to its tree; the signature is left as it was. */
    static String changed(Envelope e, Consumer<ObjectNode> change) {
        ObjectNode tree = (ObjectNode) StrictJson.parse(e.canonicalBytes());
        change.accept(tree);
        return CanonicalJson.canonicalString(tree);
    }

    static ObjectNode body(ObjectNode envelope) {
        return (ObjectNode) envelope.get("body");
    }

    /**
     * Members in the order DESIGN.md prints them (not sorted), indented, every non-ASCII character as
     * a {@code \\u} escape (emoji as surrogate pairs), {@code v} and {@code seq} written as 1.0 and
     * 2e0, and the first latitude with a trailing zero. Its canonical form, and so its hash, is the
     * original's.
     */
    static String reformatted(Envelope e) {
        ObjectNode tree = e.toJson();
        ObjectNode location = (ObjectNode) tree.get("body").get("locations").get(0);
        BigDecimal latitude = location.get("latitude").decimalValue();
        location.set("latitude", DecimalNode.valueOf(latitude.setScale(latitude.scale() + 1)));
        try {
            // Numbers are values: 1.0 is the integer 1, 2e0 the integer 2.
            return ESCAPING_PRETTY
                    .writeValueAsString(tree)
                    .replace("\"v\" : 1,", "\"v\" : 1.0,")
                    .replace("\"seq\" : 2,", "\"seq\" : 2e0,");
        } catch (JsonProcessingException e1) {
            throw new IllegalStateException(e1);
        }
    }
}
