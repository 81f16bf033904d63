package org.tsunagu.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.tsunagu.node.home.NodeFileException;
import org.tsunagu.node.settings.Setting;
import org.tsunagu.protocol.ProtocolException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "tsunagu",
        mixinStandardHelpOptions = true,
        versionProvider = TsunaguCommand.Version.class,
        description = "Tsunagu node: a hub's signed, federated civil-society directory.")
public final class TsunaguCommand implements Runnable {
    /** Exit status of a command that failed for a reason it explained (bad flag values, missing files). */
    public static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Every command, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
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
            CommandLine.HelpCommand.class);

    /** The command line with all its commands built from {@code context}, writing to {@code out} and {@code err}. */
    public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
        return commandLine(context, out, err, COMMANDS);
    }

    /**
     * The command line to run {@code args} with: when they start with a command's name, only that
     * command is built. Picocli reads every option of every command it is given by reflection, on classes
     * that class-data sharing cannot keep (picocli's are Java 5 class files): building all eleven was
     * ~190 ms of a node's start on two cores (issue 14), one is a fraction of it. Anything else (no
     * command, {@code --help}, {@code help}, a misspelt name) gets all of them, so help and errors list them.
     */
    public static CommandLine commandLineFor(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        if (args.length > 0) {
            for (Class<?> command : COMMANDS) {
                if (command != CommandLine.HelpCommand.class
                        && command.getAnnotation(Command.class).name().equals(args[0])) {
                    return commandLine(context, out, err, List.of(command));
                }
            }
        }
        return commandLine(context, out, err);
    }

    private static CommandLine commandLine(
            CliContext context, PrintWriter out, PrintWriter err, List<Class<?>> commands) {
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
        for (Class<?> command : commands) {
            try {
                cli.addSubcommand(new CommandLine(factory.create(command), factory));
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the command " + command.getName(), e);
            }
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setDefaultValueProvider(new EnvDefaults(context.env()));
        addSettings(cli, "serve", ServeCommand.SETTINGS);
        addSettings(cli, "import-bundle", ImportBundleCommand.SETTINGS);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("tsunagu " + commandLine.getCommandName() + ": " + messageOf(e));
            commandLine.getErr().flush();
            return FAILED;
        });
        return cli;
    }

    private static void addSettings(CommandLine cli, String command, List<Setting<?>> settings) {
        CommandLine sub = cli.getSubcommands().get(command);
        if (sub != null) {
            SettingOptions.add(sub.getCommandSpec(), settings);
        }
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
