package openchat.cluster;

import java.time.Duration;

/**
 * Redis's clock, as this node reads it from its own monotonic clock: the {@link Fence} gives each write a deadline in
 * Redis's time, after which Redis refuses to run it, and must know when that deadline has passed without asking
 * Redis (which may be the one stalling). Each heartbeat reads Redis's {@code TIME}; a reading made in a quick round
 * trip becomes the anchor, whose error is at most half that round trip. Node and Redis clocks need not agree.
 */
final class RedisTime {
    /** A reading whose round trip took longer says too little about when Redis read its clock. */
    static final Duration MAX_ROUND_TRIP = Duration.ofMillis(200);

    /** Redis's clock {@code redisMillis} read about {@code nanos} (System.nanoTime), give or take {@code error}. */
    private record Anchor(long redisMillis, long nanos, long errorNanos) {}

    private volatile Anchor anchor;

    /**
     * A reading of Redis's {@code TIME} ({@code seconds}, {@code micros}) by a command sent at {@code sentNanos} and
     * answered at {@code answeredNanos}; kept unless its round trip was too slow to tell (the first is always kept).
     */
    void read(long seconds, long micros, long sentNanos, long answeredNanos) {
        long roundTrip = Math.max(0, answeredNanos - sentNanos);
        if (anchor == null || roundTrip <= MAX_ROUND_TRIP.toNanos()) {
            anchor = new Anchor(seconds * 1000 + micros / 1000, sentNanos + roundTrip / 2, roundTrip / 2);
        }
    }

    /** Whether Redis's clock was read at all. */
    boolean known() {
        return anchor != null;
    }

    /** Redis's clock, in epoch milliseconds, at this node's {@code nanos}. */
    long redisMillisAt(long nanos) {
        Anchor a = anchor;
        return a.redisMillis + Math.floorDiv(nanos - a.nanos, 1_000_000L);
    }

    /** This node's nanoTime at which Redis's clock shows {@code redisMillis}, give or take {@link #errorNanos}. */
    long nanosAt(long redisMillis) {
        Anchor a = anchor;
        return a.nanos + (redisMillis - a.redisMillis) * 1_000_000L;
    }

    /** How far {@link #nanosAt} may be off (plus the millisecond of Redis's clock it rounds to). */
    long errorNanos() {
        return anchor.errorNanos + 1_000_000L;
    }
}
