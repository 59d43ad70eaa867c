package openchat.server.config;

import java.util.Arrays;
import java.util.List;

/**
 * A sentence for the person running the server, kept as its catalog key and arguments so that it is said in the
 * server's language ({@code --lang}) when it is printed, not in the language of the code that found the problem.
 * Numbers are kept as their digits: {@link java.text.MessageFormat} would group them (port 22,011). A sentence
 * with no key is a text said as it is (what the operating system or a library said, which has no translation).
 */
public record Sentence(String key, List<String> args) {

    public Sentence {
        args = List.copyOf(args);
    }

    /** The sentence at {@code key} in the server's catalogs, with {@code args} in place of {0}, {1}... */
    public static Sentence of(String key, Object... args) {
        return new Sentence(key, Arrays.stream(args).map(String::valueOf).toList());
    }

    /** A text that has no translation, said as it is in every language. */
    public static Sentence plain(String text) {
        return new Sentence(null, List.of(String.valueOf(text)));
    }

    /**
     * What {@code failure} says, as a sentence: its own if it carries one ({@link Worded}, a core
     * {@link openchat.core.ConfigProblem}), else its message as it is.
     */
    public static Sentence of(Throwable failure) {
        if (failure instanceof Worded worded) {
            return worded.sentence();
        }
        if (failure instanceof openchat.core.ConfigProblem problem) {
            return new Sentence(problem.textKey(), problem.args());
        }
        return plain(failure.getMessage());
    }

    /** The sentence in {@code text}'s language. */
    public String in(ServerText text) {
        return key == null ? args.get(0) : text.get(key, args.toArray());
    }

    /** The sentence in English: an exception's message, for logs and the tests. */
    public String english() {
        return in(ServerText.in(java.util.Locale.ENGLISH));
    }

    /** Something that can say what went wrong as a {@link Sentence}: a refused config, a server that cannot start. */
    public interface Worded {
        Sentence sentence();
    }
}
