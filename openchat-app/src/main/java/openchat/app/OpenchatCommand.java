package openchat.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code openchat}: the chat server and the terminal client in one command. */
@Command(
        name = "openchat",
        mixinStandardHelpOptions = true,
        versionProvider = OpenchatCommand.Version.class,
        description = "An open chat-room server and terminal client (OCP/1.0).",
        subcommands = {
            ServerCommand.class,
            ClientCommand.class,
            BenchCommand.class,
            RelayCommand.class,
            DefaultConfigCommand.class,
            CommandLine.HelpCommand.class
        })
public final class OpenchatCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Netty's object recycler (pooled buffer and duplicate objects kept per thread for reuse) is off unless
     * the property is given: plain allocation was faster in every paired run of the bench (closed-5 2.34M and
     * 2.69M against 2.29M and 2.15M deliveries/s; closed-500 4.34M and 3.79M against 3.85M and 3.61M), the
     * recycler's queues costing more than the young collections it saves. Set before any Netty class loads.
     */
    static final String RECYCLER_PROPERTY = "io.netty.recycler.maxCapacityPerThread";

    /**
     * Netty's leak detector is off unless the property is given: at its default level it records a stack trace
     * for one buffer in 128, 1.5 % of the server's core in the IRC closed-5 profile (bench/profiles). The tests
     * run it at its strictest level on every buffer ({@code paranoid}), and so can a server when a leak is
     * suspected: {@code OPENCHAT_JAVA_OPTS=-Dio.netty.leakDetection.level=paranoid}.
     */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    public static void main(String[] args) {
        if (System.getProperty(RECYCLER_PROPERTY) == null) {
            System.setProperty(RECYCLER_PROPERTY, "0");
        }
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            System.setProperty(LEAK_DETECTION_PROPERTY, "disabled");
        }
        System.exit(commandLine().execute(args));
    }

    /** The command line, as main runs it; tests execute it too. */
    public static CommandLine commandLine() {
        return new CommandLine(new OpenchatCommand())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> refused(e));
    }

    /**
     * A usage error in a few lines: what is wrong, the nearest name to a mistyped option or subcommand, and where
     * the options are described. The whole usage help (90 lines for the server) would push the one line that
     * matters off the screen; a refused config file gets no pointer to --help, which says nothing about the file.
     */
    private static int refused(CommandLine.ParameterException e) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("openchat: " + inPlainWords(e.getMessage()));
        if (!(e instanceof ConfigFile.ConfigFileException)) {
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
                meant(unmatched).ifPresent(name -> err.println("Did you mean '" + name + "'?"));
            }
            err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for its options.");
        }
        err.flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The option or subcommand the first unknown word was probably meant to be ({@code --prot}: --port). */
    private static Optional<String> meant(CommandLine.UnmatchedArgumentException unmatched) {
        List<String> words = unmatched.getUnmatched();
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String typed = words.get(0).split("=", 2)[0];
        CommandLine.Model.CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
        List<String> names = typed.startsWith("-")
                ? spec.options().stream().flatMap(o -> Arrays.stream(o.names())).toList()
                : List.copyOf(spec.subcommands().keySet());
        return NearestName.in(typed, names);
    }

    /** picocli names the Java type a value did not convert to ("'abc' is not an int"); a person wants the kind. */
    static String inPlainWords(String problem) {
        return problem.replaceAll("'(-?\\d+)' is not an? (int|long)\\b", "'$1' is too large a number")
                .replaceAll("' is not an? (int|long)\\b", "' is not a whole number")
                .replaceAll("' is not a double\\b", "' is not a number")
                .replaceAll("' is not a boolean\\b", "' is not true or false");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: server or client");
    }

    /** The version Maven wrote into openchat-version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = OpenchatCommand.class.getResourceAsStream("/openchat-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "openchat " + properties.getProperty("version", "unknown"), "Java " + System.getProperty("java.version")
            };
        }
    }
}
