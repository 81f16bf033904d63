package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tsunagu.protocol.body.OrganizationMember;
import org.tsunagu.protocol.canon.CanonicalJson;

/**
 * Whether an imported record says the same as the one already published, so that re-importing a file
 * signs nothing new.
 *
 * <p>Records are compared as what would be signed, their RFC 8785 canonical JSON: the importer reads
 * {@code 35.710} as a decimal and the directory hands back {@code 35.71} as a double, and
 * {@code JsonNode.equals} calls those different. A member with a default ({@code status},
 * {@code visibility}) counts as that default when absent, so an export that writes the default out
 * re-imports as unchanged.
 */
final class SameRecord {
    private SameRecord() {}

    static boolean same(JsonNode published, JsonNode imported) {
        return canonical(published).equals(canonical(imported));
    }

    private static String canonical(JsonNode record) {
        ObjectNode copy = record.deepCopy();
        for (OrganizationMember member : OrganizationMember.values()) {
            if (member.kind() == OrganizationMember.Kind.CHOICE
                    && !copy.hasNonNull(member.wire())
                    && member.defaultValue() != null) {
                copy.put(member.wire(), member.defaultValue());
            }
        }
        return CanonicalJson.canonicalString(copy);
    }
}
