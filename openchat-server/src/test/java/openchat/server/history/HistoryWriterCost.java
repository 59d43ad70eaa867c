package openchat.server.history;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import openchat.core.RoomNames;
import openchat.core.StoredMessage;
import openchat.server.history.SqliteHistoryStore.WriteSettings;

/**
 * Not a test, and nothing asserts on it: a measurement of what the history writer thread ({@code openchat-history})
 * spends in CPU per message, the figure docs/BENCHMARKS.md reports under "What storing history costs". Each
 * repetition opens a fresh store, appends the messages (100-byte texts from five senders, round robin over the
 * rooms, the time a millisecond later every 100 messages), flushes, and reads the writer thread's CPU time (and the
 * part of it spent in the kernel) from the JVM; the medians are printed.
 *
 * <p>Two ways to feed the writer. By default every message is appended, then flushed: the appends outrun the writer,
 * so it commits full 500-message batches of messages made long before (the queue is made large enough that nothing
 * is dropped). With {@code --paced} the harness flushes after every 500 appends, so each batch is committed while
 * its messages are fresh, as in a server the writer keeps up with.
 *
 * <p>Run from the repository root after {@code mvn -o -q test-compile -pl openchat-server -am}, on one core as
 * {@code bench/history-cost} runs the server (the two ways differ by how the appends and the writer share caches,
 * and a second core makes the figures move more):
 *
 * <pre>
 * mvn -o -q dependency:build-classpath -pl openchat-server -Dmdep.outputFile=/tmp/cp.txt
 * taskset -c 0 java -cp openchat-server/target/test-classes:openchat-server/target/classes:$(cat /tmp/cp.txt) \
 *     openchat.server.history.HistoryWriterCost [--paced] [messages] [repetitions] [rooms...]
 * </pre>
 *
 * Defaults: 500,000 messages, 7 repetitions (after one warm-up), one room then five; the history kept per room is
 * the server's default, 10,000.
 */
public final class HistoryWriterCost {
    private static final int MAX_PER_ROOM = 10_000;
    private static final int TEXT_BYTES = 100;
    /** The group-commit batch, {@link WriteSettings#DEFAULT}'s. */
    private static final int BATCH = WriteSettings.DEFAULT.batchSize();

    private HistoryWriterCost() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        boolean paced = arguments.remove("--paced");
        int count = arguments.size() > 0 ? Integer.parseInt(arguments.get(0)) : 500_000;
        int repetitions = arguments.size() > 1 ? Integer.parseInt(arguments.get(1)) : 7;
        List<Integer> roomCounts = new ArrayList<>();
        for (String rooms : arguments.subList(Math.min(2, arguments.size()), arguments.size())) {
            roomCounts.add(Integer.parseInt(rooms));
        }
        if (roomCounts.isEmpty()) {
            roomCounts = List.of(1, 5);
        }
        for (int rooms : roomCounts) {
            Messages messages = new Messages(rooms);
            run(messages, count, paced); // warm-up, not reported
            List<Double> micros = new ArrayList<>();
            List<Double> kernel = new ArrayList<>();
            List<Double> appender = new ArrayList<>();
            for (int i = 0; i < repetitions; i++) {
                double[] cpu = run(messages, count, paced);
                micros.add(cpu[0]);
                kernel.add(cpu[1]);
                appender.add(cpu[2]);
            }
            List<Double> sorted = micros.stream().sorted().toList();
            System.out.printf(
                    Locale.ROOT,
                    "%d room(s), %,d messages%s: writer CPU per message, median %.3f µs (min %.3f, max %.3f) of %s%n",
                    rooms,
                    count,
                    paced ? ", paced" : "",
                    sorted.get(sorted.size() / 2),
                    sorted.get(0),
                    sorted.get(sorted.size() - 1),
                    micros.stream()
                            .map(m -> String.format(Locale.ROOT, "%.3f", m))
                            .toList());
            System.out.printf(
                    Locale.ROOT,
                    "  of which in the kernel (writing files), median %.3f µs%n",
                    kernel.stream().sorted().toList().get(kernel.size() / 2));
            System.out.printf(
                    Locale.ROOT,
                    "  the appending thread (making the messages, appending, flushing), median %.3f µs%n",
                    appender.stream().sorted().toList().get(appender.size() / 2));
        }
    }

    /**
     * The writer thread's CPU time per message, the part of it in the kernel, and the appending thread's CPU time per
     * message (which includes making the message), in microseconds, for {@code count} messages into one fresh store.
     */
    private static double[] run(Messages messages, int count, boolean paced) throws IOException {
        Path dir = Files.createTempDirectory("openchat-writer-cost");
        try {
            WriteSettings settings = new WriteSettings(
                    BATCH,
                    WriteSettings.DEFAULT.batchDelay(),
                    10_000_000,
                    10_000_000,
                    WriteSettings.DEFAULT.stall(),
                    WriteSettings.DEFAULT.busyTimeout(),
                    WriteSettings.DEFAULT.walQuiet());
            try (SqliteHistoryStore store = SqliteHistoryStore.open(dir, MAX_PER_ROOM, settings)) {
                Thread writer = writerThread();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long before = threads.getThreadCpuTime(writer.getId());
                long userBefore = threads.getThreadUserTime(writer.getId());
                long appenderBefore = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < count; i++) {
                    store.append(messages.get(i));
                    if (paced && i % BATCH == BATCH - 1) {
                        store.flush();
                    }
                }
                store.flush();
                long appender = threads.getCurrentThreadCpuTime() - appenderBefore;
                long nanos = threads.getThreadCpuTime(writer.getId()) - before;
                long user = threads.getThreadUserTime(writer.getId()) - userBefore;
                return new double[] {nanos / 1000.0 / count, (nanos - user) / 1000.0 / count, appender / 1000.0 / count
                };
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Thread writerThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("openchat-history") && thread.isAlive())
                .findFirst()
                .orElseThrow();
    }

    /**
     * Makes the messages as the server does, each just before it is appended (so that the writer finds it where a
     * recently made object is, not in memory the harness filled long before): a room's key and name, and a sender's
     * name, are one string each, whose hash is computed once; the time is one object per millisecond; the text is a
     * new string per message.
     */
    private static final class Messages {
        private final Instant start = Instant.parse("2026-12-01T12:00:00Z");
        private final ZoneOffset offset = ZoneOffset.ofHours(1);
        private final List<String> names = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private final List<String> senders = List.of("alice", "bob", "carol", "dave", "erin");
        private final int rooms;
        private OffsetDateTime at;
        private int atMillis = -1;

        Messages(int rooms) {
            this.rooms = rooms;
            for (int room = 0; room < rooms; room++) {
                names.add("Room" + room);
                keys.add(RoomNames.key("Room" + room));
            }
        }

        /** The {@code i}th message: round robin over the rooms, a millisecond later every 100 messages. */
        StoredMessage get(int i) {
            int room = i % rooms;
            if (i / 100 != atMillis) {
                atMillis = i / 100;
                at = OffsetDateTime.ofInstant(start.plusMillis(atMillis), offset);
            }
            String text = String.valueOf(i % 10).repeat(TEXT_BYTES);
            return new StoredMessage(keys.get(room), names.get(room), i / rooms + 1, senders.get(i % 5), at, text);
        }
    }
}
