package openchat.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import openchat.server.os.BatchScheduling;

/**
 * Prints console lines on a thread of its own, in order, so the room (which reports under its lock) never
 * waits for a terminal or a file: a line written synchronously cost a system call per chat line and 1 ms at
 * p99 in the fixed-rate bench. A caller hands over a line as it is (a {@code String}, or an object its
 * {@link Format} knows, such as a chat message), and the line is turned into text and UTF-8 here, off the
 * event loop. After the first line of a quiet spell wakes it, the thread lets lines gather for
 * {@value #GATHER_MILLIS} ms and writes them all with one call: a person sees a line within a millisecond,
 * and a busy server pays a wake-up and a write per millisecond, not per line (on one core, waking for each
 * line cost a tenth of the core in context switches). Only when the console falls {@value #CAPACITY} lines
 * behind does a caller wait, as it always did.
 */
final class ConsoleWriter implements AutoCloseable {
    /** Writes the UTF-8 text of a line (without its line break) that is not a {@code String}. */
    interface Format {
        void write(Object line, ByteBuf out);
    }

    static final int CAPACITY = 65_536;
    static final long GATHER_MILLIS = 1;
    /** The bytes kept between batches; a longer batch's buffer is let go after it is written. */
    private static final int KEPT_BYTES = 1 << 20;

    private static final Object END = new Object();
    private static final byte[] NEWLINE = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);

    private final PrintStream out;
    private final Format format;
    private final BlockingQueue<Object> lines = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;

    ConsoleWriter(PrintStream out, Format format) {
        this.out = out;
        this.format = format;
        this.thread = new Thread(this::run, "openchat-console");
        thread.setDaemon(true);
        thread.start();
    }

    void println(Object line) {
        if (closed) {
            synchronized (out) { // the format's state too is used by one thread at a time
                ByteBuf bytes = Unpooled.buffer();
                append(line, bytes);
                write(bytes);
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
        // Printing is throughput work: woken by a line, the printer must not take the core from an event loop.
        BatchScheduling.applyToCallingThread();
        List<Object> batch = new ArrayList<>();
        ByteBuf bytes = Unpooled.buffer(64 * 1024);
        try {
            while (true) {
                batch.add(lines.take());
                Thread.sleep(GATHER_MILLIS);
                lines.drainTo(batch);
                boolean end = false;
                for (Object line : batch) {
                    if (line == END) {
                        end = true;
                        break;
                    }
                    append(line, bytes);
                }
                write(bytes);
                batch.clear();
                if (end) {
                    return;
                }
                if (bytes.capacity() > KEPT_BYTES) {
                    bytes = Unpooled.buffer(64 * 1024);
                } else {
                    bytes.clear();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void append(Object line, ByteBuf bytes) {
        if (line instanceof String text) {
            bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        } else {
            format.write(line, bytes);
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
