package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bodies signed in the vectors: one of every type, following the body shapes of SPEC.md, with
 * Japanese, Thai, emoji and characters that need escaping. All text is NFC. Organisations and people
 * are invented.
 */
final class VectorBodies {
    static final String JANIC = "jp-janic";
    static final String NGO = "th-ngocoord";
    static final String PARTNERSHIP_ID = "flood-response-2026";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private VectorBodies() {}

    static ObjectNode janicProfile() {
        ObjectNode b = F.objectNode();
        b.put("hub", JANIC);
        b.put("name", "JANIC");
        ObjectNode names = b.putObject("names");
        names.put("ja", "国際協力NGOセンター");
        names.put("en", "Japan NGO Center for International Cooperation");
        b.put("country", "JP");
        b.put("url", "https://janic.example/");
        b.put("description", "日本の国際協力NGOのネットワーク組織。");
        b.put("email", "hub@janic.example");
        return b;
    }

    static ObjectNode ngoProfile() {
        ObjectNode b = F.objectNode();
        b.put("hub", NGO);
        b.put("name", "NGO-COD Thailand");
        ObjectNode names = b.putObject("names");
        names.put("th", "คณะกรรมการประสานงานองค์กรพัฒนาเอกชน");
        names.put("en", "NGO Coordinating Committee on Development");
        b.put("country", "TH");
        b.put("url", "https://ngocod.example/");
        return b;
    }

    /** A Japanese organisation with most optional members, coordinates included. */
    static ObjectNode sakuraRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", "sakura-relief");
        b.put("name", "さくら災害支援ネットワーク");
        ObjectNode names = b.putObject("names");
        names.put("ja", "さくら災害支援ネットワーク");
        names.put("ja-Latn", "Sakura Saigai Shien Nettowāku");
        names.put("en", "Sakura Disaster Relief Network");
        b.putArray("alternate_names").add("SDRN").add("さくらネット");
        b.put("description", "東日本大震災をきっかけに設立。被災地の市民団体と共に、防災教育と緊急救援を行う。");
        ObjectNode descriptions = b.putObject("descriptions");
        descriptions.put("en", "Founded after the 2011 earthquake; disaster education and emergency relief.");
        b.put("country", "JP");
        b.putArray("countries_of_operation").add("JP").add("TH").add("NP");
        b.put("organization_type", "22");
        b.putArray("sectors").add("74020").add("72010").add("720");
        b.putArray("languages").add("ja").add("en");
        b.putArray("identifiers").add("JP-JCN-5011005001234");
        b.put("website", "https://sakura-relief.example/");
        b.put("email", "info@sakura-relief.example");
        b.putArray("phones").addObject().put("number", "+81-3-5555-0100").put("type", "voice");
        b.putArray("contacts").addObject().put("name", "山田 花子").put("title", "事務局長");
        ObjectNode location = b.putArray("locations").addObject();
        location.put("name", "東京事務所");
        location.put("address", "新宿区西早稲田2-3-18");
        location.put("city", "東京都");
        location.put("postal_code", "169-0051");
        location.put("country", "JP");
        location.put("latitude", 35.7089);
        location.put("longitude", 139.7186);
        b.put("year_incorporated", 2011);
        b.put("legal_status", "特定非営利活動法人");
        b.put("status", "active");
        b.put("visibility", "public");
        return b;
    }

    /** The same organisation later: text with quotes, a backslash, a tab and a line break. */
    static ObjectNode sakuraRecordUpdated() {
        ObjectNode b = sakuraRecord();
        b.put("description", "防災教育と緊急救援。\n標語:\t\"備えあれば憂いなし\"\\2026年版");
        b.putArray("sectors").add("74020").add("72010").add("720").add("15150");
        return b;
    }

    /** An at-risk organisation: visibility limited, so no contact details at all; Thai and emoji. */
    static ObjectNode lotusRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", "lotus-women-mekong");
        b.put("name", "กลุ่มสตรีดอกบัวลุ่มน้ำโขง");
        ObjectNode names = b.putObject("names");
        names.put("th", "กลุ่มสตรีดอกบัวลุ่มน้ำโขง");
        names.put("ja", "メコン流域 蓮の女性グループ");
        names.put("en", "Mekong Lotus Women's Group");
        b.put("description", "ผู้หญิงช่วยผู้หญิง 🌸🤝 — 女性の権利擁護");
        b.put("country", "JP");
        b.putArray("countries_of_operation").add("TH").add("LA");
        b.put("organization_type", "21");
        b.putArray("sectors").add("15150");
        b.putArray("languages").add("th").add("ja");
        b.put("status", "active");
        b.put("visibility", "limited");
        return b;
    }

    static ObjectNode riverRecord() {
        ObjectNode b = F.objectNode();
        b.put("id", "chao-phraya-volunteers");
        b.put("name", "อาสาสมัครลุ่มเจ้าพระยา");
        ObjectNode names = b.putObject("names");
        names.put("th", "อาสาสมัครลุ่มเจ้าพระยา");
        names.put("en", "Chao Phraya Volunteers");
        b.put("country", "TH");
        b.put("organization_type", "22");
        b.putArray("sectors").add("72010").add("43040");
        b.putArray("languages").add("th");
        b.put("website", "https://cpv.example/");
        b.put("year_incorporated", 1995);
        return b;
    }

    static ObjectNode announcement() {
        ObjectNode b = F.objectNode();
        b.put("id", PARTNERSHIP_ID);
        b.put("kind", "joint_response");
        var parties = b.putArray("parties");
        parties.addObject()
                .put("organization", JANIC + "/sakura-relief")
                .put("hub", JANIC)
                .put("role", "2"); // IATI OrganisationRole: Accountable
        parties.addObject()
                .put("organization", NGO + "/chao-phraya-volunteers")
                .put("hub", NGO)
                .put("role", "4"); // Implementing
        b.put("title", "Chao Phraya flood response 2026");
        ObjectNode titles = b.putObject("titles");
        titles.put("ja", "チャオプラヤー川洪水緊急対応 2026");
        titles.put("th", "การรับมืออุทกภัยลุ่มเจ้าพระยา 2569");
        b.put("start_date", "2026-10-01");
        b.put("end_date", "2027-03-31");
        b.putArray("sectors").add("72010");
        b.putArray("countries").add("TH");
        return b;
    }

    static ObjectNode endorsement(String announcementHash) {
        ObjectNode b = F.objectNode();
        b.put("partnership", JANIC + "/" + PARTNERSHIP_ID);
        b.put("announcement", announcementHash);
        return b;
    }

    static ObjectNode retraction() {
        ObjectNode b = F.objectNode();
        b.put("partnership", JANIC + "/" + PARTNERSHIP_ID);
        b.put("reason", "活動終了 — response closed early");
        return b;
    }

    static ObjectNode rotation(String newKey) {
        ObjectNode b = F.objectNode();
        b.put("new_key", newKey);
        b.put("reason", "scheduled yearly rotation");
        return b;
    }

    static ObjectNode removal() {
        ObjectNode b = F.objectNode();
        b.put("id", "lotus-women-mekong");
        b.put("reason", "merged into another group");
        return b;
    }
}
