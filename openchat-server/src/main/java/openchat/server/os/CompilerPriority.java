package openchat.server.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the JVM's optimising compiler (HotSpot's C2 threads) {@value #NICENESS} nice steps below the server's own
 * threads. A fresh server compiles for tens of seconds, and on a server with one core C2 took half of that core
 * while thousands of clients joined at once (a restart, every client reconnecting): the joins waited for the
 * compiler. At nice +10 C2 gets about a tenth of the core while an event loop is busy, and all of it while the loop
 * is idle, so it still finishes; meanwhile the loop runs C1's code, compiled at once. A fresh server pinned to one
 * core joined 19,000 clients in 1.9-2.1 s instead of 2.2-2.5 s (docs/BENCHMARKS.md, "Joins on a fresh server").
 * C1, whose quick code is what the joins run, keeps the default priority.
 *
 * <p>Java has no call for it, so it runs {@code renice} (util-linux) once, at start, on the threads whose name begins
 * {@code C2 CompilerThre} (the name as Linux keeps it, cut at 15 characters); compiler threads the JVM adds later
 * are started by those and inherit their priority. Lowering one's own threads needs no privilege. Where that is not
 * possible (not Linux, no {@code renice}, another JVM), the compiler keeps the default priority, which only costs a
 * fresh server's first burst.
 */
public final class CompilerPriority {
    /** How many nice steps below the server's threads C2 runs. */
    public static final int NICENESS = 10;

    private static final Logger log = LoggerFactory.getLogger(CompilerPriority.class);
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final String C2_THREAD = "C2 CompilerThre";
    /** The lowest priority Linux gives: nice 19. */
    private static final int LOWEST = 19;

    private CompilerPriority() {}

    /** Lowers the C2 compiler threads' priority, if the system allows it; true when it did. */
    public static boolean lower() {
        if (!Files.isDirectory(TASKS)) {
            log.debug("the JIT compiler keeps its priority: no {}", TASKS);
            return false;
        }
        try {
            List<String> threads = new ArrayList<>();
            int nice = Integer.MIN_VALUE;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path task : tasks) {
                    if (read(task.resolve("comm")).startsWith(C2_THREAD)) {
                        threads.add(task.getFileName().toString());
                        nice = Math.max(nice, niceOf(read(task.resolve("stat"))));
                    }
                }
            }
            if (threads.isEmpty()) {
                log.debug("the JIT compiler keeps its priority: no C2 threads");
                return false;
            }
            int lowered = Math.min(LOWEST, nice + NICENESS);
            if (lowered <= nice) {
                log.debug("the JIT compiler keeps its priority: {} C2 threads at nice {}", threads.size(), nice);
                return false;
            }
            List<String> command = new ArrayList<>(List.of("renice", "--priority", Integer.toString(lowered), "-p"));
            command.addAll(threads);
            return SystemCommand.run(command, "the JIT compiler keeps its priority");
        } catch (IOException | RuntimeException e) {
            log.debug("the JIT compiler keeps its priority: {}", e.toString());
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /**
     * A thread's nice value from its {@code stat} line: the 19th field, counted after the name in parentheses (which
     * may itself hold spaces and parentheses, hence the last one).
     */
    static int niceOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[19 - 3]);
    }
}
