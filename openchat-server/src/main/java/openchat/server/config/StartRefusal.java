package openchat.server.config;

import java.io.IOException;

/**
 * The server cannot start with what it was given (an unreadable TLS file, a cluster it cannot reach): an
 * {@link IOException} whose message is the English sentence and whose {@link #sentence()} the command line says in
 * the chosen language.
 */
public final class StartRefusal extends IOException implements Sentence.Worded {
    private static final long serialVersionUID = 1L;

    private final transient Sentence sentence;

    public StartRefusal(Sentence sentence, Throwable cause) {
        super(sentence.english(), cause);
        this.sentence = sentence;
    }

    public StartRefusal(Sentence sentence) {
        this(sentence, null);
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
