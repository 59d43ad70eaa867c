package openchat.server.history;

/**
 * The history cannot be used: the data directory cannot be written or another server holds it, or the database is
 * damaged or unreadable. Unchecked, because the only sensible reaction is to tell the person running the server:
 * {@link #getMessage()} is a full sentence for them that names the path and, where there is one, what to do.
 */
public final class HistoryUnavailableException extends RuntimeException {
    HistoryUnavailableException(String message) {
        super(message);
    }

    HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
