package org.tsunagu.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.protocol.ProtocolException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "tsunagu",
        mixinStandardHelpOptions = true,
        versionProvider = TsunaguCommand.Version.class,
        description = "Tsunagu node: a hub's signed, federated civil-society directory.",
        subcommands = {
            InitCommand.class,
            ServeCommand.class,
            FingerprintCommand.class,
            VerifyCommand.class,
            HealthcheckCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            ExportBundleCommand.class,
            ImportBundleCommand.class,
            WarmupCommand.class,
            CommandLine.HelpCommand.class
        })
public final class TsunaguCommand implements Runnable {
    /** Exit status of a command that failed for a reason it explained (bad flag values, missing files). */
    public static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The command line with its commands built from {@code context}, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == InitCommand.class) {
                    return type.cast(new InitCommand(context));
                }
                if (type == ServeCommand.class) {
                    return type.cast(new ServeCommand(context));
                }
                if (type == ImportBundleCommand.class) {
                    return type.cast(new ImportBundleCommand(context));
                }
                if (type == WarmupCommand.class) {
                    return type.cast(new WarmupCommand(context));
                }
                return fallback.create(type);
            }
        };
        CommandLine cli = new CommandLine(new TsunaguCommand(), factory);
        cli.setOut(out);
        cli.setErr(err);
        cli.setDefaultValueProvider(new EnvDefaults(context.env()));
        SettingOptions.add(cli.getSubcommands().get("serve").getCommandSpec(), ServeCommand.SETTINGS);
        SettingOptions.add(cli.getSubcommands().get("import-bundle").getCommandSpec(), ImportBundleCommand.SETTINGS);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tsunagu " + commandLine.getCommandName() + ": " + messageOf(e));
            commandLine.getErr().flush();
            return FAILED;
        });
        return cli;
    }

    /** Expected failures carry a message meant for the admin; anything else also names its class. */
    private static String messageOf(Exception e) {
        boolean expected = e instanceof NodeFileException
                || e instanceof IOException
                || e instanceof UncheckedIOException
                || e instanceof ProtocolException;
        if (expected && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TsunaguCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tsunagu " + (version == null ? "development build" : version)};
        }
    }
}
