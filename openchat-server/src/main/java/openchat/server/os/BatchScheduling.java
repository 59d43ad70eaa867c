package openchat.server.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the calling thread in Linux's {@code SCHED_BATCH} class: the scheduler gives it its fair share of the CPU as
 * before, but does not let it preempt a running thread when it wakes up. For the server's background threads (the
 * history writer, the console printer), whose work is throughput and never waited for by a client, so that waking
 * them does not hold up an event loop on the same core. On a server pinned to one core, the history writer woken
 * for a commit had taken the core from the event loop in the middle of its pass: {@code docs/BENCHMARKS.md}, "What
 * limits closed-5".
 *
 * <p>Java has no call for it, so it runs {@code chrt --batch --pid 0 TID} (util-linux) once per thread, the thread's
 * id read from {@code /proc/thread-self}. Unprivileged users may make their own threads batch work. Where that is
 * not possible (not Linux, no {@code chrt}), the thread keeps the default class, which only costs latency.
 */
public final class BatchScheduling {
    private static final Logger log = LoggerFactory.getLogger(BatchScheduling.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    private BatchScheduling() {}

    /** Makes the calling thread batch work, if the system allows it; true when it did. */
    public static boolean applyToCallingThread() {
        String thread = Thread.currentThread().getName();
        if (!Files.isSymbolicLink(THREAD_SELF)) {
            log.debug("{} keeps the default scheduling: no {}", thread, THREAD_SELF);
            return false;
        }
        try {
            // "PID/task/TID"
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            return SystemCommand.run(
                    List.of("chrt", "--batch", "--pid", "0", tid), thread + " keeps the default scheduling");
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("{} keeps the default scheduling: {}", thread, e.toString());
            return false;
        }
    }
}
