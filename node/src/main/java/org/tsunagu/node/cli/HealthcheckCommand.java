package org.tsunagu.node.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "healthcheck",
        mixinStandardHelpOptions = true,
        description = {
            "Ask a running node on this machine for GET /healthz: exit 0 if it answers 200, else 1.",
            "For container health checks (the image needs no curl)."
        })
final class HealthcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "N",
            defaultValue = "8080",
            description = "The node's port. Env: TSUNAGU_PORT. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(
            names = "--host",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "The node's address (a wildcard address means this machine). Env: TSUNAGU_HOST.")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        String target = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        URI uri =
                URI.create("http://" + (target.contains(":") ? "[" + target + "]" : target) + ":" + port + "/healthz");
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3))
                .build();
        try {
            HttpResponse<Void> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            spec.commandLine().getOut().println(uri + " " + response.statusCode());
            return response.statusCode() == 200 ? 0 : TsunaguCommand.FAILED;
        } catch (IOException e) {
            spec.commandLine().getErr().println(uri + " unreachable: " + reason(e));
            return TsunaguCommand.FAILED;
        }
    }

    /**
     * Why the node could not be reached, in words: the JDK's client throws a ConnectException with no
     * message for a refused connection, which printed as "unreachable: null".
     */
    static String reason(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused (is the node running and listening on that port?)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer within 5 seconds";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
