package org.tsunagu.node.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.log.IngestReport;
import org.tsunagu.node.log.Ingestor;
import org.tsunagu.node.log.KeySource;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.UpdateType;

/**
 * A real node (wired by Main) holding its own organisations as jp-janic and, received through the
 * ingest path, th-ngocoord's: Japanese, Thai and English names, a confirmed and an announced
 * partnership, and a record whose name is a script-injection attempt.
 */
final class WebFixture {
    static final String INJECTION = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    static final String INJECTION_DESCRIPTION = "<b>not bold</b> & <a href=\"javascript:window.__pwned=3\">click</a>";

    private WebFixture() {}

    static TestNode start(Path dir) {
        TestNode node = TestNode.start(dir, "jp-janic", "JP");
        publish(node, UpdateType.ORG_UPSERT, """
                {"id": "jvc", "name": "日本国際ボランティアセンター",
                 "names": {"ja": "日本国際ボランティアセンター", "en": "Japan International Volunteer Center"},
                 "alternate_names": ["JVC"],
                 "description": "カンボジア、ラオス、アフガニスタンで農村開発と緊急救援を行う国際協力NGO。",
                 "descriptions": {"en": "International cooperation NGO: rural development and emergency relief."},
                 "country": "JP", "countries_of_operation": ["KH", "LA", "AF"], "organization_type": "22",
                 "sectors": ["15160", "31120", "72010"], "languages": ["ja", "en"],
                 "identifiers": ["JP-JCN-3000020278670"], "website": "https://www.example.org/jvc",
                 "year_incorporated": 1980, "legal_status": "認定NPO法人"}
                """);
        publish(node, UpdateType.ORG_UPSERT, """
                {"id": "shapla", "name": "シャプラニール＝市民による海外協力の会",
                 "names": {"en": "Shapla Neer"}, "country": "JP", "sectors": ["11220"], "languages": ["ja"]}
                """);
        publish(
                node,
                UpdateType.ORG_UPSERT,
                "{\"id\": \"evil\", \"name\": " + quote(INJECTION) + ", \"description\": "
                        + quote(INJECTION_DESCRIPTION) + ", \"country\": \"JP\"}");

        TestHub th = new TestHub("th-ngocoord", 42);
        node.node.keys().pin(th.id, th.key.publicKey().keyId(), KeySource.PEER_PINNED);
        Envelope profile = th.profile();
        Envelope mekong = th.next(UpdateType.ORG_UPSERT, TestHub.json("""
                {"id": "mekong", "name": "มูลนิธิเพื่อการพัฒนาลุ่มน้ำโขง",
                 "names": {"th": "มูลนิธิเพื่อการพัฒนาลุ่มน้ำโขง", "en": "Mekong Basin Development Foundation"},
                 "description": "ทำงานด้านการพัฒนาชนบทและสิทธิชุมชนในลุ่มน้ำโขง",
                 "country": "TH", "sectors": ["31120"], "languages": ["th"]}
                """));
        ingest(node, List.of(profile, mekong));

        Envelope flood = publish(node, UpdateType.PARTNERSHIP_ANNOUNCE, """
                {"id": "flood-2026", "kind": "joint_response", "title": "Mekong flood response 2026",
                 "titles": {"ja": "メコン洪水緊急対応2026"}, "start_date": "2026-09-01",
                 "parties": [{"organization": "jp-janic/jvc", "hub": "jp-janic", "role": "1"},
                             {"organization": "th-ngocoord/mekong", "hub": "th-ngocoord", "role": "4"}]}
                """);
        ingest(
                node,
                List.of(th.next(
                        UpdateType.PARTNERSHIP_ENDORSE,
                        TestHub.json("{\"partnership\": \"jp-janic/flood-2026\", \"announcement\": \"" + flood.hash()
                                + "\"}"))));
        publish(node, UpdateType.PARTNERSHIP_ANNOUNCE, """
                {"id": "seeds-mou", "kind": "mou", "title": "Seed bank memorandum",
                 "parties": [{"organization": "jp-janic/jvc", "hub": "jp-janic"},
                             {"organization": "th-ngocoord/mekong", "hub": "th-ngocoord"}]}
                """);
        return node;
    }

    private static Envelope publish(TestNode node, UpdateType type, String body) {
        return node.node.publisher().publish(type, TestHub.json(body));
    }

    private static void ingest(TestNode node, List<Envelope> envelopes) {
        IngestReport report = new Ingestor(node.node.database(), Clock.systemUTC(), origin -> false).ingest(envelopes);
        if (!report.clean()) {
            throw new IllegalStateException("fixture did not ingest: " + report);
        }
    }

    private static String quote(String text) {
        JsonNode node = TestHub.JSON.getNodeFactory().textNode(text);
        return node.toString();
    }
}
