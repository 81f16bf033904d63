package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tsunagu.protocol.body.Examples.JP;
import static org.tsunagu.protocol.body.Examples.TH;
import static org.tsunagu.protocol.body.Examples.json;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.protocol.Hashes;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.KeyId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.canon.CanonicalJson;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

class BodyRecordsTest {
    @Test
    void fromBody_japaneseOrganization_exposesEveryField() {
        Organization org = Organization.fromBody(json(Examples.JAPANESE_ORG));
        assertEquals("org-0001", org.id());
        assertEquals("みどり国際協力ネットワーク", org.name());
        assertEquals(List.of("ja", "en", "ja-Latn"), List.copyOf(org.names().keySet()));
        assertEquals(List.of("MICN", "みどりネット"), org.alternateNames());
        assertEquals("JP", org.country());
        assertEquals(List.of("JP", "KH", "NP"), org.countriesOfOperation());
        assertEquals("22", org.organizationType());
        assertEquals(List.of("14030", "151"), org.sectors());
        assertEquals(List.of("ja", "en"), org.languages());
        assertEquals(List.of("JP-JCN-3000020278670"), org.identifiers());
        assertEquals("https://www.example.jp/midori/", org.website());
        assertEquals("info@example.jp", org.email());
        assertEquals(
                new Organization.Phone("+81 3-1234-5678", "voice"), org.phones().get(0));
        assertEquals(
                new Organization.Contact("山田 花子", "事務局長", "yamada@example.jp", null),
                org.contacts().get(0));
        assertEquals(35.7089, org.locations().get(0).latitude());
        assertEquals("169-0051", org.locations().get(0).postalCode());
        assertEquals(1992, org.yearIncorporated());
        assertEquals(Organization.Status.ACTIVE, org.status());
        assertEquals(Organization.Visibility.PUBLIC, org.visibility());
    }

    @Test
    void fromBody_minimalOrganization_defaultsAndEmptyCollections() {
        Organization org = Organization.fromBody(json("{\"id\": \"a\", \"name\": \"A\", \"country\": \"TH\"}"));
        assertNull(org.description());
        assertNull(org.yearIncorporated());
        assertEquals(Map.of(), org.names());
        assertEquals(List.of(), org.sectors());
        assertEquals(Organization.Status.ACTIVE, org.status());
        assertEquals(Organization.Visibility.PUBLIC, org.visibility());
    }

