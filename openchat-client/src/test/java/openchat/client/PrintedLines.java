package openchat.client;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An output stream that keeps the UTF-8 lines written to it, for tests to wait on. */
final class PrintedLines extends OutputStream {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final List<String> lines = new ArrayList<>();
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            lines.add(current.toString(StandardCharsets.UTF_8).replace("\r", ""));
            current.reset();
        } else {
            current.write(b);
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    long count(String line) {
        return lines().stream().filter(line::equals).count();
    }

    /** Waits for a line equal to {@code expected}. */
    void awaitLine(String expected) {
        awaitCount(expected, 1);
    }

    /** Waits until {@code expected} has been printed {@code times} times. */
    void awaitCount(String expected, int times) {
        await("line '" + expected + "' " + times + " time(s) in " + lines())
                .atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> count(expected) >= times);
    }

    /** Waits for a line containing {@code part}, and returns the first such line. */
    String awaitLineContaining(String part) {
        await("line containing '" + part + "' in " + lines())
                .atMost(TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> lines().stream().anyMatch(l -> l.contains(part)));
        return lines().stream().filter(l -> l.contains(part)).findFirst().orElseThrow();
    }
}
