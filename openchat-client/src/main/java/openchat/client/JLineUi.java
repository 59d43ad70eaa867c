package openchat.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.function.Predicate;
import org.jline.reader.Buffer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.Widget;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

/**
 * The interactive terminal: JLine edits the input line, and incoming lines are printed above it
 * ({@link LineReader#printAbove}), so what the person is typing is never garbled.
 */
final class JLineUi implements TerminalUi {
    private static final String FIRST_PROMPT = "> ";
    /** The widget that shows the current prompt in place of the one on screen. */
    private static final String SHOW_PROMPT = "openchat-show-prompt";
    /** How long a prompt change waits for a read that is starting: far longer than JLine takes to start. */
    private static final long PROMPT_WAIT_NANOS = 1_000_000_000L;

    private final Terminal terminal;
    /** The implementation, for {@link LineReaderImpl#setPrompt}: the interface cannot change a shown prompt. */
    private final LineReaderImpl reader;

    private final ChatCompleter completer = new ChatCompleter();
    private volatile String prompt = FIRST_PROMPT;
    private volatile boolean reading;
    /** What {@link #offerAgain} put back for the next line, or null. */
    private volatile String offered;
    /** Lines whose echo Enter takes off the screen: see {@link #setShownAgain}. */
    private volatile Predicate<String> shownAgain = line -> false;

    JLineUi(Terminal terminal) {
        this.terminal = terminal;
        // Raw from the start, not only while JLine reads: it restores, after each line, the mode it found. In the
        // terminal's own mode the keys typed while a command ran (/help, /who waiting for its answer) were echoed by
        // the terminal there and then, in the middle of what the command printed; now they wait, unseen, for the
        // next line, which shows them below it. Closing the terminal restores its mode.
        terminal.enterRawMode();
        DefaultParser parser = new DefaultParser();
        // A completed name with a space is quoted ('채팅 손님'), never backslash-escaped: /w reads quotes.
        parser.setEscapeChars(null);
        this.reader = new LineReaderImpl(terminal, "openchat", new HashMap<>());
        reader.setParser(parser);
        reader.setCompleter(completer);
        // A chat line is text: "!" and "^" must not be history expansions.
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        // A line that ends exactly at the right margin keeps the cursor there until the next key, as the terminal does
        // (am, xenl). Otherwise JLine steps back to the last column and writes its character again; for a two-column
        // character (Korean) the terminal wraps that to the next row, and the line on screen is garbled from then on.
        reader.setOpt(LineReader.Option.DELAY_LINE_WRAP);
        // Completion by prefix only: JLine's typo matching turned "/kick 유저3" into "/kick 유저1" with one Tab, and a
        // wrong name completed is a kick or a whisper to the wrong member.
        reader.setVariable(LineReader.ERRORS, 0);
        // Enter decides, for the line it accepts, whether JLine leaves it on the screen (a command, above what it
        // prints) or erases it, prompt and all, without a line break: the client prints it again, stamped, when the
        // server takes it, and the person reads it once. A line of several rows is erased whole, as JLine drew it.
        Widget acceptLine = reader.getWidgets().get(LineReader.ACCEPT_LINE);
        reader.getWidgets().put(LineReader.ACCEPT_LINE, () -> {
            reader.option(
                    LineReader.Option.ERASE_LINE_ON_FINISH,
                    shownAgain.test(reader.getBuffer().toString()));
            return acceptLine.apply();
        });
        composeAfter(LineReader.SELF_INSERT);
        composeAfter(LineReader.BEGIN_PASTE);
        reader.getWidgets().put(SHOW_PROMPT, () -> {
            reader.setPrompt(prompt);
            reader.callWidget(LineReader.REDRAW_LINE);
            reader.callWidget(LineReader.REDISPLAY);
            return true;
        });
    }

    /**
     * Makes the widget {@code name} leave what comes before the cursor in NFC. Hangul arrives decomposed (NFD) from a
     * file name copied on macOS or from some input methods: one jamo per code point, the vowel and final consonant
     * combining with the one before. JLine draws a combining code point as nothing, so the input line showed only the
     * leading consonants ({@code ᄒᄀ} for {@code 한글}) while the whole text was sent; {@code e} and U+0301 likewise
     * showed as {@code e}. Composed as they arrive, they are drawn as the syllables they are, and sent so.
     */
    private void composeAfter(String name) {
        Widget widget = reader.getWidgets().get(name);
        reader.getWidgets().put(name, () -> {
            boolean done = widget.apply();
            Buffer buffer = reader.getBuffer();
            String before = buffer.upToCursor();
            if (!Normalizer.isNormalized(before, Normalizer.Form.NFC)) {
                String composed = Normalizer.normalize(before, Normalizer.Form.NFC);
                String after = buffer.substring(buffer.cursor(), buffer.length());
                buffer.clear();
                buffer.write(composed + after);
                buffer.cursor(composed.codePointCount(0, composed.length()));
            }
            return done;
        });
    }

    static JLineUi onSystemTerminal() {
        try {
            return new JLineUi(
                    TerminalBuilder.builder().system(true).name("openchat").build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String readLine() throws Interrupted {
        reading = true;
        // Only the Enter that accepts a line erases it: not Ctrl-C or Ctrl-D at a half-typed one.
        reader.option(LineReader.Option.ERASE_LINE_ON_FINISH, false);
        try {
            String again = offered;
            offered = null;
            return again == null ? reader.readLine(prompt) : reader.readLine(prompt, null, again);
        } catch (UserInterruptException e) {
            throw new Interrupted();
        } catch (EndOfFileException e) {
            return null;
        } finally {
            reading = false;
        }
    }

    @Override
    public void offerAgain(String text) {
        offered = text;
    }

    @Override
    public void print(String line) {
        reader.printAbove(line);
    }

    @Override
    public void printFaint(String line) {
        reader.printAbove(new AttributedString(line, AttributedStyle.DEFAULT.faint()));
    }

    /**
     * Changes the prompt, also the one being shown. The change runs as a JLine widget, under the reader's lock,
     * so it cannot be overwritten by a {@code readLine} that started with the old prompt: while this class's
     * {@code readLine} is under way but JLine's has not begun yet (it refuses widgets then), it tries again until
     * JLine reads or the read is over (then the next {@code readLine} takes the new prompt).
     */
    @Override
    public void setPrompt(String newPrompt) {
        prompt = newPrompt;
        long giveUp = System.nanoTime() + PROMPT_WAIT_NANOS;
        while (reading && System.nanoTime() < giveUp) {
            try {
                reader.callWidget(SHOW_PROMPT);
                return;
            } catch (IllegalStateException notReadingYet) {
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public void setShownAgain(Predicate<String> shownAgain) {
        this.shownAgain = shownAgain;
    }

    @Override
    public void setCompletions(Completions completions) {
        completer.use(completions);
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
