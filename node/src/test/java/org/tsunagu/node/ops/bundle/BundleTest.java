package org.tsunagu.node.ops.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.directory.OrganizationView;
import org.tsunagu.node.log.TestHub;
import org.tsunagu.node.ops.StoreNode;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.LogChain;
import org.tsunagu.protocol.UpdateType;

class BundleTest {
    @TempDir
    Path dir;

    private final TestHub hubA = new TestHub("jp-alpha", 1);
    private final TestHub hubB = new TestHub("th-beta", 2);
    private final List<Envelope> logA = new ArrayList<>();
    private Envelope profileB;
    private StoreNode a;
    private StoreNode b;
    private StoreNode c;

    @BeforeEach
    void setUp() {
        logA.add(hubA.profile());
        for (int i = 1; i <= 20; i++) {
            logA.add(hubA.next(UpdateType.ORG_UPSERT, TestHub.org("org-" + i, "Organisation " + i, "JP")));
        }
        // Hub B holds A's log (it follows A); hub C pins A's key but has never heard from it.
        a = new StoreNode(dir.resolve("a.db")).pin(hubA);
        a.ingestAll(logA);
        b = new StoreNode(dir.resolve("b.db")).pin(hubA).pin(hubB);
        b.ingestAll(logA);
        profileB = hubB.profile();
        b.ingestAll(List.of(profileB));
        c = new StoreNode(dir.resolve("c.db")).pin(hubA).pin(hubB);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
        c.close();
    }

    @Test
    void importFrom_bundleOfALogCarriedByB_appliesEveryEnvelopeAtC() throws IOException {
        byte[] bundle = export(b, BundleSelection.everything());

        BundleImportResult result = importer(c).importFrom(new ByteArrayInputStream(bundle));

        assertEquals(22, result.accepted());
        assertEquals(0, result.duplicates());
        assertEquals(
                b.log.heads().stream().map(h -> h.origin() + "@" + h.hash()).toList(),
                c.log.heads().stream().map(h -> h.origin() + "@" + h.hash()).toList());
        Optional<LogChain.Head> head = c.log.head(hubA.id);
        assertEquals(21, head.orElseThrow().seq());
    }

    @Test
    void importFrom_sameBundleTwice_secondTimeOnlyDuplicates() throws IOException {
        byte[] bundle = export(a, BundleSelection.everything());
        importer(c).importFrom(new ByteArrayInputStream(bundle));

        BundleImportResult again = importer(c).importFrom(new ByteArrayInputStream(bundle));

        assertEquals(0, again.accepted());
        assertEquals(21, again.duplicates());
    }

    @Test
    void export_afterSeq_carriesOnlyLaterEnvelopesThatApplyOnTopOfWhatIsHeld() throws IOException {
        c.ingestAll(logA.subList(0, 10));
        byte[] bundle = export(a, new BundleSelection(Set.of(hubA.id), Map.of(hubA.id, 10L), 0));

        BundleImportResult result = importer(c).importFrom(new ByteArrayInputStream(bundle));

        assertEquals(
                new BundleManifest.OriginRange(hubA.id, 11, 21, logA.get(20).hash()),
                result.manifest().origins().get(0));
        assertEquals(11, result.accepted());
        assertEquals(21, c.log.head(hubA.id).orElseThrow().seq());
    }

