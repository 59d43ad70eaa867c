package openchat.client;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.ZoneId;

/** The terminal client's entry points. */
public final class TerminalClient {
    private TerminalClient() {}

    /**
     * Runs on the process's own terminal: JLine when there is a console, plain lines when input is piped. SIGTERM and
     * SIGHUP (and SIGINT when input is piped) leave the chat as /quit does, and the exit status is the signal's.
     * Returns the exit code.
     */
    public static int runOnSystemTerminal(ClientConfig config) {
        boolean terminal = System.console() != null;
        TerminalUi ui = terminal ? JLineUi.onSystemTerminal() : new PlainUi(System.in, System.out);
        ChatSession session = new ChatSession(config, ui, ZoneId.systemDefault());
        ClientSignals.install(!terminal, session::stop);
        return session.run();
    }

    /** Runs with the given streams (piped input, tests). Returns the exit code. */
    public static int run(ClientConfig config, InputStream in, OutputStream out) {
        return run(config, in, out, ZoneId.systemDefault());
    }

    static int run(ClientConfig config, InputStream in, OutputStream out, ZoneId zone) {
        return new ChatSession(config, new PlainUi(in, out), zone).run();
    }
}
