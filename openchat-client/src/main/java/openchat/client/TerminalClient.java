package openchat.client;

import java.io.Console;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The terminal client's entry points. */
public final class TerminalClient {
    private static final Logger log = LoggerFactory.getLogger(TerminalClient.class);

    private TerminalClient() {
    }

    /**
     * Runs on the process's own terminal: JLine when there is a console, plain lines when input is piped.
     * Returns the exit code.
     */
    public static int runOnSystemTerminal(ClientConfig config) {
        return new ChatSession(config, systemUi(), ZoneId.systemDefault()).run();
    }

    /** Runs with the given streams (piped input, tests). Returns the exit code. */
    public static int run(ClientConfig config, InputStream in, OutputStream out) {
        return run(config, in, out, ZoneId.systemDefault());
    }

    static int run(ClientConfig config, InputStream in, OutputStream out, ZoneId zone) {
        return new ChatSession(config, new PlainUi(in, out), zone).run();
    }

    private static TerminalUi systemUi() {
        if (!hasInteractiveConsole()) {
            // Piped or redirected: JLine would only warn that it falls back to a dumb terminal.
            return new PlainUi(System.in, System.out);
        }
        try {
            return JLineUi.onSystemTerminal();
        } catch (UncheckedIOException | IllegalStateException e) {
            log.warn("cannot open the terminal ({}); reading plain lines", e.toString());
            return new PlainUi(System.in, System.out);
        }
    }

    /**
     * True when standard input and output are a terminal. From Java 22 {@link System#console()} is not null
     * even when they are redirected, and {@code Console.isTerminal()} (called reflectively, as this compiles
     * for 17) tells.
     */
    static boolean hasInteractiveConsole() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17-21: a console exists only on a terminal
        }
    }
}