    @Test
    void plan_originNotHeld_namesIt() {
        BundleExporter exporter = new BundleExporter(a.log, StoreNode.CLOCK);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> exporter.plan(new BundleSelection(Set.of(hubB.id), Map.of(), 0)));
        assertTrue(e.getMessage().contains("th-beta"), e.getMessage());
    }

    @Test
    void importFrom_envelopeReSignedByCarrier_rejectedAndNothingApplied() throws IOException {
        // B puts its own key and signature on A's last envelope, changing its body, and fixes the manifest.
        byte[] bundle = rewrite(export(b, new BundleSelection(Set.of(hubA.id), Map.of(), 0)), lines -> {
            Envelope last = Envelope.parse(lines.get(21));
            ObjectNode body = TestHub.org("org-20", "Taken over by B", "JP");
            Envelope forged =
                    Envelope.sign(hubA.id, last.seq(), last.prev(), TestHub.T0, UpdateType.ORG_UPSERT, body, hubB.key);
            return replaceWithHeadFixed(lines, 21, forged.canonicalJson());
        });

        BundleException e = refusedAtC(bundle);

        assertEquals(22, e.line());
        assertEquals(hubA.id, e.origin());
        assertEquals(21L, e.seq());
        assertTrue(e.getMessage().contains("BAD_SIGNATURE"), e.getMessage());
        assertNothingApplied(c);
    }

    @Test
    void importFrom_bodyEditedWithManifestFixed_rejectedAsBadSignature() throws IOException {
        byte[] bundle = rewrite(export(a, BundleSelection.everything()), lines -> {
            return replaceWithHeadFixed(lines, 21, lines.get(21).replace("Organisation 20", "Organisation XX"));
        });

        BundleException e = refusedAtC(bundle);

        assertEquals(22, e.line());
        assertTrue(e.getMessage().contains("BAD_SIGNATURE"), e.getMessage());
        assertNothingApplied(c);
    }

    @Test
    void importFrom_bodyEditedInTheMiddle_namesTheEditedLine() throws IOException {
        byte[] bundle = rewrite(export(a, BundleSelection.everything()), lines -> {
            lines.set(5, lines.get(5).replace("Organisation 4", "Organisation X"));
            return lines;
        });

        BundleException e = refusedAtC(bundle);

        assertEquals(6, e.line(), "lines.get(5) is line 6: " + e.getMessage());
        assertTrue(e.getMessage().contains("changed after it was signed"), e.getMessage());
        assertNothingApplied(c);
    }

    @Test
    void importFrom_truncatedFile_refusedAndNothingApplied() throws IOException {
        byte[] bundle = export(a, BundleSelection.everything());
        byte[] cut = Arrays.copyOf(bundle, bundle.length * 2 / 3);

        BundleException e = refusedAtC(cut);

        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        assertTrue(e.line() > 1, "names the line where the file stops: " + e.getMessage());
        assertNothingApplied(c);
    }

    @Test
    void importFrom_lastLinesDropped_refusedNamingTheFirstMissingEnvelope() throws IOException {
        byte[] bundle = rewrite(export(a, BundleSelection.everything()), lines -> lines.subList(0, 15));

        BundleException e = refusedAtC(bundle);

        assertEquals(16, e.line());
        assertEquals(15L, e.seq());
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        assertNothingApplied(c);
    }

    @Test
    void importFrom_lineRemovedInTheMiddle_refused() throws IOException {
        byte[] bundle = rewrite(export(a, BundleSelection.everything()), lines -> {
            lines.remove(8);
            lines.add(lines.get(lines.size() - 1));
            return lines;
        });

        BundleException e = refusedAtC(bundle);

        assertEquals(9, e.line());
        assertEquals("$.seq", e.path());
    }

    @Test
    void importFrom_extraLineAfterTheCount_refused() throws IOException {
        byte[] bundle = rewrite(export(a, BundleSelection.everything()), lines -> {
            lines.add(lines.get(3));
            return lines;
        });

        BundleException e = refusedAtC(bundle);

        assertEquals(23, e.line());
        assertNothingApplied(c);
    }

    @Test
    void importFrom_notGzip_refused() {
        byte[] text = "{\"format\":\"tsunagu-bundle/1\"}\n".getBytes(StandardCharsets.UTF_8);
        BundleException e = refusedAtC(text);
        assertEquals(0, e.line());
    }

    @Test
    void importFrom_unknownFormat_refusedOnLineOne() throws IOException {
        byte[] bundle = rewrite(export(a, BundleSelection.everything()), lines -> {
            lines.set(0, lines.get(0).replace("tsunagu-bundle/1", "tsunagu-bundle/9"));
            return lines;
        });
        BundleException e = refusedAtC(bundle);
        assertEquals(1, e.line());
        assertEquals("$.format", e.path());
    }

    @Test
    void importFrom_startsAfterWhatIsHeld_gapRefusedAndNothingApplied() throws IOException {
        byte[] bundle = export(a, new BundleSelection(Set.of(), Map.of(), 5));

        BundleException e = refusedAtC(bundle);

        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("GAP"), e.getMessage());
        assertNothingApplied(c);
    }

    @Test
    void importFrom_originNotPinned_refused() throws IOException {
        try (StoreNode stranger = new StoreNode(dir.resolve("d.db"))) {
            byte[] bundle = export(a, BundleSelection.everything());
            BundleException e =
                    assertThrows(BundleException.class, () -> importer(stranger).importFrom(in(bundle)));
            assertTrue(e.getMessage().contains("UNKNOWN_ORIGIN"), e.getMessage());
            assertEquals(0, stranger.log.count());
        }
    }

    @Test
    void importFrom_faultInALaterBatch_rollsBackEarlierBatches() throws IOException {
        TestHub big = new TestHub("ph-gamma", 3);
        List<Envelope> log = new ArrayList<>();
        log.add(big.profile());
        for (int i = 1; i < 2 * 20 + 10; i++) {
            log.add(big.next(UpdateType.ORG_UPSERT, TestHub.org("o" + i, "Org " + i, "PH")));
        }
        a.pin(big).ingestAll(log);
        c.pin(big);
        int lastLine = log.size() + 1;
        byte[] bundle = rewrite(export(a, new BundleSelection(Set.of(big.id), Map.of(), 0)), lines -> {
            String last = lines.get(lastLine - 1);
            return replaceWithHeadFixed(lines, lastLine - 1, last.replace("\"PH\"", "\"JP\""));
        });

        BundleException e = assertThrows(
                BundleException.class, () -> new BundleImporter(c.db, c.ingestor, 20).importFrom(in(bundle)));

        assertEquals(lastLine, e.line());
        assertEquals(0, c.log.count());
    }

    @Test
    void importFrom_forkOfAHeldLog_keepsEvidenceHaltsOriginAppliesNothingElse() throws IOException {
        c.ingestAll(logA.subList(0, 5));
        TestHub forker = new TestHub("jp-alpha", 1);
        List<Envelope> fork = new ArrayList<>();
        fork.add(forker.profile());
        for (int i = 1; i <= 6; i++) {
            fork.add(forker.next(UpdateType.ORG_UPSERT, TestHub.org("org-" + i, "Fork " + i, "JP")));
        }
        try (StoreNode holder =
                new StoreNode(dir.resolve("fork.db")).pin(forker).pin(hubB)) {
            holder.ingestAll(fork);
            holder.ingestAll(List.of(profileB));
            byte[] bundle = export(holder, BundleSelection.everything());

            BundleException e = refusedAtC(bundle);

            assertTrue(e.getMessage().contains("EQUIVOCATION"), e.getMessage());
            assertEquals(2L, e.seq());
            assertEquals(Set.of(hubA.id), c.alerts.haltedOrigins());
            assertEquals(1, c.alerts.equivocations(hubA.id).size());
            assertEquals(5, c.log.head(hubA.id).orElseThrow().seq());
            assertTrue(c.log.head(hubB.id).isEmpty(), "B's envelope in the same bundle is not applied");
        }
    }

    @Test
    void importFrom_appliedOrganisationsAreSearchable() throws IOException {
        importer(c).importFrom(in(export(b, BundleSelection.everything())));
        Optional<OrganizationView> org =
                new org.tsunagu.node.directory.DirectoryService(c.db).organization(hubA.id, "org-7");
        assertEquals("Organisation 7", org.orElseThrow().record().get("name").asText());
    }

    @Test
    void manifest_toLineAndParse_roundTrip() {
        BundleManifest m = BundleManifest.of(
                StoreNode.CLOCK.instant(),
                List.of(new BundleManifest.OriginRange(
                        hubA.id, 3, 9, logA.get(8).hash())));
        assertEquals(m, BundleManifest.parse(m.toLine().getBytes(StandardCharsets.UTF_8)));
        assertEquals(7, m.count());
    }

    @Test
    void manifest_countNotTheSumOfRanges_refused() {
        String line = BundleManifest.of(
                        StoreNode.CLOCK.instant(),
                        List.of(new BundleManifest.OriginRange(
                                hubA.id, 1, 2, logA.get(1).hash())))
                .toLine()
                .replace("\"count\":2", "\"count\":3");
        BundleException e =
                assertThrows(BundleException.class, () -> BundleManifest.parse(line.getBytes(StandardCharsets.UTF_8)));
        assertEquals("$.count", e.path());
    }

    private BundleException refusedAtC(byte[] bundle) {
        return assertThrows(BundleException.class, () -> importer(c).importFrom(in(bundle)));
    }

    /** Replaces line {@code index} and the manifest's head hash to match, as a careful forger would. */
    private static List<String> replaceWithHeadFixed(List<String> lines, int index, String replacement) {
        String old = lines.get(index);
        lines.set(index, replacement);
        lines.set(
                0,
                lines.get(0)
                        .replace(
                                Envelope.parse(old).hash(),
                                Envelope.parse(replacement).hash()));
        return lines;
    }

    private static BundleImporter importer(StoreNode node) {
        return new BundleImporter(node.db, node.ingestor);
    }

    private static byte[] export(StoreNode node, BundleSelection selection) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BundleExporter(node.log, StoreNode.CLOCK).export(selection, out);
        return out.toByteArray();
    }

    private static ByteArrayInputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private void assertNothingApplied(StoreNode node) {
        assertEquals(0, node.log.count());
        assertTrue(node.alerts.haltedOrigins().isEmpty());
    }

    /** Decompresses a bundle, edits its lines (manifest first), compresses it again. */
    static byte[] rewrite(byte[] bundle, UnaryOperator<List<String>> edit) {
        try {
            String text = new String(
                    new GZIPInputStream(new ByteArrayInputStream(bundle)).readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(List.of(text.split("\n")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                for (String line : edit.apply(lines)) {
                    gz.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
