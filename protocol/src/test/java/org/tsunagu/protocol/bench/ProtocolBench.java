package org.tsunagu.protocol.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.tsunagu.protocol.Base64Url;
import org.tsunagu.protocol.Envelope;
import org.tsunagu.protocol.HubId;
import org.tsunagu.protocol.UpdateType;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import org.tsunagu.protocol.sign.Ed25519PublicKey;

/**
 * Measures, in one run, the raw BouncyCastle Ed25519 verify rate and the full envelope path (parse +
 * canonicalise + verify + hash) on 1 and 2 threads, over realistic multilingual org.upsert envelopes.
 * Run by {@code scripts/bench-protocol}; never part of {@code mvn verify} (the class is not a test).
 */
public final class ProtocolBench {
    private static final int ENVELOPES = 512;
    private static final double TARGET = 0.75;

    private final List<byte[]> wire = new ArrayList<>();
    private final List<byte[]> signing = new ArrayList<>();
    private final List<byte[]> signatures = new ArrayList<>();
    private final Ed25519PublicKey pinned;
    private final Ed25519.PublicPoint point;

    private ProtocolBench() throws Exception {
        byte[] seed = MessageDigest.getInstance("SHA-256").digest("tsunagu bench key".getBytes(StandardCharsets.UTF_8));
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
        pinned = key.publicKey();
        point = Ed25519.validatePublicKeyFullExport(pinned.toBytes(), 0);
        HubId origin = HubId.of("jp-janic");
        String prev = null;
        Instant ts = Instant.parse("2026-11-29T02:00:00Z");
        for (int i = 1; i <= ENVELOPES; i++) {
            Envelope e = Envelope.sign(origin, i, prev, ts.plusSeconds(i), UpdateType.ORG_UPSERT, body(i), key);
            prev = e.hash();
            wire.add(e.canonicalBytes());
            signing.add(e.signingBytes());
            signatures.add(Base64Url.decode(e.sig(), "$.sig"));
        }
    }

    /** A realistic ~800-byte record: Japanese, Thai and English text, codes, contacts. */
    static ObjectNode body(int i) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode b = f.objectNode();
        b.put("id", "org-" + (10000 + i));
        b.put("name", "アジア市民連携ネットワーク " + i);
        ObjectNode names = b.putObject("names");
        names.put("ja", "アジア市民連携ネットワーク");
        names.put("en", "Asia Civic Partnership Network");
        names.put("th", "เครือข่ายภาคประชาสังคมเอเชีย");
        b.put("description", "災害支援と地域開発に取り組む市民団体。\"現場\"の声を届けます 🌏");
        b.put("country", "JP");
        b.putArray("countries_of_operation").add("TH");
        b.put("organization_type", "22");
        b.putArray("sectors").add("15150").add("72010");
        b.putArray("languages").add("ja").add("en");
        b.putArray("identifiers").add("JP-JCN-" + (1234567890123L + i));
        b.put("website", "https://acpn.example/");
        ObjectNode loc = b.putArray("locations").addObject();
        loc.put("city", "新宿区");
        loc.put("latitude", 35.6938);
        loc.put("longitude", 139.7034);
        b.put("year_incorporated", 1998);
        return b;
    }

    private interface Op {
        void run(int i);
    }

    private void raw(int i) {
        int k = i % ENVELOPES;
        byte[] msg = signing.get(k);
        if (!Ed25519.verify(signatures.get(k), 0, point, msg, 0, msg.length)) {
            throw new IllegalStateException("raw verify failed");
        }
    }

    private void full(int i) {
        Envelope e = Envelope.parse(wire.get(i % ENVELOPES));
        e.verifySignature(pinned);
        if (e.hash().isEmpty()) {
            throw new IllegalStateException();
        }
    }

    /**
     * One measurement: operations per second of wall-clock time, and per second of CPU time the worker
     * threads actually got (times the thread count). On a machine shared with other work the second
     * is the steadier figure: it does not count the time other processes held the cores.
     */
    private record Rate(double wall, double cpu) {}

    private static Rate measure(Op op, int threads, long millis) throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        LongAdder count = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long cpu0 = mx.getCurrentThreadCpuTime();
                long n = 0;
                while (!stop.get()) {
                    op.run((int) (offset + n));
                    n++;
                }
                cpuNanos.add(mx.getCurrentThreadCpuTime() - cpu0);
                count.add(n);
            });
            w.start();
            workers.add(w);
        }
        long t0 = System.nanoTime();
        start.countDown();
        Thread.sleep(millis);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        long elapsed = System.nanoTime() - t0;
        return new Rate(count.sum() * 1e9 / elapsed, count.sum() * 1e9 * threads / cpuNanos.sum());
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        ProtocolBench b = new ProtocolBench();
        int[] sizes = b.wire.stream().mapToInt(w -> w.length).sorted().toArray();
        System.out.printf(
                "envelopes: %d org.upsert, %d–%d bytes on the wire (JCS), multilingual text%n",
                ENVELOPES, sizes[0], sizes[sizes.length - 1]);
        System.out.printf(
                "rounds: %d × %d ms per measurement, raw and full back to back in each round; medians%n",
                rounds, millis);
        // Warm up both paths on every thread count so the JIT settles before anything counts.
        for (int threads : new int[] {1, 2}) {
            measure(b::raw, threads, millis);
            measure(b::full, threads, millis);
        }
        System.out.println();
        System.out.println("| path | threads | ops/s (wall) | min–max | ops/s per CPU-s × threads | CPU share |");
        System.out.println("|---|---|---|---|---|---|");
        StringBuilder verdict = new StringBuilder();
        boolean met = true;
        for (int threads : new int[] {1, 2}) {
            Rate[] raw = new Rate[rounds];
            Rate[] full = new Rate[rounds];
            for (int r = 0; r < rounds; r++) {
                raw[r] = measure(b::raw, threads, millis);
                full[r] = measure(b::full, threads, millis);
            }
            print("raw BouncyCastle Ed25519 verify (decoded point)", threads, raw);
            print("full: parse + canonicalise + verify + hash", threads, full);
            double wallRatio = median(ratios(full, raw, Rate::wall));
            double cpuRatio = median(ratios(full, raw, Rate::cpu));
            verdict.append(String.format(
                    "%d thread%s: full/raw %.2f by wall clock, %.2f by CPU time%n",
                    threads, threads == 1 ? "" : "s", wallRatio, cpuRatio));
            met &= cpuRatio >= TARGET;
        }
        System.out.println();
        System.out.print(verdict);
        System.out.println(
                "target: full path >= " + TARGET + " of raw verify (by CPU time): " + (met ? "met" : "NOT met"));
    }

    private static double[] ratios(Rate[] full, Rate[] raw, ToDoubleFunction<Rate> f) {
        double[] out = new double[full.length];
        for (int i = 0; i < full.length; i++) {
            out[i] = f.applyAsDouble(full[i]) / f.applyAsDouble(raw[i]);
        }
        return out;
    }

    private static void print(String name, int threads, Rate[] rates) {
        double[] wall = Arrays.stream(rates).mapToDouble(Rate::wall).sorted().toArray();
        double[] cpu = Arrays.stream(rates).mapToDouble(Rate::cpu).toArray();
        double share = median(wall) / median(cpu);
        System.out.printf(
                "| %s | %d | %.0f | %.0f–%.0f | %.0f | %.0f%% |%n",
                name, threads, median(wall), wall[0], wall[wall.length - 1], median(cpu), 100 * share);
    }
}
