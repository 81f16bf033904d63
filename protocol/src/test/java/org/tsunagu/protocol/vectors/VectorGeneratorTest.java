package org.tsunagu.protocol.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorGeneratorTest {
    @Test
    void render_comparedWithCommittedFiles_isIdentical() throws IOException {
        Path here = Path.of("vectors");
        Path dir = Files.isDirectory(here) ? here : Path.of("protocol", "vectors");
        for (Map.Entry<String, String> file : VectorGenerator.render().entrySet()) {
            assertEquals(
                    file.getValue(),
                    Files.readString(dir.resolve(file.getKey()), StandardCharsets.UTF_8),
                    file.getKey() + " differs from what scripts/generate-vectors writes: run it and review the diff");
        }
    }
}
