package openchat.server.history;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import openchat.server.os.BatchScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the history's WAL into its database file on a thread of its own, {@code openchat-checkpoint}, when the
 * writer asks ({@link HistoryDatabase#checkpointDue}): so that the writer's commits never wait for a checkpoint.
 * A checkpoint ends with two fsyncs, which on this project's test machine took 2 ms as a rule and up to 60 ms; done
 * by the writer, as SQLite does by default, each held the writer that long while the chat went on, and under a
 * saturating load its queue grew by tens of thousands of messages each time (docs/BENCHMARKS.md, "History kept under
 * saturation"). Runs as batch work, like the writer.
 *
 * <p>Once the writer has committed nothing for {@code quiet}, having committed since the WAL was last emptied, it
 * copies the rest of the WAL in and cuts the file to nothing ({@link HistoryDatabase#truncateWal}): a server that took
 * a burst of chat does not keep a WAL file of its largest size (about 90 MB after a saturating load) for the rest of
 * its life, and a crash in a quiet hour leaves nothing to recover. Held up by a read (an export, say), it tries again
 * after the next quiet period.
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final HistoryDatabase database;
    /** How long the writer must have committed nothing before the WAL is emptied. */
    private final Duration quiet;

    private final Thread thread;
    /** A permit while a checkpoint is asked for and not begun: asking twice before it begins makes one. */
    private final Semaphore asked = new Semaphore(0);

    private volatile boolean closing;
    /** The last failure said, so that a failure repeating at every interval is said once. */
    private String lastProblem;

    Checkpointer(HistoryDatabase database, Duration quiet) {
        this.database = database;
        this.quiet = quiet;
        this.thread = new Thread(this::run, "openchat-checkpoint");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for a checkpoint; returns at once. */
    void ask() {
        if (asked.availablePermits() == 0) {
            asked.release();
        }
    }

    private void run() {
        BatchScheduling.applyToCallingThread();
        // -1, which no count of commits equals: what a run before left in the WAL (a crash's) is emptied too.
        long commitsWhenEmptied = -1;
        boolean heldUp = false;
        while (true) {
            boolean toEmpty = database.commits() != commitsWhenEmptied;
            long sinceCommit = System.nanoTime() - database.lastCommitNanos();
            long wait = toEmpty && !heldUp ? Math.max(0, quiet.toNanos() - sinceCommit) : quiet.toNanos();
            heldUp = false;
            boolean wasAsked;
            try {
                wasAsked = asked.tryAcquire(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return; // nothing interrupts it but the JVM's end
            }
            if (closing) {
                return;
            }
            if (wasAsked) {
                asked.drainPermits(); // asked twice before it began: one checkpoint
                attempt("checkpoint", () -> {
                    database.checkpoint();
                    return true;
                });
                continue;
            }
            long commits = database.commits(); // read before the time: a commit between them only delays this
            boolean quietEnough = System.nanoTime() - database.lastCommitNanos() >= quiet.toNanos();
            if (quietEnough && commits != commitsWhenEmptied) {
                if (attempt("empty the WAL of", database::truncateWal)) {
                    commitsWhenEmptied = commits;
                } else {
                    heldUp = true; // by a read, or SQLite failed: tried again after another quiet period
                }
            }
        }
    }

    /**
     * Runs {@code work}: whether it was done. False when a read or write held it up (tried again later), or when
     * SQLite failed, which is said once for a failure that repeats.
     */
    private boolean attempt(String what, SqlWork work) {
        try {
            boolean done = work.run();
            lastProblem = null;
            return done;
        } catch (SQLException | RuntimeException e) {
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem)) {
                log.warn(
                        "could not {} the history database {} (tried again later): {}", what, database.file(), problem);
                lastProblem = problem;
            }
            return false;
        }
    }

    /** Work on the database: true when done, false when held up. */
    private interface SqlWork {
        boolean run() throws SQLException;
    }

    /** Stops the thread once a checkpoint under way is done; the database closes after (and checkpoints then). */
    @Override
    public void close() {
        closing = true;
        asked.release();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
