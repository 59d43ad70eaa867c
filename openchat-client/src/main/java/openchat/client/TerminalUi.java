package openchat.client;

import java.util.List;
import java.util.function.Predicate;

/**
 * Where the person is: lines in, lines out. Knows nothing of bytes or the protocol. {@link #print} may be
 * called from any thread, also while another thread waits in {@link #readLine}; the line appears above
 * whatever is being typed.
 */
interface TerminalUi extends AutoCloseable {

    /** The next line typed, or null at the end of input (Ctrl-D, a closed pipe). */
    String readLine() throws Interrupted;

    void print(String line);

    /**
     * Several lines as one block (a help text, a table): a line printed from another thread cannot land between them,
     * and on a terminal the line being typed stays below the block, whole.
     */
    default void printBlock(List<String> lines) {
        print(String.join("\n", lines));
    }

    /** A line of less weight (a replay of what was said before): dimmed where the terminal can. */
    default void printFaint(String line) {
        print(line);
    }

    /** What the prompt reads from now on, also while a line is being typed. Not shown without a terminal. */
    default void setPrompt(String prompt) {}

    /**
     * Puts {@code text} back in the line being typed next, where a terminal that edits lines can: a line this client
     * refused to send (too long) is then shortened rather than typed again. A plain terminal does nothing.
     */
    default void offerAgain(String text) {}

    /**
     * Which typed lines this client shows again itself once the server takes them (a chat line, stamped as the others
     * see it): their echo is taken off the screen at Enter, so that the line reads once, with the server's time. A
     * plain terminal echoes nothing to take off.
     */
    default void setShownAgain(Predicate<String> shownAgain) {}

    /** Where tab completion finds its candidates. Without a terminal there is no tab completion. */
    default void setCompletions(Completions completions) {}

    @Override
    void close();

    /** Ctrl-C at the prompt. */
    final class Interrupted extends Exception {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }
}
