package openchat.server.testing;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A PrintStream that keeps the server console's lines for tests to wait on. */
public final class ConsoleRecorder {
    private final List<String> lines = new ArrayList<>();
    private final PrintStream stream;

    public ConsoleRecorder() {
        this.stream = new PrintStream(new LineSink(), true, StandardCharsets.UTF_8);
    }

    public PrintStream stream() {
        return stream;
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Waits up to 5 s for a line equal to {@code expected}. */
    public void awaitLine(String expected) {
        await("console line '" + expected + "' in " + lines())
                .atMost(Duration.ofSeconds(5))
                .until(() -> lines().contains(expected));
    }

    /** Waits up to 5 s for a line that contains {@code part}, and returns it. */
    public String awaitLineContaining(String part) {
        await("console line containing '" + part + "' in " + lines())
                .atMost(Duration.ofSeconds(5))
                .until(() -> lines().stream().anyMatch(l -> l.contains(part)));
        return lines().stream().filter(l -> l.contains(part)).findFirst().orElseThrow();
    }

    private synchronized void add(String line) {
        lines.add(line);
    }

    private final class LineSink extends OutputStream {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                add(current.toString(StandardCharsets.UTF_8).replace("\r", ""));
                current.reset();
            } else {
                current.write(b);
            }
        }
    }
}
