package openchat.server.net;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The console's status lines ({@code [CONNECT] 유저1}, {@code [KICK] ...}, {@code [BAN] ...}; never a chat line), for
 * those who watch them from elsewhere: the administrator's IRC connection with user mode {@code +s}, as an IRC
 * operator watches its server's notices (snomasks). The console hands it each line it prints ({@link #publish}); a
 * watcher gets them on its own executor (an IRC session's event loop), in order, at most {@link #LINES_PER_WINDOW} a
 * {@link #WINDOW}: past them, a connect flood's lines are counted, and told as one number when the window ends, once
 * a window while the flood lasts. A watcher slow to take them holds up no one: {@link #publish} only hands the line to
 * its executor. With no watcher, a line costs one volatile read.
 */
public final class ConsoleFeed {
    /** Lines one watcher is given in a {@link #WINDOW}; past them, they are counted. */
    public static final int LINES_PER_WINDOW = 10;

    public static final Duration WINDOW = Duration.ofSeconds(1);

    /** What a watcher is told, on its executor. */
    public interface Watcher {
        /** A status line of the console, as printed (a line with line breaks holds them). */
        void line(String line);

        /** {@code count} lines were left out in the window that just ended. */
        void skipped(int count);
    }

    /** Runs a task after a delay, on the watcher's executor (an event loop's {@code schedule}). */
    @FunctionalInterface
    public interface Delay {
        void after(Duration delay, Runnable task);
    }

    private static final Watch[] NONE = new Watch[0];

    /** Copied on every change (rare); read once a line. */
    private volatile Watch[] watches = NONE;

    /** Hands {@code line} to every watcher; from any thread. */
    public void publish(String line) {
        for (Watch watch : watches) {
            watch.offer(line);
        }
    }

    /**
     * {@code watcher} is given every line published from now on until its watch is closed, on {@code executor} (one
     * thread at a time, in order), its windows timed by {@code delay}.
     */
    public Watch watch(Executor executor, Delay delay, Watcher watcher) {
        Watch watch = new Watch(executor, delay, watcher);
        synchronized (this) {
            Watch[] more = Arrays.copyOf(watches, watches.length + 1);
            more[more.length - 1] = watch;
            watches = more;
        }
        return watch;
    }

    /** Whether anyone watches (for tests). */
    public boolean watched() {
        return watches.length > 0;
    }

    private synchronized void remove(Watch watch) {
        Watch[] now = watches;
        int at = Arrays.asList(now).indexOf(watch);
        if (at < 0) {
            return;
        }
        Watch[] fewer = new Watch[now.length - 1];
        System.arraycopy(now, 0, fewer, 0, at);
        System.arraycopy(now, at + 1, fewer, at, now.length - at - 1);
        watches = fewer;
    }

    /**
     * One watcher's lines and their cap. The cap's state lives on the watcher's executor: a window opens with the first
     * line after a quiet spell and ends {@link #WINDOW} later, with the count of the lines left out, if any, and a new
     * window at once.
     */
    public final class Watch implements AutoCloseable {
        private final Executor executor;
        private final Delay delay;
        private final Watcher watcher;

        // On the executor only.
        private boolean closed;
        private boolean windowOpen;
        private int given;
        private int skipped;

        private Watch(Executor executor, Delay delay, Watcher watcher) {
            this.executor = executor;
            this.delay = delay;
            this.watcher = watcher;
        }

        private void offer(String line) {
            try {
                executor.execute(() -> take(line));
            } catch (RejectedExecutionException stopping) {
                // the watcher's event loop is shutting down with the server: its connection is closing
            }
        }

        private void take(String line) {
            if (closed) {
                return;
            }
            if (!windowOpen) {
                windowOpen = true;
                delay.after(WINDOW, this::windowEnds);
            }
            if (given < LINES_PER_WINDOW) {
                given++;
                watcher.line(line);
            } else {
                skipped++;
            }
        }

        private void windowEnds() {
            given = 0;
            if (closed || skipped == 0) {
                windowOpen = false;
                return;
            }
            int count = skipped;
            skipped = 0;
            watcher.skipped(count);
            delay.after(WINDOW, this::windowEnds); // the flood may go on: the next window is open at once
        }

        /** No more lines: none is told after this returns. Call on the watcher's executor. */
        @Override
        public void close() {
            closed = true;
            remove(this);
        }
    }
}