    @Test
    void allNames_listsEachNameOnce() {
        Organization org = Organization.fromBody(json(Examples.THAI_ORG));
        assertEquals(
                List.of("มูลนิธิเพื่อการพัฒนาชุมชนยั่งยืน", "Sustainable Community Development Foundation"),
                org.allNames());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                Examples.THAI_ORG,
                Examples.ENGLISH_ORG,
                Examples.FILIPINO_ORG,
                Examples.LIMITED_ORG,
                "{\"id\": \"a\", \"name\": \"A\", \"country\": \"TH\"}"
            })
    void toBody_organizationWithoutDefaults_roundTripsExactly(String text) {
        ObjectNode body = json(text);
        assertEquals(body, Organization.fromBody(body).toBody());
    }

    @Test
    void toBody_explicitDefaults_leftOutButSameRecord() {
        ObjectNode body = json(Examples.JAPANESE_ORG);
        Organization org = Organization.fromBody(body);
        ObjectNode written = org.toBody();
        // Same canonical form: the coordinates come back as doubles rather than decimals.
        assertEquals(
                CanonicalJson.canonicalString(body.without(List.of("status", "visibility"))),
                CanonicalJson.canonicalString(written));
        assertEquals(org, Organization.fromBody(written));
        Examples.valid(JP, UpdateType.ORG_UPSERT, written);
    }

    @Test
    void organization_collectionsAreImmutable() {
        Organization org = Organization.fromBody(json(Examples.JAPANESE_ORG));
        assertThrows(UnsupportedOperationException.class, () -> org.sectors().add("151"));
        assertThrows(UnsupportedOperationException.class, () -> org.names().put("fr", "x"));
    }

    @Test
    void fromBody_partnership_readsPartiesAndDates() {
        Partnership p = Partnership.fromBody(json(Examples.PARTNERSHIP));
        assertEquals(Partnership.Kind.CONSORTIUM, p.kind());
        assertEquals(3, p.parties().size());
        assertEquals(new GlobalId(TH, "th-2043"), p.parties().get(1).organization());
        assertEquals(TH, p.parties().get(1).hub());
        assertEquals("4", p.parties().get(1).role());
        assertNull(p.parties().get(2).role());
        assertEquals(LocalDate.of(2026, 4, 1), p.startDate());
        assertEquals(LocalDate.of(2028, 3, 31), p.endDate());
        assertEquals(List.of(JP, TH, HubId.of("ph-caucus")), p.hubs());
        assertEquals("jp-janic/p-2026-01", p.globalId(JP).toString());
    }

    @Test
    void toBody_partnership_roundTrips() {
        ObjectNode body = json(Examples.PARTNERSHIP);
        assertEquals(body, Partnership.fromBody(body).toBody());
    }

    @Test
    void toBody_smallBodies_roundTrip() {
        String key = KeyId.of(Ed25519KeyPair.fromSeed(new byte[32]).publicKey()).value();
        ObjectNode hub = json(Examples.HUB_PROFILE);
        ObjectNode removal = json("{\"id\": \"org-1\", \"reason\": \"merged\"}");
        ObjectNode endorse = JsonNodeFactory.instance
                .objectNode()
                .put("partnership", "jp-janic/p-1")
                .put("announcement", Hashes.sha256(new byte[0]));
        ObjectNode retract = json("{\"partnership\": \"jp-janic/p-1\"}");
        ObjectNode rotate = JsonNodeFactory.instance.objectNode().put("new_key", key);
        assertEquals(hub, HubProfile.fromBody(hub).toBody());
        assertEquals(removal, OrganizationRemoval.fromBody(removal).toBody());
        assertEquals(endorse, Endorsement.fromBody(endorse).toBody());
        assertEquals(retract, Retraction.fromBody(retract).toBody());
        assertEquals(rotate, KeyRotation.fromBody(rotate).toBody());
        assertEquals(KeyId.parse(key, "$"), KeyRotation.fromBody(rotate).newKey());
    }

    @Test
    void read_validBody_returnsTypedValue() {
        Body body = Bodies.read(TH, UpdateType.PARTNERSHIP_ANNOUNCE, json(Examples.PARTNERSHIP));
        Partnership p = assertInstanceOf(Partnership.class, body);
        assertEquals(UpdateType.PARTNERSHIP_ANNOUNCE, p.type());
        assertInstanceOf(Organization.class, Bodies.read(JP, UpdateType.ORG_UPSERT, json(Examples.FILIPINO_ORG)));
    }

    @Test
    void read_invalidBody_throwsBeforeReading() {
        ValidationException e = assertThrows(
                ValidationException.class, () -> Bodies.read(JP, UpdateType.ORG_REMOVE, json("{\"reason\": \"x\"}")));
        assertEquals("$.body.id", e.path());
    }

    @Test
    void bodies_typeMatchesUpdateType() {
        assertEquals(
                UpdateType.HUB_PROFILE,
                HubProfile.fromBody(json(Examples.HUB_PROFILE)).type());
        assertEquals(UpdateType.ORG_REMOVE, new OrganizationRemoval("a", null).type());
        assertEquals(UpdateType.PARTNERSHIP_RETRACT, new Retraction(new GlobalId(JP, "p"), null).type());
        assertTrue(Organization.fromBody(json(Examples.LIMITED_ORG)).visibility() == Organization.Visibility.LIMITED);
    }
}
