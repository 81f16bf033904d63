package org.tsunagu.node.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import org.tsunagu.protocol.codes.CodeLists;

/**
 * The names the page shows for codes (sectors, organisation types, and English fallbacks for
 * countries and languages where the browser has no name), as one JSON document served beside the
 * scripts. Built from the protocol's code lists, so the page names exactly the codes bodies accept.
 */
final class CodeNames {
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";

    private CodeNames() {}

    static byte[] json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        // CodeLists answers lookups rather than listing its entries; the code spaces are small
        // (at most 100,000 five-digit sectors), so walking them once at start-up costs a few ms.
        ObjectNode sectors = root.putObject("sectors");
        walk(sectors, DIGITS, 3, CodeLists::sectorName);
        walk(sectors, DIGITS, 5, CodeLists::sectorName);
        walk(root.putObject("organization_types"), DIGITS, 2, CodeLists::organisationTypeName);
        walk(root.putObject("organization_roles"), DIGITS, 1, CodeLists::organisationRoleName);
        walk(root.putObject("countries"), UPPER, 2, CodeLists::countryName);
        walk(root.putObject("languages"), LOWER, 2, CodeLists::languageName);
        try {
            return mapper.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("code names do not serialise", e);
        }
    }

    /** Every code of {@code length} characters from {@code alphabet}, in order, that the lookup names. */
    private static void walk(ObjectNode out, String alphabet, int length, Function<String, Optional<String>> lookup) {
        int radix = alphabet.length();
        int count = (int) Math.pow(radix, length);
        char[] code = new char[length];
        for (int n = 0; n < count; n++) {
            int rest = n;
            for (int i = length - 1; i >= 0; i--) {
                code[i] = alphabet.charAt(rest % radix);
                rest /= radix;
            }
            String text = new String(code);
            lookup.apply(text).ifPresent(name -> out.put(text, name));
        }
    }
}
