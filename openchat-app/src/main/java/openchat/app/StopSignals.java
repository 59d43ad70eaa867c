package openchat.app;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) start a graceful stop instead of killing the JVM, so the server can tell its
 * members and exit 0; SIGHUP, as on ergo, InspIRCd and Prosody (systemd's {@code ExecReload=kill -HUP $MAINPID}),
 * reloads what can be reloaded and never stops. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only
 * way to handle a signal without also exiting; where it is missing, a shutdown hook still tells the members.
 */
final class StopSignals {
    private StopSignals() {}

    static void onStop(Consumer<String> stop) {
        try {
            Signal.handle(new Signal("TERM"), signal -> stop.accept("SIGTERM"));
            Signal.handle(new Signal("INT"), signal -> stop.accept("SIGINT"));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unsupported) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop.accept("JVM shutdown"), "openchat-stop"));
        }
    }

    /**
     * SIGHUP runs {@code reload} (on the JVM's signal thread) instead of ending the process. Where signals cannot be
     * handled (not POSIX), there is no SIGHUP to handle.
     */
    static void onReload(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.run());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unsupported) {
            // no SIGHUP on this platform
        }
    }
}
