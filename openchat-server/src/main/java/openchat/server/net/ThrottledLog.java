package openchat.server.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A log line for something that comes in storms (refused connections, refused origins), written at most once a
 * period: the first occurrence is logged at once, in full; those within the next period are only tallied by key (an
 * address, an origin) and, when the period ends, logged as one line saying how many there were and the keys that
 * had the most. That line opens another period, so a storm that goes on makes one line a period; one that stopped
 * makes its summary and then nothing, and the next occurrence is logged at once again.
 *
 * <p>The period's end is a task on the scheduler the occurrence came on (the connection's event loop), so no thread
 * is kept for it, and a test drives it with an {@code EmbeddedChannel}'s time. At most {@link #MAX_KEYS} keys are
 * tallied: a storm from more addresses is counted in full but names only those first seen.
 */
public final class ThrottledLog<K> {
    public static final Duration PERIOD = Duration.ofMinutes(1);
    /** Keys named in a summary, by their counts. */
    public static final int TOP = 5;
    /** Keys tallied in one period; past them, occurrences are counted without their key. */
    static final int MAX_KEYS = 1000;

    /** Writes the summary of a period: how many were only tallied, and the keys that had the most, with counts. */
    @FunctionalInterface
    public interface Summary {
        void log(long count, String top);
    }

    private final Summary summary;
    private final Map<K, Long> tally = new LinkedHashMap<>();
    private long tallied;
    private boolean quiet;

    public ThrottledLog(Summary summary) {
        this.summary = summary;
    }

    /**
     * One occurrence, keyed by {@code key}: {@code line} logs it in full unless the period since the last line is
     * still running, in which case it is tallied. {@code scheduler} ends the period.
     */
    public void occurred(K key, Runnable line, ScheduledExecutorService scheduler) {
        synchronized (this) {
            if (quiet) {
                tallied++;
                if (tally.size() < MAX_KEYS || tally.containsKey(key)) {
                    tally.merge(key, 1L, Long::sum);
                }
                return;
            }
            quiet = true;
        }
        line.run();
        scheduleEnd(scheduler);
    }

    private void scheduleEnd(ScheduledExecutorService scheduler) {
        scheduler.schedule(() -> periodEnded(scheduler), PERIOD.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void periodEnded(ScheduledExecutorService scheduler) {
        long count;
        String top;
        synchronized (this) {
            if (tallied == 0) {
                quiet = false;
                return;
            }
            count = tallied;
            top = top(tally);
            tallied = 0;
            tally.clear();
        }
        summary.log(count, top);
        scheduleEnd(scheduler); // the summary was a line: the next waits a period
    }

    /** The keys with the most, most first (first seen first among equals): {@code 10.0.0.1 (150), 10.0.0.2 (30)}. */
    private static <K> String top(Map<K, Long> tally) {
        List<Map.Entry<K, Long>> entries = new ArrayList<>(tally.entrySet());
        entries.sort(Map.Entry.<K, Long>comparingByValue(Comparator.reverseOrder()));
        String named = entries.stream()
                .limit(TOP)
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining(", "));
        return entries.size() > TOP ? named + " and " + (entries.size() - TOP) + " more" : named;
    }
}
