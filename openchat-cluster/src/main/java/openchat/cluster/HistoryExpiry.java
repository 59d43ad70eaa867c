package openchat.cluster;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import openchat.core.HistoryAge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what a cluster keeps of a chat line once it is older than {@code --history-max-age}: every sweep interval
 * ({@link HistoryAge#sweepInterval}), on a thread of its own (a sweep must not delay the heartbeat), it finds every
 * room's history stream, rooms that have gone included, and trims it with {@code expire.lua}. The room's events
 * stream, from which a node catches up after losing Redis for a moment, holds chat lines too and is trimmed the same
 * way, but never of its last {@link #EVENTS_FLOOR}: what a node away that long needs. Every node sweeps; the trims are
 * the same whoever makes them.
 */
final class HistoryExpiry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryExpiry.class);
    private static final Script EXPIRE = Script.load("expire");
    /** Events younger than this stay in a room's events stream whatever the maximum age. */
    static final Duration EVENTS_FLOOR = Duration.ofMinutes(1);
    /** Entries one script call examines at most, so that it holds Redis for a moment only. */
    private static final int ENTRIES_PER_CALL = 2_000;

    private static final String HISTORY_SUFFIX = ":history";

    private final RedisCommands<String, String> redis;
    private final Duration maxAge;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile String lastProblem;

    HistoryExpiry(RedisCommands<String, String> redis, Duration maxAge, Clock clock) {
        this.redis = redis;
        this.maxAge = maxAge;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openchat-cluster-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long every = HistoryAge.of(maxAge, clock).sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sweepLogging, every, every, TimeUnit.MILLISECONDS);
    }

    private void sweepLogging() {
        try {
            sweep();
            lastProblem = null;
        } catch (RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                log.warn("could not delete expired history from the cluster's Redis (trying again): {}", problem);
                lastProblem = problem;
            }
        }
    }

    /** One sweep: every room's history and events streams trimmed to the maximum age. Returns the entries deleted. */
    long sweep() {
        Instant now = clock.instant();
        Instant oldestKept = now.minus(maxAge);
        Instant oldestEvent = maxAge.compareTo(EVENTS_FLOOR) > 0 ? oldestKept : now.minus(EVENTS_FLOOR);
        String historyBefore = String.valueOf(oldestKept.toEpochMilli());
        String eventsBefore = String.valueOf(oldestEvent.toEpochMilli());
        long deleted = 0;
        ScanArgs histories = ScanArgs.Builder.matches(RedisKeys.ROOM_PREFIX + "*" + HISTORY_SUFFIX)
                .limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, histories);
            for (String history : page.getKeys()) {
                String roomKey =
                        history.substring(RedisKeys.ROOM_PREFIX.length(), history.length() - HISTORY_SUFFIX.length());
                deleted += trim(history, historyBefore);
                deleted += trim(RedisKeys.events(roomKey), eventsBefore);
            }
            cursor = page;
        } while (!cursor.isFinished());
        return deleted;
    }

    private long trim(String stream, String before) {
        Long deleted = EXPIRE.run(
                redis, ScriptOutputType.INTEGER, new String[] {stream}, before, String.valueOf(ENTRIES_PER_CALL));
        return deleted == null ? 0 : deleted;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
