package org.tsunagu.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shaded jar run as a real child process, as an admin would run it. */
public final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final URI base;
    private final String startup;

    private NodeProcess(Process process, URI base, String startup) {
        this.process = process;
        this.base = base;
        this.startup = startup;
    }

    /** A node's start: where it listens, and what it printed up to saying so. */
    private record Started(URI base, String output) {}

    /** Exit status and output of a command that runs to completion. */
    public record Result(int status, String out) {}

    public static Path jar() {
        Path jar = Path.of(System.getProperty("tsunagu.jar", "target/tsunagu.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `mvn package`");
        }
        return jar;
    }

    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1"));
        // Benchmarks start the node as scripts/tsunagu does, with its class-data sharing archive.
        String archive = System.getProperty("tsunagu.jsa");
        if (archive != null && Files.isRegularFile(Path.of(archive))) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return command;
    }

    public static Result run(String... args) throws IOException, InterruptedException {
        Process process =
                new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("tsunagu " + String.join(" ", args) + " did not finish:\n" + out);
        }
        return new Result(process.exitValue(), out);
    }

    /** Starts {@code serve} on a free port and waits until it says where it listens. */
    public static NodeProcess serve(Path data, String... extra) throws IOException, InterruptedException {
        return serve(data, Map.of(), extra);
    }

    /** The same with {@code env} added to the environment (TSUNAGU_* settings). */
    public static NodeProcess serve(Path data, Map<String, String> env, String... extra)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        args.addAll(List.of(extra));
        return serveAsConfigured(data, env, args.toArray(String[]::new));
    }

    /** The same without choosing a port: serve listens where node.json (or {@code env}, {@code extra}) says. */
    public static NodeProcess serveAsConfigured(Path data, Map<String, String> env, String... extra)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("serve", "--data", data.toString()));
        args.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command(args.toArray(String[]::new))).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Started> listening = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                for (String line; (line = lines.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        // Keep draining so the child never blocks on a full pipe.
                        Thread drain = new Thread(() -> lines.lines().forEach(l -> {}));
                        drain.setDaemon(true);
                        drain.start();
                        return new Started(URI.create(m.group(1)), seen.toString());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("serve stopped before listening:\n" + seen);
        });
        try {
            Started started = listening.get(60, TimeUnit.SECONDS);
            return new NodeProcess(process, started.base(), started.output());
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("serve did not start", e);
        }
    }

    public URI base() {
        return base;
    }

    /** What the node printed until it was listening (the settings in force, follows, seeding). */
    public String startupOutput() {
        return startup;
    }

    /** Resident memory of the node process (VmRSS), in KiB. */
    public long rssKib() throws IOException {
        return rssKib(process.pid());
    }

    /** Resident memory of process {@code pid} (VmRSS), in KiB; -1 if the kernel does not say. */
    public static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** kill -9: no shutdown hook runs, nothing is flushed by the JVM. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, the way a service manager stops the node; returns the exit status. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
