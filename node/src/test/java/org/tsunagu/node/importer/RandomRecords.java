package org.tsunagu.node.importer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random valid {@code org.upsert} bodies for property tests: text in the scripts our hubs write
 * (Thai, Japanese, Vietnamese, Burmese, Khmer, Lao, Indonesian, Filipino), codes from the lists, and
 * coordinates written with trailing zeros and up to nine decimals, the numbers a spreadsheet produces.
 */
final class RandomRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WORDS = List.of(
            "ศูนย์",
            "ช่วยเหลือ",
            "เด็ก",
            "センター",
            "支援",
            "ボランティア",
            "Hà",
            "Nội",
            "Yayasan",
            "Bayanihan",
            "mạng",
            "lưới",
            "မြန်မာ",
            "ကူညီ",
            "ខ្មែរ",
            "អង្គការ",
            "ລາວ",
            "ພັດທະນາ",
            "Kasama",
            "Lingkungan",
            "NGO",
            "Đà",
            "Nẵng",
            "O'Brien",
            "a,b",
            "\"quoted\"",
            "; semi",
            "50%",
            "(東京)",
            "=SUM(1)",
            "'tick",
            "+plus",
            "-minus",
            "@at");
    private static final List<String> COUNTRIES = List.of("TH", "JP", "VN", "ID", "PH", "MM", "KH", "LA");
    private static final List<String> SECTORS = List.of("15150", "15160", "72010", "43060", "311", "12220");
    private static final List<String> LANGUAGES = List.of("th", "ja", "en", "vi", "id", "fil", "my", "km", "lo");
    private static final List<String> TYPES = List.of("21", "22", "23", "24");

    private RandomRecords() {}

    /** Between one and {@code max} records with distinct ids. */
    static Arbitrary<List<ObjectNode>> lists(int max) {
        return Arbitraries.longs()
                .flatMap(seed -> Arbitraries.integers().between(1, max).map(n -> {
                    Random random = new Random(seed);
                    List<ObjectNode> records = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        records.add(record(random, "r" + i + "-" + Long.toHexString(random.nextLong() >>> 40)));
                    }
                    return records;
                }));
    }

    static ObjectNode record(Random random, String id) {
        ObjectNode r = NODES.objectNode();
        r.put("id", id);
        r.put("name", text(random, 1 + random.nextInt(4)));
        if (random.nextBoolean()) {
            ObjectNode names = r.putObject("names");
            names.put("en", text(random, 2));
            if (random.nextBoolean()) {
                names.put("th", text(random, 2));
            }
        }
        if (random.nextBoolean()) {
            ArrayNode alternates = r.putArray("alternate_names");
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                alternates.add(text(random, 1) + " " + i);
            }
        }
        if (random.nextBoolean()) {
            r.put("description", text(random, 3) + "\n" + text(random, 2));
        }
        if (random.nextBoolean()) {
            r.putObject("descriptions").put("en", text(random, 3) + "\n\n" + text(random, 1));
        }
        r.put("country", pick(random, COUNTRIES));
        if (random.nextBoolean()) {
            codes(r.putArray("countries_of_operation"), random, COUNTRIES);
        }
        if (random.nextBoolean()) {
            r.put("organization_type", pick(random, TYPES));
        }
        if (random.nextBoolean()) {
            codes(r.putArray("sectors"), random, SECTORS);
        }
        if (random.nextBoolean()) {
            codes(r.putArray("languages"), random, LANGUAGES);
        }
        if (random.nextBoolean()) {
            r.putArray("identifiers").add("JP-JCN-" + (1000000000000L + random.nextInt(1_000_000)));
        }
        if (random.nextBoolean()) {
            r.put("website", "https://example.org/" + id);
        }
        if (random.nextBoolean()) {
            r.put("email", id + "@example.org");
        }
        if (random.nextBoolean()) {
            ObjectNode phone =
                    r.putArray("phones").addObject().put("number", "+66 2 " + (1000000 + random.nextInt(8999999)));
            if (random.nextBoolean()) {
                phone.put("type", random.nextBoolean() ? "voice" : "fax");
            }
        }
        if (random.nextBoolean()) {
            ObjectNode contact = r.putArray("contacts").addObject().put("name", text(random, 2));
            if (random.nextBoolean()) {
                contact.put("email", "c." + id + "@example.org");
            }
        }
        if (random.nextInt(4) > 0) {
            ArrayNode locations = r.putArray("locations");
            for (int i = 0; i < 1 + random.nextInt(2); i++) {
                ObjectNode location = locations.addObject();
                if (random.nextBoolean()) {
                    location.put("city", text(random, 1));
                }
                if (random.nextBoolean()) {
                    location.put("address", text(random, 2) + ", " + text(random, 1));
                }
                location.put("latitude", coordinate(random, 90));
                location.put("longitude", coordinate(random, 180));
            }
        }
        if (random.nextBoolean()) {
            r.put("year_incorporated", 1900 + random.nextInt(120));
        }
        if (random.nextBoolean()) {
            r.put("legal_status", text(random, 1));
        }
        if (random.nextBoolean()) {
            r.put("status", random.nextBoolean() ? "active" : "dissolved");
        }
        return r;
    }

    /** Up to nine decimals, sometimes with trailing zeros ({@code 13.750}) or none at all ({@code 100}). */
    static BigDecimal coordinate(Random random, int bound) {
        int scale = random.nextInt(7);
        BigDecimal value = BigDecimal.valueOf(random.nextLong() % (bound * 1_000_000L), 6)
                .setScale(scale, java.math.RoundingMode.HALF_UP);
        return value.setScale(scale + random.nextInt(4));
    }

    private static String text(Random random, int words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            out.add(pick(random, WORDS));
        }
        return String.join(" ", out);
    }

    private static void codes(ArrayNode out, Random random, List<String> from) {
        List<String> pool = new ArrayList<>(from);
        java.util.Collections.shuffle(pool, random);
        pool.subList(0, 1 + random.nextInt(Math.min(3, pool.size()))).forEach(out::add);
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
