package org.tsunagu.node.directory;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.tsunagu.node.log.TestHub;

/** Organisations with random filter values from small sets, so that searches and counts overlap. */
final class RandomOrgs {
    static final String[] COUNTRIES = {"JP", "TH", "PH", "KH"};
    static final String[] SECTORS = {"15150", "15160", "11220", "12220", "151", "31120"};
    static final String[] LANGUAGES = {"ja", "ja-JP", "en", "th", "fil", "en-GB"};
    static final String[] WORDS = {"education", "health", "water", "rights"};

    private RandomOrgs() {}

    /** An {@code org.upsert} body named after one of {@link #WORDS}, with random filter values. */
    static ObjectNode org(Random random, String id) {
        String word = WORDS[random.nextInt(WORDS.length)];
        ObjectNode body = TestHub.org(id, "Group for " + word + " " + id, COUNTRIES[random.nextInt(COUNTRIES.length)]);
        ArrayNode sectors = body.putArray("sectors");
        random.ints(random.nextInt(3), 0, SECTORS.length).distinct().forEach(k -> sectors.add(SECTORS[k]));
        ArrayNode languages = body.putArray("languages");
        random.ints(1 + random.nextInt(2), 0, LANGUAGES.length).distinct().forEach(k -> languages.add(LANGUAGES[k]));
        ArrayNode operations = body.putArray("countries_of_operation");
        random.ints(random.nextInt(3), 0, COUNTRIES.length).distinct().forEach(k -> operations.add(COUNTRIES[k]));
        return body;
    }
}
