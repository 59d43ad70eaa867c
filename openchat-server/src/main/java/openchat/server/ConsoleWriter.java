package openchat.server;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Prints console lines on a thread of its own, in order, so the room (which reports under its lock) never
 * waits for a terminal or a file: a line written synchronously cost a system call per chat line and 1 ms at
 * p99 in the fixed-rate bench. A burst is written with one flush; a quiet server prints each line at once.
 * Only when the console falls {@value #CAPACITY} lines behind does a caller wait, as it always did.
 */
final class ConsoleWriter implements AutoCloseable {
    static final int CAPACITY = 65_536;
    private static final int BATCH = 1024;
    /** A batch at least this long means lines are coming fast. */
    private static final int BUSY = 16;

    private static final String END = new String("end"); // compared by identity
    private static final String NEWLINE = System.lineSeparator();

    private final PrintStream out;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    ConsoleWriter(PrintStream out) {
        this.out = out;
        this.thread = new Thread(this::run, "openchat-console");
        thread.setDaemon(true);
        thread.start();
    }

    void println(String line) {
        if (closed) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
            return;
        }
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        try {
            while (true) {
                batch.add(lines.take());
                lines.drainTo(batch, BATCH - 1);
                boolean end = false;
                StringBuilder text = new StringBuilder();
                for (String line : batch) {
                    @SuppressWarnings("ReferenceEquality") // the one END instance marks the end, not its text
                    boolean last = line == END;
                    if (last) {
                        end = true;
                        break;
                    }
                    text.append(line).append(NEWLINE);
                }
                synchronized (out) {
                    out.print(text); // one print: one encoding pass and one write, even with autoflush
                    out.flush();
                }
                int written = batch.size();
                batch.clear();
                if (end) {
                    return;
                }
                if (written >= BUSY) {
                    // Busy: let lines gather for a millisecond rather than wake for each (on a server with
                    // one core the wake-ups took the event loop's time).
                    Thread.sleep(1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints every line given so far (waiting up to 5 s), then prints directly. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            lines.put(END);
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
    }
}
