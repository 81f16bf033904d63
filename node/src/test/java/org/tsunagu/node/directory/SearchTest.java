package org.tsunagu.node.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.ValidationException;

class SearchTest {
    @TempDir
    Path dir;

    private Database db;
    private Publisher jp;
    private Publisher th;
    private DirectoryService directory;

    @BeforeEach
    void setUp() {
        db = Database.open(dir.resolve("tsunagu.db"));
        Clock clock = Clock.fixed(TestHub.T0, ZoneOffset.UTC);
        jp = new Publisher(db, HubId.of("jp-janic"), TestHub.keyPair(1), clock);
        th = new Publisher(db, HubId.of("th-ngocoord"), TestHub.keyPair(2), clock);
        directory = new DirectoryService(db);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private void org(Publisher p, String id, String name, String country, String description, String... extra) {
        ObjectNode body = TestHub.org(id, name, country);
        if (description != null) {
            body.put("description", description);
        }
        for (int i = 0; i + 1 < extra.length; i += 2) {
            var array = body.putArray(extra[i]);
            for (String v : extra[i + 1].split(",")) {
                array.add(v);
            }
        }
        p.publish(UpdateType.ORG_UPSERT, body);
    }

    private List<String> ids(String q) {
        return ids(OrganizationQuery.text(q));
    }

    private List<String> ids(OrganizationQuery q) {
        List<String> out = new ArrayList<>();
        for (OrganizationView v : directory.searchOrganizations(q).items()) {
            out.add(v.id());
        }
        return out;
    }

    @Test
    void search_englishWordAndPrefix_findsIt() {
        org(jp, "a", "Japan Education Network", "JP", null);
        org(jp, "b", "Peace Builders", "JP", "We support refugees");
        assertEquals(List.of("a"), ids("education"));
        assertEquals(List.of("a"), ids("educ"));
        assertEquals(List.of("a"), ids("edu"), "three letters are a prefix too");
        assertEquals(List.of("b"), ids("refugee"));
        assertEquals(List.of("a"), ids("japan education"));
        assertEquals(List.of(), ids("japan refugees"));
    }

    @Test
    void search_japaneseTwoCharacterWords_findsSubstrings() {
        org(jp, "a", "日本国際協力協会", "JP", "子どもの教育を支援します");
        org(jp, "b", "東京ボランティア", "JP", "災害支援");
        assertEquals(List.of("a"), ids("協会"));
        assertEquals(List.of("a"), ids("教育"));
        assertEquals(Set.of("a", "b"), Set.copyOf(ids("支援")));
        assertEquals(List.of("a"), ids("国際協力"));
        assertEquals(List.of("a"), ids("日本国際協力協会"));
        assertEquals(List.of(), ids("協力日本"));
        assertEquals(List.of("b"), ids("災"));
        assertEquals(List.of("b"), ids("ボランティア"));
    }

    @Test
    void search_chineseAndThai_findSubstrings() {
        org(jp, "zh", "中国扶贫基金会", "CN", "农村教育和卫生服务");
        org(th, "th", "มูลนิธิเพื่อการศึกษา", "TH", "ส่งเสริมสุขภาพชุมชนในชนบท");
        assertEquals(List.of("zh"), ids("扶贫"));
        assertEquals(List.of("zh"), ids("卫生服务"));
        assertEquals(List.of("th"), ids("การศึกษา"));
        assertEquals(List.of("th"), ids("สุขภาพ"));
        assertEquals(List.of("th"), ids("ชุมชน"));
        assertEquals(List.of(), ids("สุขภาพดี"));
    }

    @Test
    void search_widthAndCase_areIgnored() {
        org(jp, "a", "NGO Support Center", "JP", null);
        org(jp, "b", "カタカナ協会", "JP", null);
        org(jp, "c", "ｿﾌﾄｳｪｱ開発", "JP", null);
        assertEquals(List.of("a"), ids("ＮＧＯ"));
        assertEquals(List.of("a"), ids("ngo"));
        assertEquals(List.of("a"), ids("SUPPORT"));
        assertEquals(List.of("b"), ids("ｶﾀｶﾅ"));
        assertEquals(List.of("c"), ids("ソフトウェア"));
    }

    @Test
    void search_diacritics_foldedForLatin() {
        org(jp, "vn", "Hội Chữ thập đỏ Hà Nội", "VN", null);
        assertEquals(List.of("vn"), ids("ha noi"));
        assertEquals(List.of("vn"), ids("Hà Nội"));
    }

    @Test
    void search_nameMatch_rankedBeforeDescriptionMatch() {
        org(jp, "desc1", "Alpha Group", "JP", "water water water water sanitation");
        org(jp, "name", "Water Japan", "JP", null);
        org(jp, "alt", "Beta", "JP", null, "alternate_names", "Water Friends");
        org(jp, "desc2", "Gamma", "JP", "clean water");
        List<String> found = ids("water");
        assertEquals(4, found.size());
        assertEquals(Set.of("name", "alt"), Set.copyOf(found.subList(0, 2)));
        assertEquals(Set.of("desc1", "desc2"), Set.copyOf(found.subList(2, 4)));
    }

    @Test
    void search_filters_countrySectorLanguageHub() {
        org(jp, "j1", "Health One", "JP", null, "sectors", "12220,15150", "languages", "ja,en");
        org(jp, "j2", "Health Two", "JP", null, "sectors", "12240", "languages", "ja-JP");
        org(th, "t1", "Health Three", "TH", null, "sectors", "121", "languages", "th");
        assertEquals(Set.of("j1", "j2"), Set.copyOf(ids(query(null, "JP", null, null, null))));
        assertEquals(Set.of("j1", "j2"), Set.copyOf(ids(query(null, "jp", null, null, null))));
        assertEquals(List.of("j1"), ids(query(null, null, "12220", null, null)));
        assertEquals(Set.of("j1", "j2"), Set.copyOf(ids(query(null, null, "122", null, null))));
        assertEquals(List.of("t1"), ids(query(null, null, "121", null, null)));
        assertEquals(Set.of("j1", "j2"), Set.copyOf(ids(query(null, null, null, "ja", null))));
        assertEquals(List.of("j2"), ids(query(null, null, null, "ja-JP", null)));
        assertEquals(List.of("t1"), ids(query("health", null, null, null, "th-ngocoord")));
        assertEquals(List.of("j1"), ids(query("health", "JP", "151", "en", "jp-janic")));
        assertEquals(List.of(), ids(query("health", "TH", "122", null, null)));
        assertEquals(3, ids(query(null, null, null, null, null)).size());
    }

    /** A crisis view needs the responders based elsewhere too: operates_in is based there or working there. */
    @Test
    void search_operatesIn_basedThereOrCountryOfOperation() {
        org(jp, "j1", "Relief Japan", "JP", null, "countries_of_operation", "MM,TH", "sectors", "12220");
        org(jp, "j2", "Japan Only", "JP", null, "countries_of_operation", "JP");
        org(th, "t1", "Yangon Partner", "MM", null, "sectors", "12220");
        org(th, "t2", "Bangkok Health", "TH", null, "countries_of_operation", "MM");
        OrganizationQuery mm = new OrganizationQuery(null, null, null, null, null, 0, null, "mm");
        assertEquals("MM", mm.operatesIn());
        assertEquals(Set.of("j1", "t1", "t2"), Set.copyOf(ids(mm)));
        assertEquals(
                Set.of("j1", "t1"),
                Set.copyOf(ids(new OrganizationQuery(null, null, "122", null, null, 0, null, "MM"))));
        assertEquals(List.of("j1"), ids(new OrganizationQuery("relief", "JP", null, null, null, 0, null, "MM")));
        assertEquals(List.of("t1"), ids(query(null, "MM", null, null, null)), "country stays 'based in'");
        assertEquals(3L, (long) directory.searchOrganizations(mm).total());
        ValidationException bad = assertThrows(
                ValidationException.class, () -> new OrganizationQuery(null, null, null, null, null, 0, null, "MMR"));
        assertEquals("$.operates_in", bad.errors().get(0).path());
    }

    private static OrganizationQuery query(String q, String country, String sector, String language, String hub) {
        return new OrganizationQuery(q, country, sector, language, hub, 0, null);
    }

    @Test
    void search_cursorPaging_visitsEveryMatchOnceAcrossTiers() {
        for (int i = 0; i < 23; i++) {
            org(jp, "n" + i, "River Group " + i, "JP", null);
            org(jp, "d" + i, "Group " + i, "JP", "by the river");
        }
        org(jp, "other", "Mountain", "JP", null);
        for (String q : new String[] {"river", null}) {
            List<String> seen = new ArrayList<>();
            OrganizationQuery query = new OrganizationQuery(q, "JP", null, null, null, 5, null);
            int pages = 0;
            while (true) {
                Page<OrganizationView> page = directory.searchOrganizations(query);
                page.items().forEach(v -> seen.add(v.id()));
                pages++;
                if (page.nextCursor() == null) {
                    break;
                }
                assertEquals(5, page.items().size());
                query = query.withCursor(page.nextCursor());
            }
            int expected = q == null ? 47 : 46;
            assertEquals(expected, seen.size());
            assertEquals(expected, new HashSet<>(seen).size());
            assertEquals((expected + 4) / 5, pages);
            if (q != null) {
                assertTrue(seen.subList(0, 23).stream().allMatch(id -> id.startsWith("n")));
            }
        }
    }

    @Test
    void search_descriptionTierBehindManyNameMatches_pagesThroughBoth() {
        org(jp, "d-first", "Alpha", "JP", "delta river life");
        for (int i = 0; i < 150; i++) {
            org(jp, "n" + i, "Delta Team " + i, "JP", "delta work");
        }
        org(jp, "d-last", "Omega", "JP", "the delta");
        List<String> seen = new ArrayList<>();
        OrganizationQuery query = new OrganizationQuery("delta", null, null, null, null, 7, null);
        while (true) {
            Page<OrganizationView> page = directory.searchOrganizations(query);
            page.items().forEach(v -> seen.add(v.id()));
            if (page.nextCursor() == null) {
                break;
            }
            query = query.withCursor(page.nextCursor());
        }
        assertEquals(152, seen.size());
        assertEquals(152, new HashSet<>(seen).size());
        assertEquals(List.of("d-first", "d-last"), seen.subList(150, 152));
    }

    @Test
    void search_lastWordPrefix_expandsToIndexedWords() {
        org(jp, "a", "Volunteers United", "JP", null);
        org(jp, "b", "Voluntary Action", "JP", null);
        org(jp, "c", "Volcano Watch", "JP", null);
        assertEquals(Set.of("a", "b"), Set.copyOf(ids("volunt")));
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(ids("vol")));
        assertEquals(List.of(), ids("voluntz"));
        assertEquals(List.of("a"), ids("volunteers"));
        assertEquals(List.of("b"), ids("voluntary act"));
    }

