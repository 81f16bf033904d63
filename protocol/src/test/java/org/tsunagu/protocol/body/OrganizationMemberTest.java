package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.tsunagu.protocol.body.Examples.JP;
import static org.tsunagu.protocol.body.Examples.japaneseOrg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tsunagu.protocol.UpdateType;

/** The one list of organisation members agrees with the record, the example and the validator. */
class OrganizationMemberTest {
    private static List<String> wireNames() {
        return Arrays.stream(OrganizationMember.values())
                .map(OrganizationMember::wire)
                .toList();
    }

    /** {@code postalCode} -> {@code postal_code}. */
    private static List<String> snakeCaseComponents(Class<?> recordType) {
        return Arrays.stream(recordType.getRecordComponents())
                .map(RecordComponent::getName)
                .map(name -> name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
                .toList();
    }

    @Test
    void values_matchOrganizationRecordInOrder() {
        assertEquals(snakeCaseComponents(Organization.class), wireNames());
        assertEquals(snakeCaseComponents(Organization.Phone.class), OrganizationMember.PHONES.members());
        assertEquals(snakeCaseComponents(Organization.Contact.class), OrganizationMember.CONTACTS.members());
        assertEquals(snakeCaseComponents(Organization.Location.class), OrganizationMember.LOCATIONS.members());
    }

    @Test
    void values_fullExampleHasEveryMemberInOrder() {
        List<String> example = new ArrayList<>();
        japaneseOrg().fieldNames().forEachRemaining(example::add);
        assertEquals(wireNames(), example);
    }

    @Test
    void validate_eachMemberLeftOut_requiredOnlyWhereMarked() {
        for (OrganizationMember member : OrganizationMember.values()) {
            ObjectNode body = japaneseOrg();
            body.remove(member.wire());
            if (member.required()) {
                assertEquals("is required", Examples.orgError(body, "$.body." + member.wire()));
            } else {
                Examples.valid(JP, UpdateType.ORG_UPSERT, body);
            }
        }
    }

    @Test
    void fromWire_memberNames_foundAndOthersNot() {
        for (OrganizationMember member : OrganizationMember.values()) {
            assertEquals(member, OrganizationMember.fromWire(member.wire()).orElseThrow());
        }
        assertFalse(OrganizationMember.fromWire("twitter").isPresent());
    }

    @Test
    void defaultValue_onlyForChoices() {
        for (OrganizationMember member : OrganizationMember.values()) {
            assertEquals(member.kind() == OrganizationMember.Kind.CHOICE, member.defaultValue() != null, member.wire());
        }
        assertEquals("active", OrganizationMember.STATUS.defaultValue());
        assertEquals("public", OrganizationMember.VISIBILITY.defaultValue());
    }
}
