package openchat.core;

/** A page of history to read: before or after a seq, or the latest; at most {@code limit} messages. */
public record HistoryQuery(Direction direction, long seq, int limit) {

    public enum Direction {
        BEFORE,
        AFTER,
        LATEST
    }

    public HistoryQuery {
        if (limit < 1 || limit > CoreConfig.MAX_HISTORY_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + CoreConfig.MAX_HISTORY_PAGE + ": " + limit);
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
    }

    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(Direction.LATEST, 0, limit);
    }
}
