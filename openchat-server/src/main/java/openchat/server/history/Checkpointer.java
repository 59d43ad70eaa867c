package openchat.server.history;

import java.sql.SQLException;
import java.util.concurrent.Semaphore;
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
 */
final class Checkpointer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final HistoryDatabase database;
    private final Thread thread;
    /** A permit while a checkpoint is asked for and not begun: asking twice before it begins makes one. */
    private final Semaphore asked = new Semaphore(0);

    private volatile boolean closing;
    /** The last failure said, so that a failure repeating at every interval is said once. */
    private String lastProblem;

    Checkpointer(HistoryDatabase database) {
        this.database = database;
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
        while (true) {
            asked.acquireUninterruptibly();
            asked.drainPermits();
            if (closing) {
                return;
            }
            try {
                database.checkpoint();
                lastProblem = null;
            } catch (SQLException | RuntimeException e) {
                String problem = String.valueOf(e.getMessage());
                if (!problem.equals(lastProblem)) {
                    log.warn(
                            "could not checkpoint the history database {} (tried again later): {}",
                            database.file(),
                            problem);
                    lastProblem = problem;
                }
            }
        }
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
