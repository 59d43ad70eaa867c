package openchat.core;

import java.util.Arrays;
import java.util.List;

/**
 * A configuration value refused by the core (a room capacity, a flood rate, an address range): its message is the
 * English sentence, and {@link #textKey} with {@link #args} names the same sentence in the server's message bundles,
 * so that the command line says it in the chosen language (as {@link TextProblem#textKey} does for names).
 */
public final class ConfigProblem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String textKey;
    private final transient List<String> args;

    ConfigProblem(String english, String textKey, Object... args) {
        super(english);
        this.textKey = textKey;
        this.args = Arrays.stream(args).map(String::valueOf).toList();
    }

    /** The key of the sentence in a message bundle: {@code refusal.maxUsers}. */
    public String textKey() {
        return textKey;
    }

    /** The sentence's arguments {0}, {1}..., as text. */
    public List<String> args() {
        return args;
    }
}
