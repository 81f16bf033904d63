package org.tsunagu.protocol.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the conformance vectors of {@code protocol/vectors/}. Run by {@code scripts/generate-vectors};
 * the output is deterministic (fixed keys, timestamps and member order), and {@code
 * VectorGeneratorTest} checks that the committed files are exactly what this writes.
 */
public final class VectorGenerator {
    static final String ENVELOPES = "envelopes.json";
    static final String MALFORMED = "malformed.json";
    static final String CANONICAL = "canonical.json";
    static final String FIRST_CONTACT = "first-contact.json";
    static final String ENVELOPES_V2 = "envelopes-v2.json";
    static final String RECEIPTS = "erasure-receipts.json";
    static final String SEALED = "sealed.json";

    private static final ObjectWriter WRITER = JsonMapper.builder()
            .build()
            .writer(new DefaultPrettyPrinter()
                    .withSeparators(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private VectorGenerator() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "protocol/vectors");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : render().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + dir.resolve(file.getKey()));
        }
    }

    /** File name → exact file text. */
    static Map<String, String> render() {
        VectorKeys keys = new VectorKeys();
        VectorChain chain = new VectorChain(keys);
        Map<String, String> files = new LinkedHashMap<>();
        ObjectNode envelopes = file(VectorDescriptions.ENVELOPES);
        envelopes.set("keys", keys.toJson());
        envelopes.set("cases", new EnvelopeVectors(chain).build());
        files.put(ENVELOPES, text(envelopes));
        ObjectNode malformed = file(VectorDescriptions.MALFORMED);
        malformed.set("cases", new MalformedVectors(chain).build());
        files.put(MALFORMED, text(malformed));
        ObjectNode canonical = file(VectorDescriptions.CANONICAL);
        canonical.set("cases", new CanonicalVectors().build());
        files.put(CANONICAL, text(canonical));
        FirstContactVectors firstContact = new FirstContactVectors();
        ObjectNode first = file(VectorDescriptions.FIRST_CONTACT);
        first.set("keys", firstContact.keys());
        first.set("cases", firstContact.build());
        files.put(FIRST_CONTACT, text(first));
        EnvelopeV2Vectors v2 = new EnvelopeV2Vectors();
        ObjectNode envelopesV2 = file(VectorDescriptions.ENVELOPES_V2, 2);
        envelopesV2.set("keys", v2.keysJson());
        envelopesV2.set("cases", v2.build());
        files.put(ENVELOPES_V2, text(envelopesV2));
        ReceiptVectors receipts = new ReceiptVectors();
        ObjectNode receiptFile = file(VectorDescriptions.RECEIPTS, 2);
        receiptFile.set("keys", receipts.keysJson());
        receiptFile.set("cases", receipts.build());
        files.put(RECEIPTS, text(receiptFile));
        SealedVectors sealed = new SealedVectors();
        ObjectNode sealedFile = file(VectorDescriptions.SEALED, 2);
        sealedFile.set("cases", sealed.build());
        sealedFile.set("keys", sealed.keysJson());
        files.put(SEALED, text(sealedFile));
        return files;
    }

    private static ObjectNode file(String description) {
        return file(description, 1);
    }

    private static ObjectNode file(String description, int version) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("description", description);
        root.put("protocol_version", version);
        root.put("generator", "protocol/src/test/java/org/tsunagu/protocol/vectors/VectorGenerator.java");
        return root;
    }

    private static String text(ObjectNode root) {
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