    @Test
    void search_prefixWithManyWords_fallsBackToPrefixQuery() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < SearchQuery.MAX_EXPANSIONS + 5; i++) {
            name.append(" abcd").append((char) ('a' + i % 26)).append((char) ('a' + i / 26));
        }
        org(jp, "many", "Many", "JP", name.toString().strip());
        org(jp, "other", "Abcdxyz", "JP", null);
        assertEquals(Set.of("many", "other"), Set.copyOf(ids("abcd")));
        assertEquals(Set.of("many", "other"), Set.copyOf(ids("abc")), "three letters, as many words");
    }

    /**
     * V025 dropped the FTS5 prefix index: a node of the previous release has tables built with it, which
     * the migration makes again without it and the directory fills again, three-letter words included.
     */
    @Test
    void migrationV025_tablesWithPrefixIndex_rebuiltWithout() {
        org(jp, "a", "Japan Education Network", "JP", "Schools for every child");
        org(th, "b", "ศูนย์การศึกษา", "TH", null);
        db.inTransaction(c -> {
            try (var s = c.createStatement()) {
                for (String table : List.of("org_names", "org_text")) {
                    String column = table.equals("org_names") ? "names" : "text";
                    s.execute("DROP TABLE " + table);
                    s.execute("CREATE VIRTUAL TABLE " + table + " USING fts5(" + column + ", tags, content = '',"
                            + " contentless_delete = 1, tokenize = \"unicode61 remove_diacritics 0 categories"
                            + " 'L* N* Co M*'\", prefix = '3')");
                }
                s.execute("DELETE FROM search_words");
                s.execute("PRAGMA user_version = 24");
            }
            return null;
        });
        db.close();
        db = Database.open(dir.resolve("tsunagu.db"));
        directory = new DirectoryService(db);
        assertEquals(List.of("a"), ids("edu"));
        assertEquals(List.of("a"), ids("sch"));
        assertEquals(List.of("a"), ids("japan education"));
        assertEquals(List.of("b"), ids("การศึกษา"));
        assertEquals(List.of("b"), ids(query(null, "TH", null, null, null)), "the filter tags");
        String schema = db.read(c -> {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT group_concat(sql, ';') FROM sqlite_master"
                            + " WHERE name IN ('org_names', 'org_text')")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertTrue(schema.contains("contentless_delete") && !schema.contains("prefix"), schema);
    }

    @Test
    void search_hiraganaQuery_findsKatakanaName() {
        org(jp, "c", "日本NGOセンター", "JP", null);
        org(jp, "h", "ひまわりの会", "JP", null);
        assertEquals(List.of("c"), ids("せんたー"));
        assertEquals(List.of("c"), ids("センター"));
        assertEquals(List.of("h"), ids("ヒマワリ"), "and katakana finds hiragana");
        assertEquals(List.of("c"), ids("ｾﾝﾀｰ"), "half-width katakana too");
    }

    @Test
    void search_vietnameseWithoutDiacritics_findsIt() {
        org(jp, "vn", "Trung tâm Phát triển Hà Nội", "VN", null);
        assertEquals(List.of("vn"), ids("ha noi"));
        assertEquals(List.of("vn"), ids("phat trien"));
        assertEquals(List.of("vn"), ids("Hà Nội"));
    }

    /** Burmese, Khmer and Lao are written without spaces between words, like Thai. */
    @Test
    void search_wordsInsideUnspacedScripts_found() {
        org(th, "mm", "မြန်မာနိုင်ငံကလေးများကူညီရေးအသင်း", "MM", null);
        org(th, "kh", "អង្គការអភិវឌ្ឍន៍កុមារកម្ពុជា", "KH", null);
        org(th, "la", "ສະມາຄົມພັດທະນາຊົນນະບົດລາວ", "LA", null);
        org(th, "th", "มูลนิธิเพื่อการพัฒนาเด็ก", "TH", null);
        assertEquals(List.of("mm"), ids("ကလေး"), "Burmese: child");
        assertEquals(List.of("kh"), ids("កុមារ"), "Khmer: child");
        assertEquals(List.of("la"), ids("ພັດທະນາ"), "Lao: development");
        assertEquals(List.of("th"), ids("พัฒนา"), "Thai: development");
    }

    @Test
    void search_indonesianAndFilipino_wordsAndPrefixes() {
        org(jp, "id", "Yayasan Pendidikan Anak Nusantara", "ID", null);
        org(jp, "ph", "Samahan ng mga Magsasaka sa Nueva Ecija, Pilipinas", "PH", null);
        org(jp, "ph2", "Kapisanan ng Pagpapaunlad ng Kabataang Pilipino", "PH", null);
        assertEquals(List.of("id"), ids("yayasan anak"));
        assertEquals(List.of("id"), ids("pendidik"), "a prefix of the word");
        assertEquals(List.of("ph"), ids("magsasaka"));
        assertEquals(Set.of("ph", "ph2"), Set.copyOf(ids("pilipin")));
    }

    /** V008 changed tokenisation; the migration marks the index and the directory rebuilds it. */
    @Test
    void directoryService_reindexAsked_rebuildsTheIndex() {
        org(jp, "c", "日本NGOセンター", "JP", null);
        db.inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.execute("DELETE FROM org_names");
                s.execute("DELETE FROM org_text");
                s.execute("INSERT INTO search_reindex (reason) VALUES ('test')");
            }
            return null;
        });
        assertEquals(List.of(), ids("せんたー"), "the index is empty");
        directory = new DirectoryService(db);
        assertEquals(List.of("c"), ids("せんたー"));
        assertEquals(
                0L,
                (long) db.read(c -> {
                    try (var s = c.createStatement();
                            var rs = s.executeQuery("SELECT count(*) FROM search_reindex")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }),
                "done once");
    }

    /** A paged answer said "total": null whenever there was a next page. */
    @Test
    void search_severalPages_exactTotalOnEveryPage() {
        for (int i = 0; i < 5; i++) {
            org(jp, "c" + i, "Center " + i, "JP", null);
        }
        org(th, "t", "Center Thai", "TH", null);
        org(jp, "other", "Unrelated", "JP", null);
        OrganizationQuery q = new OrganizationQuery("center", null, null, null, null, 2, null);
        Page<OrganizationView> first = directory.searchOrganizations(q);
        assertNotNull(first.nextCursor());
        assertEquals(6L, first.total());
        assertEquals(6L, first.totalAtLeast());
        Page<OrganizationView> second = directory.searchOrganizations(q.withCursor(first.nextCursor()));
        assertEquals(6L, second.total());
        Page<OrganizationView> filtered =
                directory.searchOrganizations(new OrganizationQuery(null, "JP", null, null, null, 2, null));
        assertEquals(6L, filtered.total(), "five centers and the unrelated one are in JP");
        Page<OrganizationView> everything =
                directory.searchOrganizations(new OrganizationQuery(null, null, null, null, null, 2, null));
        assertEquals(7L, everything.total());
    }

    @Test
    void of_moreThanTheCap_totalNullAndLowerBound() {
        Page<String> page = Page.of(List.of("a"), "next", Page.COUNT_CAP + 1);
        assertNull(page.total());
        assertEquals(Page.COUNT_CAP, page.totalAtLeast());
    }

    @Test
    void search_firstAndOnlyPage_reportsTotal() {
        org(jp, "a", "Solo", "JP", null);
        Page<OrganizationView> page = directory.searchOrganizations(OrganizationQuery.text("solo"));
        assertEquals(1L, page.total());
        assertNull(page.nextCursor());
        OrganizationView v = page.items().get(0);
        assertEquals("jp-janic/a", v.globalId());
        assertEquals("Solo", v.record().path("name").asText());
        assertEquals(1, v.provenance().seq());
        assertEquals(jp.currentKey().value(), v.provenance().key());
        assertNotNull(v.provenance().hash());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"",
                "'",
                "*",
                "a*",
                "NEAR(a b)",
                "a AND b",
                "a OR",
                "NOT",
                "-a",
                "(a",
                "a)",
                "\"unterminated",
                "'; DROP TABLE log; --",
                "{names}: x",
                "names:x",
                "^a",
                "a + b",
                "%",
                "_",
                "\\",
                "\u0000",
                "   ",
                "支援\"",
                "(((((((((((((((((((((((((((((",
                "AND OR NOT NEAR"
            })
    void search_queryWithFtsSyntax_isTextAndNeverThrows(String q) {
        org(jp, "a", "Syntax AND Friends (NEAR) \"quoted\"", "JP", "a - b * c");
        Page<OrganizationView> page = directory.searchOrganizations(OrganizationQuery.text(q));
        assertNotNull(page.items());
        long logged = db.read(c -> {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM log")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(1L, logged);
    }

    @Test
    void search_operatorWords_matchAsWords() {
        org(jp, "a", "Peace AND Friends", "JP", null);
        org(jp, "b", "Peace Builders", "JP", null);
        assertEquals(List.of("a"), ids("peace and"));
        assertEquals(List.of("a"), ids("\"and\""));
    }

    @Test
    void search_removedAndReplaced_reflectCurrentState() {
        org(jp, "a", "Old Name", "JP", null);
        org(jp, "a", "New Name", "JP", null);
        org(jp, "b", "Gone Soon", "JP", null);
        jp.publish(UpdateType.ORG_REMOVE, TestHub.json("{\"id\":\"b\"}"));
        assertEquals(List.of(), ids("old"));
        assertEquals(List.of("a"), ids("new"));
        assertEquals(List.of(), ids("gone"));
        assertTrue(directory.organization(HubId.of("jp-janic"), "b").isEmpty());
        assertEquals(
                "New Name",
                directory
                        .organization(HubId.of("jp-janic"), "a")
                        .orElseThrow()
                        .record()
                        .path("name")
                        .asText());
        assertEquals(List.of("a"), ids(query(null, null, null, null, null)));
    }

    @Test
    void search_foreignCursor_isRejectedWithPath() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> directory.searchOrganizations(
                        new OrganizationQuery("x", null, null, null, null, 0, "bm90LWEtY3Vyc29y")));
        assertEquals("$.cursor", e.path());
    }
}
