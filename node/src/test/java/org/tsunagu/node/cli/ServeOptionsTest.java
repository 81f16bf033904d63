package org.tsunagu.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tsunagu.node.federation.FederationConfig;
import org.tsunagu.protocol.HubId;
import picocli.CommandLine;

/** {@code serve} options that shape the node without starting it. */
class ServeOptionsTest {
    private static ServeCommand parse(String... args) {
        CliContext context = new CliContext(Map.of(), Clock.systemUTC(), new SecureRandom());
        CommandLine cl = TsunaguCommand.commandLine(
                context, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        CommandLine.ParseResult parsed = cl.parseArgs(args);
        return (ServeCommand) parsed.subcommand().commandSpec().userObject();
    }

    private static boolean learns(ServeCommand serve) {
        FederationConfig defaults = FederationConfig.defaults(HubId.of("jp-test"), () -> "http://127.0.0.1:8080/");
        return serve.federationSettings().apply(defaults).learnOrigins();
    }

    @Test
    void relayedOrigins_defaultOrLearn_learnsOnFirstSight() {
        assertTrue(learns(parse("serve")));
        assertTrue(learns(parse("serve", "--relayed-origins", "learn")));
    }

    @Test
    void relayedOrigins_pinned_onlyOriginsAnAdminPinned() {
        assertFalse(learns(parse("serve", "--relayed-origins", "pinned")));
    }

    @Test
    void relayedOrigins_unknownPolicy_exitsTwo() {
        assertEquals(
                2,
                CliTest.run(Map.of(), "serve", "--relayed-origins", "everything")
                        .status());
    }
}
