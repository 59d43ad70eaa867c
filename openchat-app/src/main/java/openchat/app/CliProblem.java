package openchat.app;

import java.util.function.Function;
import picocli.CommandLine;

/**
 * A usage error the command line words itself: its message is the English sentence (what a log or a test of the
 * English output reads), and {@link #in} says it in the language chosen when it is printed.
 */
class CliProblem extends CommandLine.ParameterException {
    private static final long serialVersionUID = 1L;

    private final transient Function<CliText, String> words;

    CliProblem(CommandLine commandLine, Function<CliText, String> words) {
        super(commandLine, words.apply(CliText.ENGLISH));
        this.words = words;
    }

    /** The sentence at {@code key} of the command line's catalog. */
    CliProblem(CommandLine commandLine, String key, Object... args) {
        this(commandLine, text -> text.get(key, args));
    }

    String in(CliText text) {
        return words.apply(text);
    }
}
