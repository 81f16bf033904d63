package org.tsunagu.node.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ResourceConfig;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.directory.Page;
import org.tsunagu.node.directory.Provenance;
import org.tsunagu.node.http.ApiServer;
import org.tsunagu.node.http.JsonMapperProvider;

/** Organisations as the directory returns them, and an export endpoint serving them page by page. */
final class ExportFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private ExportFixtures() {}

    static OrganizationView view(String origin, String recordJson) {
        try {
            JsonNode record = JSON.readTree(recordJson);
            String id = record.get("id").asText();
            Provenance provenance = new Provenance(
                    origin,
                    7,
                    "2026-11-29T02:00:00Z",
                    "ed25519:11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
                    "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                    true);
            return new OrganizationView(origin, id, origin + "/" + id, record, provenance);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Every member a record may have, with text in three scripts. */
    static OrganizationView full() {
        return view("jp-janic", """
                {"id": "jvc", "name": "日本国際ボランティアセンター",
                 "names": {"ja": "日本国際ボランティアセンター", "en": "Japan International Volunteer Center"},
                 "alternate_names": ["JVC", "ジェイ・ブイ・シー"],
                 "description": "Relief and development, since 1980.",
                 "descriptions": {"ja": "1980年から活動する国際協力NGO", "en": "Relief and development, since 1980."},
                 "country": "JP", "countries_of_operation": ["KH", "LA", "AF"],
                 "organization_type": "22", "sectors": ["15160", "311", "72010"], "languages": ["ja", "en", "th"],
                 "identifiers": ["JP-JCN-3000020278670", "XI-EXAMPLE-1"],
                 "website": "https://www.ngo-jvc.net/", "email": "info@example.org",
                 "phones": [{"number": "+81 3 1234 5678", "type": "office"}],
                 "contacts": [{"name": "山田 花子", "title": "事務局長", "email": "y@example.org", "phone": "+81 3 1234 5679"}],
                 "locations": [{"name": "東京事務所", "address": "上野 1-2-3", "city": "台東区", "region": "東京都",
                   "postal_code": "110-0005", "country": "JP", "latitude": 35.71, "longitude": 139.77},
                   {"name": "Field office", "latitude": 11.55, "longitude": 104.92}],
                 "year_incorporated": 1980, "legal_status": "認定NPO法人", "status": "active", "visibility": "public"}
                """);
    }

    static OrganizationView minimal(String origin, String id, String name) {
        ObjectMapper m = JSON;
        return view(
                origin,
                m.createObjectNode()
                        .put("id", id)
                        .put("name", name)
                        .put("country", "TH")
                        .toString());
    }

    /** The search, served from a list in pages of {@code pageSize}; remembers the queries asked. */
    static final class ListPages implements OrganizationPages {
        private final List<OrganizationView> all;
        private final int pageSize;
        final List<OrganizationQuery> queries = Collections.synchronizedList(new ArrayList<>());

        ListPages(List<OrganizationView> all, int pageSize) {
            this.all = List.copyOf(all);
            this.pageSize = pageSize;
        }

        @Override
        public Page<OrganizationView> page(OrganizationQuery query) {
            queries.add(query);
            int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
            int to = Math.min(all.size(), from + pageSize);
            String next = to < all.size() ? Integer.toString(to) : null;
            return Page.of(all.subList(from, to), next, all.size());
        }
    }

    static ApiServer server(OrganizationPages pages) {
        JsonMapperProvider json = new JsonMapperProvider();
        ResourceConfig config = ApiServer.baseConfig(json);
        config.register(new ExportResource(pages, json.mapper()));
        return ApiServer.start("127.0.0.1", 0, config);
    }
}
