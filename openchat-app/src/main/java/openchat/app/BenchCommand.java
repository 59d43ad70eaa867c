package openchat.app;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import openchat.bench.BenchResult;
import openchat.bench.BenchSettings;
import openchat.bench.LoadGenerator;
import openchat.bench.LoadRefused;
import openchat.protocol.OcpMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code openchat bench}: load a chat server (openchat over OCP, or an IRC server) and report what it sustained. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = OpenchatCommand.Version.class,
        description = {
            "Measures a chat server: deliveries per second, latency, and that nothing is lost.",
            "Run the openchat server with --no-flood-control (and a large --max-users) for this.",
            "Progress goes to stderr; the result to stdout (a table, or one JSON object with --json).",
            "It stops at the first message the server throttles (flood control) and says how to turn that off.",
            "A load-testing tool for developers: its help and messages are in English only."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:measured; nothing lost, duplicated or reordered",
            "1:could not run (no server there, a client refused, clients not joined in time)",
            "2:invalid options",
            "3:measured, but messages were lost, duplicated or reordered",
            "4:stopped: the server throttled a client (flood control on)"
        })
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "" + OcpMessage.DEFAULT_PORT,
            split = ",",
            paramLabel = "PORT",
            description = "Server port (default: ${DEFAULT-VALUE}); several, comma-separated, spread the clients over"
                    + " them in turn (the nodes of a cluster, on --host).")
    List<Integer> ports;

    @Option(names = "--protocol", defaultValue = "ocp", description = "ocp or irc (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(
            names = "--clients",
            defaultValue = "5",
            description = "Connections in the room (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--senders", description = "How many of them send (default: all).")
    Integer senders;

    @Option(names = "--window", defaultValue = "0", description = "Closed loop: messages in flight per sender.")
    int window;

    @Option(
            names = "--rate",
            defaultValue = "0",
            converter = DecimalOption.class,
            description = "Open loop: messages per second in all.")
    double rate;

    @Option(
            names = "--seconds",
            defaultValue = "10",
            converter = DecimalOption.class,
            description = "Measured time (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(
            names = "--warmup",
            defaultValue = "3",
            converter = DecimalOption.class,
            description = "Unmeasured time first (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--size", defaultValue = "100", description = "Message body bytes (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(
            names = "--idle",
            description = "Only connect and join the clients, hold them --seconds; report setup time (and RSS).")
    boolean idle;

    @Option(
            names = "--server-pid",
            defaultValue = "0",
            description = "Server process, to report its RSS in --idle mode.")
    long serverPid;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BenchSettings settings;
        try {
            settings = new BenchSettings(
                    host,
                    ports,
                    openchat.bench.WireProtocol.Kind.valueOf(protocol),
                    clients,
                    senders == null ? clients : senders,
                    window,
                    rate,
                    Duration.ofMillis((long) (seconds * 1000)),
                    Duration.ofMillis((long) (warmup * 1000)),
                    size,
                    idle,
                    serverPid);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchResult result;
        try {
            result = new LoadGenerator(settings, line -> System.err.println("bench: " + line)).run();
        } catch (LoadRefused e) {
            return failed(e.getMessage(), 4);
        } catch (IOException e) { // no server there, a client refused, or not all joined in time: said, not traced
            return failed(e.getMessage(), 1);
        }
        System.out.println(json ? result.toJson() : result.toTable());
        return result.lost() == 0 && result.duplicated() == 0 && result.reordered() == 0 ? 0 : 3;
    }

    private int failed(String why, int exitCode) {
        spec.commandLine().getErr().println("bench: " + why);
        spec.commandLine().getErr().flush();
        return exitCode;
    }
}
