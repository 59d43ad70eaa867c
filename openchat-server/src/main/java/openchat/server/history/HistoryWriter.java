package openchat.server.history;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import openchat.server.os.BatchScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes history: takes a batch from the queue, commits it in one transaction, then tells the
 * store which messages are in the database. A failed write keeps its batch and tries again with growing pauses,
 * logging each distinct failure once, so that a full disk neither stops the server nor loses messages while memory
 * lasts (the queue bounds it). Once closing, it gives a failing batch a few more attempts, then says what is lost.
 */
final class HistoryWriter implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(HistoryWriter.class);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** While the same error repeats, how often it is said again (with the attempts and the wait so far). */
    private static final long STILL_FAILING_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Failed attempts at a batch once closing, before giving up: a close must end even on a dead disk. */
    private static final int ATTEMPTS_WHEN_CLOSING = 3;

    private final WriteQueue<Object> queue;
    private final HistoryDatabase database;
    /** A room's last number given out, by room key: what each commit records (HistoryDatabase#write). */
    private final ToLongFunction<String> handedOut;

    private final Consumer<List<Object>> committed;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    /** Messages dropped unwritten: the oldest waiting ones past the queue's limit while writes failed. */
    private final AtomicLong dropped = new AtomicLong();
    /** Messages still unwritten when the writer stopped (the database could not take them): lost. */
    private volatile long lostAtStop;
    /** True from a failed write until the next one succeeds: the store's health. */
    private volatile boolean failing;
    /** Hears how long each commit took, in nanoseconds: the metrics. */
    private volatile java.util.function.LongConsumer commitTimes = nanos -> {};

    /** {@code committed} hears of every batch once it is in the database. */
    HistoryWriter(
            WriteQueue<Object> queue,
            HistoryDatabase database,
            ToLongFunction<String> handedOut,
            Consumer<List<Object>> committed) {
        this.queue = queue;
        this.database = database;
        this.handedOut = handedOut;
        this.committed = committed;
    }

    @Override
    public void run() {
        // Commits are throughput work: woken for one, the writer must not take the core from an event loop.
        BatchScheduling.applyToCallingThread();
        try {
            for (List<Object> batch = queue.nextBatch(); !batch.isEmpty(); batch = queue.nextBatch()) {
                if (!writeUntilDone(batch)) {
                    break;
                }
                committed.accept(batch);
                queue.settle(batch.size());
                reportDropped();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            long lost = queue.writerStopped();
            lostAtStop = lost;
            if (lost > 0) {
                log.error("{} history messages could not be written to {} and are lost", lost, database.file());
            }
        }
    }

    /** Commits {@code batch}, trying again after failures; false when closing and it still fails. */
    private boolean writeUntilDone(List<Object> batch) throws InterruptedException {
        String lastProblem = null;
        long lastLogged = 0;
        long firstFailure = 0;
        int failuresWhenClosing = 0;
        long pause = FIRST_PAUSE_NANOS;
        for (int failures = 0; ; failures++) {
            try {
                long started = System.nanoTime();
                database.write(batch, handedOut);
                commitTimes.accept(System.nanoTime() - started);
                commits.incrementAndGet();
                if (failing) {
                    failing = false;
                    queue.writerFailing(false);
                }
                if (failures > 0) {
                    log.info("history writes to {} work again after {} failed attempts", database.file(), failures);
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                failedAttempts.incrementAndGet();
                if (!failing) {
                    failing = true;
                    queue.writerFailing(true); // appends stop waiting for it to catch up
                }
                long now = System.nanoTime();
                String problem = String.valueOf(e.getMessage());
                if (!problem.equals(lastProblem)) {
                    log.error(
                            "cannot write {} history messages to {}; keeping them and trying again: {}",
                            batch.size(),
                            database.file(),
                            problem,
                            e);
                    lastProblem = problem;
                    lastLogged = now;
                    firstFailure = failures == 0 ? now : firstFailure;
                } else if (now - lastLogged >= STILL_FAILING_EVERY_NANOS) {
                    // The same error again and again: said once a minute, so that a stuck writer is never silent.
                    log.error(
                            "still cannot write history to {} after {} attempts in {} s ({} messages waiting): {}",
                            database.file(),
                            failures + 1,
                            TimeUnit.NANOSECONDS.toSeconds(now - firstFailure),
                            batch.size() + queue.size(),
                            problem);
                    lastLogged = now;
                }
                reportDropped();
                if (queue.isClosed() && ++failuresWhenClosing >= ATTEMPTS_WHEN_CLOSING) {
                    return false;
                }
                queue.pauseUnlessClosed(pause);
                pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
            }
        }
    }

    private void reportDropped() {
        long dropped = queue.takeDropped();
        this.dropped.addAndGet(dropped);
        if (dropped > 0) {
            log.error(
                    "the history queue for {} is full: dropped its {} oldest unwritten messages",
                    database.file(),
                    dropped);
        }
    }

    /** Transactions committed: group commit keeps this far below the number of messages. */
    long commits() {
        return commits.get();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    /** Messages dropped unwritten since the start, past the queue's limit while writes failed. */
    long dropped() {
        return dropped.get();
    }

    /** Messages that were still unwritten when the writer stopped: lost. */
    long lostAtStop() {
        return lostAtStop;
    }

    /** Whether the last write failed (and none has succeeded since). */
    boolean failing() {
        return failing;
    }

    void onCommit(java.util.function.LongConsumer listener) {
        commitTimes = listener;
    }
}
