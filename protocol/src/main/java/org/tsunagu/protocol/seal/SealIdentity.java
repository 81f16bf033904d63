package org.tsunagu.protocol.seal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.canon.CanonicalJson;

/**
 * The envelope identity a sealed part is bound to: its associated data, in the AEAD of the part and
 * in every wrapped key, is the canonical form of {@code {"id", "origin", "seq", "type"}}. A sealed part
 * copied into another envelope (another seq, origin, type or record) does not open.
 */
public record SealIdentity(HubId origin, long seq, UpdateType type, String id) {
    public SealIdentity {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public byte[] associatedData() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id);
        n.put("origin", origin.value());
        n.put("seq", seq);
        n.put("type", type.wire());
        return CanonicalJson.canonicalize(n);
    }
}
