package openchat.client;

import java.time.Duration;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * The signals that end the terminal client as /quit does ({@link ChatSession#stop}): SIGTERM, SIGHUP (its terminal was
 * closed) and, where there is no terminal, SIGINT (Ctrl-C with piped input; on a terminal JLine reads Ctrl-C as a
 * key). Without this the JVM dies at once, and the server counts an abnormal disconnect. {@code sun.misc.Signal}
 * (module jdk.unsupported) is the JDK's only way to handle a signal without the JVM exiting; where it is missing, or
 * the signal is ignored (under {@code nohup}), the JVM's own handling stays.
 */
final class ClientSignals {
    /**
     * How long after a signal the process may take to leave and close before it is halted anyway: the stop waits a
     * bounded time for the server, and this bounds everything else (a terminal that no longer takes output).
     */
    static final Duration HALT_AFTER = ChatSession.STOP_LEAVE_TIME.plusSeconds(5);

    private ClientSignals() {}

    /** From now on those signals call {@code stop} with the exit status a process they end has: 128 + the number. */
    static void install(boolean interruptToo, IntConsumer stop) {
        handle("TERM", stop);
        handle("HUP", stop);
        if (interruptToo) {
            handle("INT", stop);
        }
    }

    private static void handle(String name, IntConsumer stop) {
        try {
            Signal.handle(new Signal(name), signal -> {
                int status = 128 + signal.getNumber();
                haltLater(status);
                stop.accept(status);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unsupported) {
            // the JVM's default: the process ends at once
        }
    }

    private static void haltLater(int status) {
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(HALT_AFTER.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(status);
                },
                "openchat-halt");
        halt.setDaemon(true);
        halt.start();
    }
}
