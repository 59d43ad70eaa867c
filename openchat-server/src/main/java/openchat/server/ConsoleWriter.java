package openchat.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import openchat.server.os.BatchScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints console lines on a thread of its own, in order, so the room (which reports under its lock) never
 * waits for a terminal or a file: a line written synchronously cost a system call per chat line and 1 ms at
 * p99 in the fixed-rate bench. A caller's line is turned into UTF-8 at once, into the one buffer of lines waiting
 * to be printed (a {@code String} as it is, another object by the {@link Format}, such as a chat message); the
 * thread takes the whole buffer, leaving an empty one in its place, and writes it with one call. After the first
 * line of a quiet spell wakes it, the thread lets lines gather for {@value #GATHER_MILLIS} ms: a person sees a
 * line within a millisecond, and a busy server pays a wake-up and a write per millisecond, not per line (on one
 * core, waking for each line cost a tenth of the core in context switches). Waiting lines are bytes in a buffer
 * that is reused, not the objects they were made from: a queue of thousands of chat messages on their way to the
 * console was still alive at the young collections of a saturated server, overflowed their survivor space and
 * filled the old generation, which then took a full collection of 40-50 ms every 10-15 s. Only when
 * {@value #MOST_WAITING_BYTES} bytes wait does a caller wait, as it always did when the console fell behind.
 */
final class ConsoleWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleWriter.class);

    /** Writes the UTF-8 text of a line (without its line break) that is not a {@code String}. */
    interface Format {
        /** Called under the writer's lock, one line at a time: the format's own state needs no other guard. */
        void write(Object line, ByteBuf out);
    }

    static final int MOST_WAITING_BYTES = 8 << 20;
    static final long GATHER_MILLIS = 1;
    /** The capacity kept between batches; a buffer grown past it by a long batch is let go once written. */
    private static final int KEPT_BYTES = 1 << 20;

    private static final int FIRST_BYTES = 64 * 1024;
    private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);

    private final PrintStream out;
    private final Format format;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the first line goes into an empty buffer, and on close. */
    private final Condition linesWaiting = lock.newCondition();
    /** Signalled when the printer took the waiting lines: a caller held back by a full buffer may go on. */
    private final Condition taken = lock.newCondition();
    /** The lines not yet taken by the printer. Under the lock. */
    private ByteBuf waiting = Unpooled.buffer(FIRST_BYTES);
    /** Set by close: the printer prints what is waiting and ends. Under the lock. */
    private boolean closing;
    /** The printer has ended: lines are printed by their caller. Under the lock. */
    private boolean closed;

    ConsoleWriter(PrintStream out, Format format) {
        this.out = out;
        this.format = format;
        this.thread = new Thread(this::run, "openchat-console");
        thread.setDaemon(true);
        thread.start();
    }

    void println(Object line) {
        lock.lock();
        try {
            if (closed) {
                ByteBuf bytes = Unpooled.buffer();
                append(line, bytes);
                write(bytes);
                return;
            }
            while (waiting.readableBytes() >= MOST_WAITING_BYTES && !closing) {
                taken.awaitUninterruptibly();
            }
            if (!waiting.isReadable()) {
                linesWaiting.signal();
            }
            append(line, waiting);
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        // Printing is throughput work: woken by a line, the printer must not take the core from an event loop.
        BatchScheduling.applyToCallingThread();
        ByteBuf spare = Unpooled.buffer(FIRST_BYTES);
        try {
            while (true) {
                boolean last;
                lock.lock();
                try {
                    while (!waiting.isReadable() && !closing) {
                        linesWaiting.await();
                    }
                    last = closing;
                } finally {
                    lock.unlock();
                }
                if (!last) {
                    Thread.sleep(GATHER_MILLIS);
                }
                ByteBuf lines;
                lock.lock();
                try {
                    lines = waiting;
                    waiting = spare;
                    last = closing;
                    taken.signalAll();
                } finally {
                    lock.unlock();
                }
                write(lines);
                if (last) {
                    return;
                }
                spare = lines.capacity() > KEPT_BYTES ? Unpooled.buffer(FIRST_BYTES) : lines.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Appends the line and its line break. A line the format fails on is left out and logged: the caller is a room
     * reporting under its lock, which a console line must not break.
     */
    private void append(Object line, ByteBuf bytes) {
        if (line instanceof String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        } else {
            int start = bytes.writerIndex();
            try {
                format.write(line, bytes);
            } catch (RuntimeException e) {
                bytes.writerIndex(start);
                log.error(
                        "a console line ({}) could not be written and is left out",
                        line.getClass().getSimpleName(),
                        e);
                return;
            }
        }
        bytes.writeBytes(NEWLINE);
    }

    /** One write and one flush: the lines go to the console in one system call, however many there are. */
    private void write(ByteBuf bytes) {
        if (bytes.isReadable()) {
            synchronized (out) {
                out.write(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
                out.flush();
            }
        }
    }

    /** Prints every line given so far (waiting up to 5 s for the printer), then has callers print directly. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            linesWaiting.signal();
            taken.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            write(waiting); // lines given after the printer's last batch, if any
            waiting.clear();
            closed = true;
        } finally {
            lock.unlock();
        }
    }
}
