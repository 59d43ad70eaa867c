package openchat.app;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import openchat.bench.BareRelay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openchat bench-relay}: the bare IRC-shaped relay, the physical-limit reference for the bench. */
@Command(
        name = "bench-relay",
        mixinStandardHelpOptions = true,
        versionProvider = OpenchatCommand.Version.class,
        description = {
            "Runs the bare relay (frames lines, copies PRIVMSG to everyone else) until SIGTERM or Ctrl-C.",
            "A load-testing tool for developers: its help and messages are in English only."
        })
final class RelayCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "6667", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (BareRelay relay = BareRelay.start(host, port)) {
            System.out.println("bench-relay listening on " + host + ":" + relay.port());
            StopSignals.onStop(signal -> stop.countDown());
            stop.await();
        }
        return 0;
    }
}
