package openchat.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * The interactive terminal: JLine edits the input line, and incoming lines are printed above it
 * ({@link LineReader#printAbove}), so what the person is typing is never garbled.
 */
final class JLineUi implements TerminalUi {
    private static final String PROMPT = "> ";

    private final Terminal terminal;
    private final LineReader reader;
    private volatile boolean reading;

    JLineUi(Terminal terminal) {
        this.terminal = terminal;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("openchat")
                // A chat line is text: "!" and "^" must not be history expansions.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
    }

    static JLineUi onSystemTerminal() {
        try {
            return new JLineUi(TerminalBuilder.builder().system(true).name("openchat").build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String readLine() throws Interrupted {
        reading = true;
        try {
            return reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
            throw new Interrupted();
        } catch (EndOfFileException e) {
            return null;
        } finally {
            reading = false;
        }
    }

    @Override
    public void print(String line) {
        reader.printAbove(line);
    }

    @Override
    public void close() {
        if (reading) {
            // The session ended while a prompt was shown (kicked, server stopped): take the prompt away.
            terminal.puts(InfoCmp.Capability.carriage_return);
            terminal.puts(InfoCmp.Capability.clr_eol);
            terminal.flush();
        }
        try {
            terminal.close();
        } catch (IOException ignored) {
            // closing the terminal on the way out; nothing more to do
        }
    }
}
