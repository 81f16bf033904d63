package org.tsunagu.node.ops.bundle;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Any file handed to {@code import-bundle} (raw, or its content gzipped as a real bundle is) is read to
 * its end or refused with a typed {@link BundleException} naming the line.
 */
class BundleReaderFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void read_anyFile_entriesOrTypedError(FuzzedDataProvider data) {
        boolean raw = data.consumeBoolean();
        byte[] content = data.consumeRemainingAsBytes();
        byte[] file = raw ? content : gzip(content);
        try (BundleReader reader = new BundleReader(new ByteArrayInputStream(file))) {
            reader.manifest();
            for (List<BundleReader.Entry> page = reader.next(64); !page.isEmpty(); page = reader.next(64)) {
                page.forEach(entry -> entry.envelope().hash());
            }
        } catch (BundleException expected) {
            // refused with the line at fault
        }
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
