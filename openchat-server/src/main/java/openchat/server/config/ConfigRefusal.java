package openchat.server.config;

/**
 * A value of the server's configuration refused: an {@link IllegalArgumentException} whose message is the English
 * sentence, as it always was, and whose {@link #sentence()} the command line says in the chosen language.
 */
public final class ConfigRefusal extends IllegalArgumentException implements Sentence.Worded {
    private static final long serialVersionUID = 1L;

    private final transient Sentence sentence;

    public ConfigRefusal(Sentence sentence) {
        super(sentence.english());
        this.sentence = sentence;
    }

    public ConfigRefusal(String key, Object... args) {
        this(Sentence.of(key, args));
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
