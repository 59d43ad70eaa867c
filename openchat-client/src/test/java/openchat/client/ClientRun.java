package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import openchat.server.testing.ConsoleRecorder;

/**
 * The terminal client running on its own thread with real input and output streams: the test types lines
 * into its standard input and waits for lines on its standard output.
 */
final class ClientRun implements AutoCloseable {
    static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    private final LineInput input = new LineInput();
    private final ConsoleRecorder output = new ConsoleRecorder();
    private final CompletableFuture<Integer> exit;

    private ClientRun(ClientConfig config) {
        exit = CompletableFuture.supplyAsync(() -> TerminalClient.run(config, input, output.stream(), ZONE));
    }

    private ClientRun(ClientConfig config, Duration answerTime) {
        exit = CompletableFuture.supplyAsync(
                () -> new ChatSession(config, new PlainUi(input, output.stream()), ZONE, answerTime).run());
    }

    static ClientRun start(ClientConfig config) {
        return new ClientRun(config);
    }

    /** A client that says the server does not answer after {@code answerTime} rather than the usual 10 s. */
    static ClientRun start(ClientConfig config, Duration answerTime) {
        return new ClientRun(config, answerTime);
    }

    void type(String line) {
        input.add((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Many lines arriving at once, as a paste into a terminal delivers them. */
    void paste(List<String> lines) {
        input.add((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Ctrl-D: the end of standard input. */
    void endInput() {
        input.end();
    }

    void awaitLine(String expected) {
        output.awaitLine(expected);
    }

    String awaitLineContaining(String part) {
        return output.awaitLineContaining(part);
    }

    List<String> lines() {
        return output.lines();
    }

    int awaitExit() {
        try {
            return exit.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the client did not exit; it printed " + lines(), e);
        }
    }

    void assertStillRunning() {
        assertThat(exit).as("client still running; printed %s", lines()).isNotDone();
    }

    @Override
    public void close() {
        input.end();
        try {
            exit.get(15, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the test already failed or the client ended
        }
    }

    /** Standard input fed line by line; {@link #end} is end of file. */
    private static final class LineInput extends InputStream {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        void add(byte[] bytes) {
            chunks.add(bytes);
        }

        void end() {
            chunks.add(END);
        }

        @Override
        public synchronized int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (!ended && position == current.length) {
                try {
                    byte[] next = chunks.take();
                    if (next == END) {
                        ended = true;
                    } else {
                        current = next;
                        position = 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            if (position == current.length) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
