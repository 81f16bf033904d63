package org.tsunagu.node.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.directory.DirectoryService;
import org.tsunagu.node.directory.OrganizationQuery;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.directory.Page;
import org.tsunagu.node.log.LogStore;
import org.tsunagu.node.log.Publisher;
import org.tsunagu.node.web.Aggregates;
import org.tsunagu.node.web.FacetService;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * Loads N generated organisations across many origins straight through the stores (batched
 * transactions, real signing, log + materialised state + index) and prints search latency
 * percentiles. Not a test: run it with scripts/bench-node-search.
 *
 * <p>Arguments: {@code --rows N} (default 1,000,000), {@code --origins N} (50), {@code --db PATH}
 * (default a temp file; an existing file with data is reused, skipping the load), {@code --runs N}
 * (per query kind, default 300), {@code --batch N} (envelopes per transaction, 1,000), {@code
 * --partnerships on|off|add} (a new load also signs {@link PartnershipGenerator}'s partnerships unless
 * off; add gives them to a reused database that holds none), {@code --seed N} (theirs, 19).
 */
public final class SearchBench {
    private static final Map<String, List<OrganizationQuery>> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put(
                "English word",
                texts(
                        "education",
                        "health",
                        "water",
                        "community",
                        "women",
                        "refugees",
                        "farmers",
                        "rights",
                        "disaster",
                        "literacy"));
        QUERIES.put("English prefix", texts("educ", "commun", "refug", "volunt", "agri"));
        // What a search box sends as the third letter is typed (issue 14, V025: no FTS5 prefix index).
        QUERIES.put("English 3 letters", texts("edu", "com", "hea", "wat", "ref", "pro", "agr", "dev", "int", "con"));
        // Each begins more than SearchQuery.MAX_EXPANSIONS indexed words here (organisation numbers and
        // "org..." words), so it is an FTS5 prefix query: the slowest kind without a prefix index.
        QUERIES.put("3 letters, over 50 words", texts("org", "181", "114", "149"));
        QUERIES.put("CJK 2 chars", texts("支援", "教育", "協会", "福祉", "环境", "扶贫", "儿童", "医療"));
        QUERIES.put("CJK 4 chars", texts("国際協力", "子ども支援", "环境保护", "社区服务", "災害救援", "乡村振兴", "日本語教室"));
        QUERIES.put("Thai", texts("การศึกษา", "สุขภาพ", "ชุมชน", "สิ่งแวดล้อม", "เกษตรกร", "มูลนิธิ"));
        // Issue 15's query kinds: hiragana for katakana names (folded to the same tokens), Filipino
        // words and prefixes, Latin diacritics typed or not, and the unspaced scripts the generator
        // does not write (Burmese, Khmer, Lao: the cost of a miss on rare character pairs).
        QUERIES.put("hiragana for katakana", texts("せんたー", "ぼらんてぃあ", "ねっとわーく", "ふぉーらむ"));
        QUERIES.put("Filipino", texts("magsasaka", "kabataan", "samahan ng mga", "kalusug", "mangingisda"));
        QUERIES.put("Latin diacritics", texts("Édukasyon", "kalusugán", "Hà Nội", "ha noi"));
        QUERIES.put("Burmese/Khmer/Lao", texts("ကလေး", "ကူညီ", "កុមារ", "អង្គការ", "ພັດທະນາ", "ສະມາຄົມ"));
        QUERIES.put(
                "filter country+sector",
                List.of(
                        filter(null, "JP", "151"),
                        filter(null, "TH", "12220"),
                        filter(null, "PH", "430"),
                        filter(null, "CN", "11220"),
                        filter(null, "NP", "720"),
                        filter(null, "GB", "41030")));
        QUERIES.put(
                "text+filters",
                List.of(
                        filter("支援", "JP", "720"),
                        filter("community", "PH", null),
                        filter("สุขภาพ", "TH", "122"),
                        filter("education", null, "112")));
    }

    /** The generated partnerships' seed unless {@code --seed} says otherwise. */
    public static final long PARTNERSHIP_SEED = 19;

    private SearchBench() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = options(args);
        int rows = Integer.parseInt(opts.getOrDefault("rows", "1000000"));
        int origins = Integer.parseInt(opts.getOrDefault("origins", "50"));
        int runs = Integer.parseInt(opts.getOrDefault("runs", "300"));
        int batch = Integer.parseInt(opts.getOrDefault("batch", "1000"));
        String partnerships = opts.getOrDefault("partnerships", "on");
        long seed = Long.parseLong(opts.getOrDefault("seed", String.valueOf(PARTNERSHIP_SEED)));
        Path file = opts.containsKey("db")
                ? Path.of(opts.get("db"))
                : Files.createTempDirectory("tsunagu-bench").resolve("tsunagu.db");
        System.out.printf("database %s%n", file);
        try (Database db = Database.open(file)) {
            long held = new LogStore(db).count();
            if (held == 0) {
                // As a node does at start, before it holds anything: a fresh database carries V008's
                // request to rebuild the search index, and honoured only after the load it would
                // re-tokenise every loaded organisation (minutes at a million) before the first query.
                new DirectoryService(db);
                load(db, rows, origins, batch);
                if (!partnerships.equals("off")) {
                    PartnershipGenerator.load(db, rows, origins, seed, batch);
                }
            } else {
                System.out.printf("reusing %,d envelopes already in the database%n", held);
                if (partnerships.equals("add")) {
                    PartnershipGenerator.addIfNone(db, seed);
                }
            }
            System.out.printf("database size: %.1f MB%n", db.sizeBytes() / 1e6);
            if (opts.containsKey("aggregates")) {
                aggregates(new DirectoryService(db), runs);
            } else if (opts.containsKey("each")) {
                each(new DirectoryService(db), Integer.parseInt(opts.get("each")));
            } else {
                measure(new DirectoryService(db), runs);
            }
        }
    }

    static void load(Database db, int rows, int originCount, int batch) {
        List<OrgGenerator.Hub> hubs = OrgGenerator.hubs(originCount);
        List<Publisher> publishers = new ArrayList<>();
        for (OrgGenerator.Hub h : hubs) {
            byte[] seed = new byte[32];
            Arrays.fill(seed, (byte) (h.index() + 1));
            publishers.add(new Publisher(db, HubId.of(h.id()), Ed25519KeyPair.fromSeed(seed), Clock.systemUTC()));
        }
        long start = System.nanoTime();
        int done = 0;
        while (done < rows) {
            int end = Math.min(rows, done + batch);
            int from = done;
            // Origins interleave inside each transaction, as when a forum ingests many hubs at once.
            db.inTransaction(c -> {
                for (int i = from; i < end; i++) {
                    int o = i % hubs.size();
                    publishers
                            .get(o)
                            .publish(UpdateType.ORG_UPSERT, OrgGenerator.organization(hubs.get(o), i / hubs.size()));
                }
                return null;
            });
            done = end;
            if (done % 100_000 == 0 || done == rows) {
                double s = (System.nanoTime() - start) / 1e9;
                System.out.printf("loaded %,d in %.0f s (%,.0f rows/s)%n", done, s, done / s);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "LOAD: %,d organisations across %d origins in %.1f s = %,.0f rows/s%n",
                rows, hubs.size(), seconds, rows / seconds);
    }

    static void measure(DirectoryService directory, int runs) {
        // Warm up: JIT and SQLite page cache, as a running node would be.
        for (List<OrganizationQuery> qs : QUERIES.values()) {
            for (int i = 0; i < 20; i++) {
                directory.searchOrganizations(qs.get(i % qs.size()));
            }
        }
        System.out.println();
        System.out.println("| query | p50 ms | p95 ms | p99 ms | max ms | mean hits/page |");
        System.out.println("|---|---|---|---|---|---|");
        for (Map.Entry<String, List<OrganizationQuery>> kind : QUERIES.entrySet()) {
            double[] ms = new double[runs];
            long hits = 0;
            for (int i = 0; i < runs; i++) {
                OrganizationQuery q = kind.getValue().get(i % kind.getValue().size());
                long t = System.nanoTime();
                Page<OrganizationView> page = directory.searchOrganizations(q);
                ms[i] = (System.nanoTime() - t) / 1e6;
                hits += page.items().size();
            }
            Arrays.sort(ms);
            System.out.printf(
                    "| %s | %.2f | %.2f | %.2f | %.2f | %.1f |%n",
                    kind.getKey(), pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1], hits / (double) runs);
        }
        pageTwo(directory, runs);
    }

    /**
     * The map's aggregates (scripts/bench-map): each run on a fresh FacetService, so nothing is served
     * from its per-search cache; then the same searches again on one service, as repeated viewers of
     * a link get them.
     */
    static void aggregates(DirectoryService directory, int runs) {
        // The first count of a search after start builds the in-memory filter values (FacetColumn).
        long heapBefore = heapAfterGc();
        long first = System.nanoTime();
        directory.filterCounts(filter(null, "ZZ", null), FacetService.DEFAULT_LIMIT);
        System.out.printf(
                "first search count after start (builds the column): %.0f ms, heap after GC %+.1f MB%n",
                (System.nanoTime() - first) / 1e6, (heapAfterGc() - heapBefore) / 1e6);
        Map<String, List<OrganizationQuery>> kinds = aggregateKinds(directory);
        for (int i = 0; i < 5; i++) {
            kinds.values()
                    .forEach(qs ->
                            qs.forEach(q -> new FacetService(directory, FacetService.DEFAULT_LIMIT).aggregates(q)));
        }
        System.out.println();
        System.out.println("load average before: " + loadAverage());
        System.out.println("| aggregates for | p50 ms | p95 ms | p99 ms | max ms | mean total | complete |");
        System.out.println("|---|---|---|---|---|---|---|");
        FacetService cached = new FacetService(directory, FacetService.DEFAULT_LIMIT);
        for (Map.Entry<String, List<OrganizationQuery>> kind : kinds.entrySet()) {
            int n = Math.min(runs, 60); // a pass over a large search is up to a few hundred ms
            double[] ms = new double[n];
            long total = 0;
            boolean complete = true;
            for (int i = 0; i < n; i++) {
                OrganizationQuery q = kind.getValue().get(i % kind.getValue().size());
                long t = System.nanoTime();
                Aggregates a = new FacetService(directory, FacetService.DEFAULT_LIMIT).aggregates(q);
                ms[i] = (System.nanoTime() - t) / 1e6;
                total += a.total();
                complete &= a.complete();
            }
            Arrays.sort(ms);
            System.out.printf(
                    "| %s (uncached) | %.2f | %.2f | %.2f | %.2f | %,d | %s |%n",
                    kind.getKey(), pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[n - 1], total / n, complete);
            for (int i = 0; i < n; i++) {
                OrganizationQuery q = kind.getValue().get(i % kind.getValue().size());
                long t = System.nanoTime();
                cached.aggregates(q);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "| %s (cached) | %.2f | %.2f | %.2f | %.2f | | |%n",
                    kind.getKey(), pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[n - 1]);
        }
        System.out.println("load average after: " + loadAverage());
    }

    private static long heapAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Issue 19's kinds of search, the countries and sectors picked from the loaded data: the largest
     * country, its largest sector (the largest country+sector), and a country from the middle.
     */
    private static Map<String, List<OrganizationQuery>> aggregateKinds(DirectoryService directory) {
        List<String> countries =
                byCount(directory.filterCounts(OrganizationQuery.text(null), 0).country());
        String largest = countries.get(0);
        String middle = countries.get(countries.size() / 2);
        String sector = byCount(directory
                        .filterCounts(filter(null, largest, null), FacetService.DEFAULT_LIMIT)
                        .sector())
                .get(0);
        Map<String, List<OrganizationQuery>> kinds = new LinkedHashMap<>();
        kinds.put("whole directory", List.of(OrganizationQuery.text(null)));
        kinds.put("one country (" + middle + ")", List.of(filter(null, middle, null)));
        kinds.put("largest country (" + largest + ")", List.of(filter(null, largest, null)));
        kinds.put("largest country+sector (" + largest + "+" + sector + ")", List.of(filter(null, largest, sector)));
        kinds.put("country+sector (mixed)", QUERIES.get("filter country+sector"));
        kinds.put("common word", QUERIES.get("English word"));
        kinds.put("rare word", texts("13", "42", "97"));
        kinds.put("Thai word", QUERIES.get("Thai"));
        List<OrganizationQuery> wordAndFilter = new ArrayList<>(QUERIES.get("text+filters"));
        wordAndFilter.add(filter("community", largest, null));
        kinds.put("word+filter", wordAndFilter);
        return kinds;
    }

    private static List<String> byCount(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Median time of every single query, to find the slow ones. */
    static void each(DirectoryService directory, int repeat) {
        for (Map.Entry<String, List<OrganizationQuery>> kind : QUERIES.entrySet()) {
            for (OrganizationQuery q : kind.getValue()) {
                double[] ms = new double[repeat];
                for (int i = 0; i < repeat; i++) {
                    long t = System.nanoTime();
                    directory.searchOrganizations(q);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(
                        "%-22s %-40s median %7.2f ms  min %7.2f ms%n",
                        kind.getKey(), q.q() + " " + q.country() + " " + q.sector(), ms[repeat / 2], ms[0]);
            }
        }
    }

    /** The second page of each text query: the cursor path. */
    private static void pageTwo(DirectoryService directory, int runs) {
        List<OrganizationQuery> seconds = new ArrayList<>();
        for (String kind : List.of("English word", "CJK 2 chars", "Thai")) {
            for (OrganizationQuery q : QUERIES.get(kind)) {
                String next = directory.searchOrganizations(q).nextCursor();
                if (next != null) {
                    seconds.add(q.withCursor(next));
                }
            }
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            directory.searchOrganizations(seconds.get(i % seconds.size()));
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
                "| page 2 (cursor) | %.2f | %.2f | %.2f | %.2f | |%n",
                pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1]);
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static List<OrganizationQuery> texts(String... qs) {
        return Arrays.stream(qs).map(OrganizationQuery::text).toList();
    }

    private static OrganizationQuery filter(String q, String country, String sector) {
        return new OrganizationQuery(q, country, sector, null, null, 0, null);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
