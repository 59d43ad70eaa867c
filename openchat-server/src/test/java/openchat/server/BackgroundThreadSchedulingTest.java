package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import openchat.server.config.ServerText;
import openchat.server.history.SqliteHistoryStore;
import openchat.server.os.BatchScheduling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's background threads (the history writer and the console printer) run as Linux batch work, so that
 * waking them does not take the core from an event loop; the event loops keep the default class. Read back from
 * {@code /proc}, where each thread's scheduling policy is the 41st field of its {@code stat}.
 */
class BackgroundThreadSchedulingTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_BATCH = 3;
    private static final Path TASKS = Path.of("/proc/self/task");

    @TempDir
    Path dataDir;

    @BeforeAll
    static void onLinuxWithChrt() {
        assumeThat(Files.isDirectory(TASKS)).as("Linux's /proc").isTrue();
        assumeThat(Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "chrt"))))
                .as("chrt (util-linux) on the PATH")
                .isTrue();
    }

    @Test
    void aThreadMadeBatchWorkIsScheduledAsBatch() throws Exception {
        CompletableFuture<int[]> policies = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    int before = policyOf(Path.of("/proc/thread-self"));
                    boolean applied = BatchScheduling.applyToCallingThread();
                    int after = policyOf(Path.of("/proc/thread-self"));
                    policies.complete(new int[] {before, applied ? 1 : 0, after});
                },
                "batch-scheduling-test");
        thread.start();
        int[] seen = policies.get(30, TimeUnit.SECONDS);

        assertThat(seen[0]).as("policy before").isEqualTo(SCHED_OTHER);
        assertThat(seen[1]).as("applied").isEqualTo(1);
        assertThat(seen[2]).as("policy after").isEqualTo(SCHED_BATCH);
        assertThat(policyOf(Path.of("/proc/thread-self")))
                .as("the calling test's own thread")
                .isEqualTo(SCHED_OTHER);
    }

    @Test
    void theHistoryWriterRunsAsBatchWork() {
        SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 100);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> policyOfThreadNamed("openchat-history"), p -> p.equals(OptionalInt.of(SCHED_BATCH)));
        } finally {
            store.close();
        }
    }

    @Test
    void theHistoryCheckpointerRunsAsBatchWork() {
        SqliteHistoryStore store = SqliteHistoryStore.open(dataDir, 100);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> policyOfThreadNamed("openchat-checkpoint"),
                            p -> p.equals(OptionalInt.of(SCHED_BATCH)));
        } finally {
            store.close();
        }
    }

    @Test
    void theConsolePrinterRunsAsBatchWork() {
        ServerConsole console = new ServerConsole(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new ServerText(Locale.KOREAN),
                ZoneId.of("Asia/Seoul"),
                true);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> policyOfThreadNamed("openchat-console"), p -> p.equals(OptionalInt.of(SCHED_BATCH)));
        } finally {
            console.close();
        }
    }

    /** The policy of this JVM's thread called {@code name} (comm keeps 15 characters), if there is one. */
    private static OptionalInt policyOfThreadNamed(String name) throws IOException {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.filter(task -> comm.equals(read(task.resolve("comm")).strip()))
                    .map(task -> read(task.resolve("stat")))
                    .filter(stat -> !stat.isEmpty())
                    .mapToInt(BackgroundThreadSchedulingTest::policyIn)
                    .findFirst();
        }
    }

    private static int policyOf(Path task) {
        return policyIn(read(task.resolve("stat")));
    }

    private static int policyIn(String stat) {
        // Fields after the command's closing parenthesis start at the 3rd; the policy is the 41st.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[41 - 3]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return ""; // a thread that ended while the tasks were listed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
