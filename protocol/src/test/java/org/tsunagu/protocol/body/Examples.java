package org.tsunagu.protocol.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.tsunagu.protocol.FieldError;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;
import org.tsunagu.protocol.canon.StrictJson;

/** Valid bodies in the region's languages (fictional organisations) and helpers to break them. */
final class Examples {
    static final HubId JP = HubId.of("jp-janic");
    static final HubId TH = HubId.of("th-ngo-net");
    static final HubId PH = HubId.of("ph-caucus");
    /** Validation runs "in" 2026, so year_incorporated may be at most 2027. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T02:00:00Z"), ZoneOffset.UTC);

    static final String JAPANESE_ORG = """
            {"id": "org-0001",
             "name": "みどり国際協力ネットワーク",
             "names": {"ja": "特定非営利活動法人 みどり国際協力ネットワーク", "en": "Midori International Cooperation Network",
                       "ja-Latn": "Midori Kokusai Kyōryoku Nettowāku"},
             "alternate_names": ["MICN", "みどりネット"],
             "description": "アジアの農村で水と衛生の事業を行う団体です。\\n1992年に設立されました。",
             "descriptions": {"en": "Water and sanitation work in rural Asia.\\nFounded in 1992."},
             "country": "JP",
             "countries_of_operation": ["JP", "KH", "NP"],
             "organization_type": "22",
             "sectors": ["14030", "151"],
             "languages": ["ja", "en"],
             "identifiers": ["JP-JCN-3000020278670"],
             "website": "https://www.example.jp/midori/",
             "email": "info@example.jp",
             "phones": [{"number": "+81 3-1234-5678", "type": "voice"}],
             "contacts": [{"name": "山田 花子", "title": "事務局長", "email": "yamada@example.jp"}],
             "locations": [{"name": "東京事務所", "address": "東京都新宿区西早稲田2-3-18", "city": "新宿区",
                            "region": "東京都", "postal_code": "169-0051", "country": "JP",
                            "latitude": 35.7089, "longitude": 139.7177}],
             "year_incorporated": 1992,
             "legal_status": "特定非営利活動法人",
             "status": "active",
             "visibility": "public"}
            """;

    static final String THAI_ORG = """
            {"id": "th-2043",
             "name": "มูลนิธิเพื่อการพัฒนาชุมชนยั่งยืน",
             "names": {"th": "มูลนิธิเพื่อการพัฒนาชุมชนยั่งยืน", "en": "Sustainable Community Development Foundation"},
             "description": "ทำงานด้านการศึกษาและสุขภาพในชุมชนชนบทภาคอีสาน",
             "country": "TH",
             "organization_type": "22",
             "sectors": ["11220", "12220"],
             "languages": ["th", "en", "lo"],
             "identifiers": ["TH-MOI-0993000123456"],
             "website": "http://www.example.or.th/",
             "phones": [{"number": "+66 2 123 4567"}],
             "year_incorporated": 2004}
            """;

    static final String ENGLISH_ORG = """
            {"id": "uk:charity:1234567",
             "name": "Example Relief Trust",
             "country": "GB",
             "countries_of_operation": ["GB", "MM", "BD"],
             "organization_type": "21",
             "sectors": ["72010"],
             "languages": ["en"],
             "identifiers": ["GB-CHC-1234567", "GB-COH-01234567"],
             "website": "https://example.org.uk/about?lang=en#team",
             "email": "contact@example.org.uk",
             "status": "merged"}
            """;

    static final String FILIPINO_ORG = """
            {"id": "ph.0007",
             "name": "Samahan para sa Kaunlaran ng Pamayanan",
             "names": {"fil": "Samahan para sa Kaunlaran ng Pamayanan", "en": "Association for Community Progress",
                       "ceb": "Katilingban alang sa Kalamboan"},
             "country": "PH",
             "sectors": ["16010", "43072"],
             "languages": ["fil", "en", "ceb"],
             "identifiers": ["PH-SEC-CN201512345"],
             "locations": [{"city": "Lungsod Quezon", "region": "Kalakhang Maynila", "country": "PH"}],
             "legal_status": "Non-stock, non-profit corporation"}
            """;

    /** An at-risk organisation: nothing that would let anyone find or reach its people. */
    static final String LIMITED_ORG = """
            {"id": "np-77",
             "name": "मानव अधिकार रक्षक सञ्जाल",
             "names": {"ne": "मानव अधिकार रक्षक सञ्जाल", "en": "Human Rights Defenders Network"},
             "country": "NP",
             "sectors": ["15160"],
             "visibility": "limited"}
            """;

    static final String PARTNERSHIP = """
            {"id": "p-2026-01",
             "kind": "consortium",
             "parties": [{"organization": "jp-janic/org-0001", "hub": "jp-janic", "role": "2"},
                         {"organization": "th-ngo-net/th-2043", "hub": "th-ngo-net", "role": "4"},
                         {"organization": "ph-caucus/ph.0007", "hub": "ph-caucus"}],
             "title": "Mekong water and sanitation consortium",
             "titles": {"ja": "メコン水と衛生コンソーシアム", "th": "ภาคีน้ำและสุขาภิบาลลุ่มน้ำโขง"},
             "description": "Three hubs' members working together.",
             "start_date": "2026-04-01",
             "end_date": "2028-03-31",
             "sectors": ["14030"],
             "countries": ["KH", "LA", "TH"]}
            """;

    static final String HUB_PROFILE = """
            {"hub": "jp-janic", "name": "JANIC hub", "names": {"ja": "JANIC ハブ"}, "country": "JP",
             "url": "https://hub.example.jp/", "description": "Japan's directory of international NGOs.",
             "email": "hub@example.jp"}
            """;

    private Examples() {}

    static ObjectNode json(String text) {
        return (ObjectNode) StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static ArrayNode strings(String... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }

    static void valid(HubId origin, UpdateType type, JsonNode body) {
        Bodies.validate(origin, type, body, CLOCK);
    }

    /** Asserts that validation fails and returns its errors. */
    static List<FieldError> errors(HubId origin, UpdateType type, JsonNode body) {
        return assertThrows(ValidationException.class, () -> Bodies.validate(origin, type, body, CLOCK))
                .errors();
    }

    /** Asserts that validation fails with exactly one error, at {@code path}; returns its message. */
    static String onlyError(HubId origin, UpdateType type, JsonNode body, String path) {
        List<FieldError> errors = errors(origin, type, body);
        assertEquals(List.of(path), errors.stream().map(FieldError::path).toList(), errors.toString());
        return errors.get(0).message();
    }

    static String orgError(JsonNode body, String path) {
        return onlyError(JP, UpdateType.ORG_UPSERT, body, path);
    }

    static ObjectNode japaneseOrg() {
        return json(JAPANESE_ORG);
    }
}
