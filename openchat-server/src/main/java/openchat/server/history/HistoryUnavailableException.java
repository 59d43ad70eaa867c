package openchat.server.history;

import openchat.server.config.Sentence;

/**
 * The history cannot be used: the data directory cannot be written or another server holds it, or the database is
 * damaged or unreadable. Unchecked, because the only sensible reaction is to tell the person running the server:
 * {@link #getMessage()} is a full sentence for them that names the path and, where there is one, what to do.
 */
public final class HistoryUnavailableException extends RuntimeException implements Sentence.Worded {
    private static final long serialVersionUID = 1L;

    private final transient Sentence sentence;

    HistoryUnavailableException(String message) {
        this(Sentence.plain(message), null);
    }

    HistoryUnavailableException(String message, Throwable cause) {
        this(Sentence.plain(message), cause);
    }

    HistoryUnavailableException(Sentence sentence, Throwable cause) {
        super(sentence.english(), cause);
        this.sentence = sentence;
    }

    @Override
    public Sentence sentence() {
        return sentence;
    }
}
