package openchat.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How old a stored message may grow before history forgets it ({@code --history-max-age}), read on a clock. Without a
 * maximum ({@link #forever}) only the count per room bounds history. Prosody's {@code archive_expires_after} and ergo's
 * {@code expire-time} are the same setting.
 */
public final class HistoryAge {
    /** The longest sweep interval: an expired message is deleted from storage at most this long after it expired. */
    public static final Duration LONGEST_SWEEP = Duration.ofMinutes(1);

    private static final HistoryAge FOREVER = new HistoryAge(null, Clock.systemUTC());

    private final Duration max;
    private final Clock clock;

    private HistoryAge(Duration max, Clock clock) {
        this.max = max;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Messages of any age are kept. */
    public static HistoryAge forever() {
        return FOREVER;
    }

    /** Messages older than {@code max} on {@code clock} are forgotten; a null {@code max} keeps any age. */
    public static HistoryAge of(Duration max, Clock clock) {
        if (max == null) {
            return FOREVER;
        }
        if (max.isNegative() || max.isZero()) {
            throw new IllegalArgumentException("the history's maximum age must be positive: " + max);
        }
        return new HistoryAge(max, clock);
    }

    /** The maximum age, empty when any age is kept. */
    public Optional<Duration> max() {
        return Optional.ofNullable(max);
    }

    /** The time of the oldest message kept now: older ones are expired. {@link Instant#MIN} when any age is kept. */
    public Instant oldestKept() {
        return max == null ? Instant.MIN : clock.instant().minus(max);
    }

    /** Whether {@code message} is still kept at {@code oldestKept} (from {@link #oldestKept()}). */
    public static boolean keeps(StoredMessage message, Instant oldestKept) {
        return !message.at().toInstant().isBefore(oldestKept);
    }

    /**
     * How often a store deletes expired messages from storage: a tenth of the maximum age, from a second to
     * {@link #LONGEST_SWEEP}. Reads leave expired messages out at once whatever this is.
     */
    public Duration sweepInterval() {
        if (max == null) {
            return LONGEST_SWEEP;
        }
        Duration tenth = max.dividedBy(10);
        return tenth.compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1)
                : tenth.compareTo(LONGEST_SWEEP) > 0 ? LONGEST_SWEEP : tenth;
    }

    @Override
    public String toString() {
        return max == null ? "forever" : BanDuration.text(max);
    }
}
