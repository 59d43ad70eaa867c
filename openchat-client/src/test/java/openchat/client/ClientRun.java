package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The terminal client running on its own thread, its standard input a pipe the test types into and its
 * standard output a {@link PrintedLines} the test waits on. Closing the pipe is Ctrl-D.
 */
final class ClientRun implements AutoCloseable {
    private final PipedOutputStream keyboard = new PipedOutputStream();
    private final PrintedLines screen = new PrintedLines();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private ClientRun(ClientConfig config, ZoneId zone) {
        PipedInputStream stdin;
        try {
            stdin = new PipedInputStream(keyboard, 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread main = new Thread(() -> {
            try {
                exit.complete(zone == null ? TerminalClient.run(config, stdin, screen)
                        : TerminalClient.run(config, stdin, screen, zone));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "client-under-test");
        main.setDaemon(true);
        main.start();
    }

    /** Starts the client through its public entry point (local time is the JVM's zone). */
    static ClientRun start(ClientConfig config) {
        return new ClientRun(config, null);
    }

    /** Starts the client showing times in {@code zone}. */
    static ClientRun start(ClientConfig config, ZoneId zone) {
        return new ClientRun(config, zone);
    }

    /** Types {@code line} and Enter. */
    void type(String line) {
        try {
            keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        } catch (IOException e) {
            throw new AssertionError("cannot type into the client (has it ended?); it printed " + lines(), e);
        }
    }

    /** Ctrl-D: the end of standard input. */
    void endInput() {
        try {
            keyboard.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitLine(String expected) {
        screen.awaitLine(expected);
    }

    void awaitCount(String expected, int times) {
        screen.awaitCount(expected, times);
    }

    String awaitLineContaining(String part) {
        return screen.awaitLineContaining(part);
    }

    List<String> lines() {
        return screen.lines();
    }

    int awaitExit() {
        try {
            return exit.get(PrintedLines.TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the client did not exit; it printed " + lines(), e);
        }
    }

    void assertStillRunning() {
        assertThat(exit).as("client still running; printed %s", lines()).isNotDone();
    }

    @Override
    public void close() {
        endInput();
        try {
            exit.get(PrintedLines.TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the test already failed or the client ended
        }
    }
}
