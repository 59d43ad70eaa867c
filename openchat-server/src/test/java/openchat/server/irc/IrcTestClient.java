package openchat.server.irc;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A scripted IRC client over a plain socket: it sends UTF-8 lines ending in CR LF and queues every line the server
 * sends (without its CR LF), for the test to take in order with a timeout. It answers the server's {@code PING}
 * (without queueing it) unless told not to. A wait that times out fails with every line received so far. Public for
 * the app module's process tests.
 */
public final class IrcTestClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final AtomicInteger SYNC_TOKENS = new AtomicInteger();

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean answerPings = true;
    private final AtomicInteger pingsAnswered = new AtomicInteger();
    private String nick;

    private IrcTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::read, "irc-test-client-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    static IrcTestClient connect(int port) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            return new IrcTestClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client over {@code socket}, already connected (a TLS socket, say). */
    static IrcTestClient over(Socket socket) {
        try {
            socket.setTcpNoDelay(true);
            return new IrcTestClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Connects and registers as {@code nick}. */
    public static IrcTestClient registered(int port, String nick) {
        IrcTestClient client = connect(port);
        client.register(nick);
        return client;
    }

    IrcTestClient answerPings(boolean answer) {
        this.answerPings = answer;
        return this;
    }

    /** How many of the server's PINGs this client answered. */
    int pingsAnswered() {
        return pingsAnswered.get();
    }

    String nick() {
        return nick;
    }

    // ---- sending ----

    /** Sends {@code line} and CR LF. A connection the server closed meanwhile is not an error here. */
    public void send(String line) {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    synchronized void sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException closedMeanwhile) {
            // the server may have closed the connection: what it sent before is in the inbox
        }
    }

    /** NICK and USER, then waits for the end of the MOTD (376) or its absence (422); returns the lines. */
    List<String> register(String nickname) {
        send("NICK " + nickname);
        send("USER " + "u 0 * :Real Name");
        List<String> lines = new ArrayList<>();
        await(line -> {
            lines.add(line);
            return numeric(line, "376") || numeric(line, "422");
        });
        this.nick = nickname;
        return lines;
    }

    /** JOIN and waits for the end of NAMES (366) of {@code channel}. */
    List<String> join(String channel) {
        send("JOIN " + channel);
        return linesUntil(" 366 [^ ]+ " + Pattern.quote(channel) + " ");
    }

    /** LUSERS, and its answer: 251 to 266. */
    List<String> lusers() {
        send("LUSERS");
        return linesUntil(" 266 ");
    }

    // ---- receiving ----

    /** The next line, waiting up to the timeout. */
    String nextLine() {
        try {
            String line = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                fail("no line within " + TIMEOUT + "; received so far:\n" + received());
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips lines until one matches, and returns it; fails after the timeout with everything received. */
    public String await(Predicate<String> wanted) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? inbox.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    throw new AssertionError(
                            "no matching line within " + TIMEOUT + "; received so far:\n" + received());
                }
                if (wanted.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Skips lines until one that {@code regex} finds something in, and returns it. */
    String expect(String regex) {
        Pattern pattern = Pattern.compile(regex);
        try {
            return await(line -> pattern.matcher(line).find());
        } catch (AssertionError e) {
            throw new AssertionError("expected /" + regex + "/: " + e.getMessage(), e);
        }
    }

    /** Skips lines until the numeric {@code code} from the server (whatever its name), and returns it. */
    String expectNumeric(String code) {
        return expect("^(@\\S+ )?:[^ !@]+ " + code + " ");
    }

    /** Every line up to and including the first that {@code regex} finds something in. */
    List<String> linesUntil(String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<String> lines = new ArrayList<>();
        try {
            await(line -> {
                lines.add(line);
                return pattern.matcher(line).find();
            });
        } catch (AssertionError e) {
            throw new AssertionError("expected /" + regex + "/: " + e.getMessage(), e);
        }
        return lines;
    }

    /**
     * A barrier: sends {@code PING :token} and returns every line that came before its {@code PONG}. The server
     * answers in order, so whatever it sent before handling the PING is in the list.
     */
    List<String> sync() {
        String token = "sync" + SYNC_TOKENS.incrementAndGet();
        send("PING :" + token);
        List<String> before = linesUntil(" PONG [^ ]+ :?" + token + "$");
        return before.subList(0, before.size() - 1);
    }

    /** Every line received so far, taken or not. */
    String received() {
        synchronized (all) {
            return String.join("\n", all);
        }
    }

    List<String> receivedLines() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** Waits for the server to close the connection. */
    void awaitClosed() {
        try {
            if (!closed.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("the connection was not closed within " + TIMEOUT + "; received so far:\n" + received());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Whether {@code line} is the numeric {@code code} from the server, whatever its name (a member's has a {@code !}). */
    static boolean numeric(String line, String code) {
        return line.matches("^(@\\S+ )?:[^ !@]+ " + code + " .*");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private void read() {
        try (InputStream in = new BufferedInputStream(socket.getInputStream())) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (text.endsWith("\r")) {
                    text = text.substring(0, text.length() - 1);
                }
                if (answerPings && text.startsWith("PING ")) {
                    pingsAnswered.incrementAndGet();
                    send("PONG " + text.substring("PING ".length()));
                    continue;
                }
                synchronized (all) {
                    all.add(text);
                }
                inbox.add(text);
            }
        } catch (IOException closedByUs) {
            // the test closed the socket
        } finally {
            closed.countDown();
        }
    }
}
