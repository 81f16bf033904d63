package org.tsunagu.node.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tsunagu.node.NodeProcess;

/**
 * Node benchmark, driven by scripts/bench-node: the shaded jar as a real process, loaded over HTTP
 * from this process on the same machine. Prints start-up time to the first 200 of /healthz, admin
 * writes per second with 1 and 8 clients (each write = one signed org.upsert acknowledged with 201),
 * bulk import rate, and resident memory idle and after the load.
 */
public final class NodeHttpBench {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final List<String> jvm;
    private final Path work;
    private final List<String[]> rows = new ArrayList<>();

    private NodeHttpBench(List<String> jvm, Path work) {
        this.jvm = jvm;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        int writes = 4000;
        int starts = 5;
        int importRows = 20_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--writes" -> writes = Integer.parseInt(args[++i]);
                case "--starts" -> starts = Integer.parseInt(args[++i]);
                case "--import-rows" -> importRows = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String opts = System.getenv()
                .getOrDefault(
                        "TSUNAGU_JAVA_OPTS",
                        "-XX:+UseSerialGC -Xms64m -Xmn32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError");
        Path work = Files.createTempDirectory("tsunagu-bench");
        NodeHttpBench bench = new NodeHttpBench(List.of(opts.trim().split("\\s+")), work);
        String archive = System.getProperty("tsunagu.jsa");
        System.out.println("JVM flags: " + opts
                + (archive != null && Files.isRegularFile(Path.of(archive)) ? " + class-data sharing archive" : ""));
        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores; node and load"
                + " generator share them; load average before: "
                + Files.readString(Path.of("/proc/loadavg")).trim());
        bench.startUp(starts);
        bench.writes(writes);
        bench.bulkImport(importRows);
        bench.print();
    }

    private record Node(Process process, int port, String token) implements AutoCloseable {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private String init(String name) throws IOException, InterruptedException {
        Path data = work.resolve(name);
        Process init = new ProcessBuilder(
                        command("init", "--data", data.toString(), "--hub", "jp-bench", "--country", "JP"))
                .redirectErrorStream(true)
                .start();
        String out = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (init.waitFor() != 0) {
            throw new IllegalStateException(out);
        }
        Matcher token = Pattern.compile("admin token\\s+(\\S+)").matcher(out);
        if (!token.find()) {
            throw new IllegalStateException(out);
        }
        return token.group(1);
    }

    /** Starts serve on a free port; returns once /healthz answers 200, with the elapsed time. */
    private Node serve(String name, String token, long[] elapsedMillis) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(
                        command("serve", "--data", work.resolve(name).toString(), "--port", Integer.toString(port)))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Node node = new Node(process, port, token);
        HttpRequest health = HttpRequest.newBuilder(node.uri("/healthz")).build();
        while (true) {
            try {
                if (CLIENT.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("serve exited with " + process.exitValue());
                }
            }
            Thread.sleep(5);
        }
        elapsedMillis[0] = (System.nanoTime() - t0) / 1_000_000;
        return node;
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        String archive = System.getProperty("tsunagu.jsa");
        if (archive != null && Files.isRegularFile(Path.of(archive))) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        command.add("-jar");
        command.add(NodeProcess.jar().toString());
        command.addAll(Arrays.asList(args));
        return command;
    }

    private void startUp(int runs) throws Exception {
        String token = init("start");
        long[] times = new long[runs];
        long rss = 0;
        for (int i = 0; i < runs; i++) {
            long[] elapsed = new long[1];
            try (Node node = serve("start", token, elapsed)) {
                times[i] = elapsed[0];
                Thread.sleep(2000);
                rss = rssKib(node.process().pid());
            }
        }
        Arrays.sort(times);
        rows.add(new String[] {
            "start to first /healthz 200",
            "median " + times[runs / 2] + " ms",
            "min " + times[0] + ", max " + times[runs - 1] + " ms, " + runs + " starts"
        });
        rows.add(new String[] {"RSS idle (2 s after start)", mib(rss), "VmRSS of the node process"});
    }

    private void writes(int count) throws Exception {
        String token = init("writes");
        long[] elapsed = new long[1];
        try (Node node = serve("writes", token, elapsed)) {
            run(node, 8, Math.min(count, 3000), "warm-up");
            for (int clients : new int[] {1, 8}) {
                long cpu0 = cpuMillis(node.process().pid());
                Result r = run(node, clients, count, "c" + clients);
                double cpuPerWrite = (cpuMillis(node.process().pid()) - cpu0) * 1000.0 / count;
                rows.add(new String[] {
                    "admin writes, " + clients + " client" + (clients > 1 ? "s" : ""),
                    String.format("%.0f writes/s", r.perSecond()),
                    String.format(
                            "p50 %.1f ms, p99 %.1f ms, %d writes; node CPU %.0f us/write",
                            r.p50(), r.p99(), count, cpuPerWrite)
                });
            }
            rows.add(new String[] {
                "RSS after the write load", mib(rssKib(node.process().pid())), ""
            });
        }
    }

    private record Result(double perSecond, double p50, double p99) {}

    private static Result run(Node node, int clients, int count, String prefix) throws Exception {
        AtomicLong next = new AtomicLong();
        long[] latencies = new long[count];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                try (KeepAliveClient client = new KeepAliveClient(node.port())) {
                    for (long i; (i = next.getAndIncrement()) < count; ) {
                        String body = "{\"id\":\"" + prefix + "-" + i + "\",\"name\":\"Benchmark organisation " + i
                                + "\",\"names\":{\"ja\":\"ベンチマーク団体" + i + "\"},\"country\":\"JP\","
                                + "\"sectors\":[\"15150\"],\"languages\":[\"ja\",\"en\"],"
                                + "\"description\":\"A made-up organisation for load.\"}";
                        long start = System.nanoTime();
                        KeepAliveClient.Response response = client.post("/admin/v1/organizations", node.token(), body);
                        latencies[(int) i] = System.nanoTime() - start;
                        if (response.status() != 201) {
                            throw new IllegalStateException(response.status() + " " + response.body());
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Arrays.sort(latencies);
        return new Result(
                count / seconds, latencies[count / 2] / 1e6, latencies[Math.min(count - 1, count * 99 / 100)] / 1e6);
    }

    private void bulkImport(int count) throws Exception {
        String token = init("import");
        StringBuilder csv = new StringBuilder("id,name,names.ja,sectors,languages,city\n");
        for (int i = 0; i < count; i++) {
            csv.append("imp-")
                    .append(i)
                    .append(",Imported organisation ")
                    .append(i)
                    .append(",輸入団体")
                    .append(i)
                    .append(",15150|43010,ja|en,Tokyo\n");
        }
        long[] elapsed = new long[1];
        try (Node node = serve("import", token, elapsed)) {
            HttpRequest request = HttpRequest.newBuilder(node.uri("/admin/v1/import/organizations"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                    .build();
            long t0 = System.nanoTime();
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            rows.add(new String[] {
                "CSV import, all or nothing",
                String.format("%.0f records/s", count / seconds),
                count + " rows in " + String.format("%.1f s", seconds) + ", one signed update each"
            });
            rows.add(new String[] {
                "RSS after the import", mib(rssKib(node.process().pid())), ""
            });
        }
    }

    private static long rssKib(long pid) throws IOException {
        return NodeProcess.rssKib(pid);
    }

    /** User + system CPU time of a process so far (clock ticks of 10 ms on Linux). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static String mib(long kib) {
        return String.format("%.0f MiB", kib / 1024.0);
    }

    private void print() {
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        String format = "| %-" + widths[0] + "s | %" + widths[1] + "s | %-" + widths[2] + "s |%n";
        System.out.printf(format, "measure", "figure", "notes");
        System.out.printf(
                "|%s|%s|%s|%n", "-".repeat(widths[0] + 2), "-".repeat(widths[1] + 2), "-".repeat(widths[2] + 2));
        rows.stream().sorted(Comparator.comparing(r -> 0)).forEach(r -> System.out.printf(format, (Object[]) r));
    }
}
