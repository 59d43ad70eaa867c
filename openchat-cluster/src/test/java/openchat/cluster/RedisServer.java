package openchat.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, for one test class: started before its
 * tests, stopped after them. Persistence is off unless {@link #appendOnly()} asks for an append-only file (then a
 * {@link #restart} keeps the data, as a production Redis with AOF does). Register it with
 * {@code @RegisterExtension static final RedisServer redis = new RedisServer();}.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {
    private final boolean appendOnly;
    private Path dir;
    private int port;
    private Process process;

    public RedisServer() {
        this(false);
    }

    private RedisServer(boolean appendOnly) {
        this.appendOnly = appendOnly;
    }

    /** A server that writes every change to an append-only file, fsynced each time: a restart loses nothing. */
    public static RedisServer appendOnly() {
        return new RedisServer(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("openchat-redis");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server on its port (again, after {@link #stop} or {@link #kill}); returns once it takes commands. */
    public synchronized void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--daemonize",
                "no",
                "--loglevel",
                "notice"));
        if (appendOnly) {
            command.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            command.addAll(List.of("--appendonly", "no"));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            synchronized (log) {
                                log.append(line).append('\n');
                            }
                            if (line.contains("Ready to accept connections")) {
                                ready.complete(null);
                            }
                        }
                        ready.completeExceptionally(new IOException("redis-server exited:\n" + log));
                    } catch (IOException e) {
                        ready.completeExceptionally(new UncheckedIOException(e));
                    }
                },
                "redis-server-log");
        reader.setDaemon(true);
        reader.start();
        try {
            ready.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("redis-server did not start on port " + port + ":\n" + log, e);
        }
    }

    /** Stops the server as an operator would (SIGTERM: an append-only file is written out). */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Kills the server (SIGKILL). */
    public synchronized void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Empties the store (FLUSHALL), for a test that must start from nothing. */
    public void flushAll() throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("*1\r\n$8\r\nFLUSHALL\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[5];
            int read = socket.getInputStream().readNBytes(answer, 0, 5);
            String text = new String(answer, 0, read, StandardCharsets.US_ASCII);
            if (!text.equals("+OK\r\n")) {
                throw new IOException("FLUSHALL answered " + text);
            }
        }
    }

    /** Runs one command whose answer is an integer ({@code XLEN key}...) and returns it. */
    public long integer(String... command) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request(command));
            java.io.BufferedReader answer = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line = answer.readLine();
            if (line == null || !line.startsWith(":")) {
                throw new IOException(String.join(" ", command) + " answered " + line);
            }
            return Long.parseLong(line.substring(1));
        }
    }

    /**
     * Makes the server stall for {@code busy} without dropping any connection, as a slow script of another client
     * does: a busy Lua loop sent on a connection of its own. Returns once the script is on its way (Redis runs it
     * before anything sent after); the future completes when Redis answers it, that is, when the stall is over.
     */
    public CompletableFuture<Void> stall(java.time.Duration busy) throws IOException {
        String script = "local function ms() local t = redis.call('TIME') return t[1] * 1000 + math.floor(t[2] / 1000)"
                + " end local stop = ms() + " + busy.toMillis() + " while ms() < stop do end return 1";
        java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
        socket.setSoTimeout((int) busy.toMillis() + 20_000);
        BufferedReader in =
                new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        // A round trip first: Redis reads a new connection only in the loop pass after accepting it, so a command
        // another client sent meanwhile could run before the script. Once PONG is back, the script is read in the
        // first pass that has it, ahead of anything sent after this method returns.
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String pong = in.readLine();
        if (!"+PONG".equals(pong)) {
            socket.close();
            throw new IOException("the stalling connection's PING answered " + pong);
        }
        socket.getOutputStream().write(request("EVAL", script, "0"));
        socket.getOutputStream().flush();
        return CompletableFuture.runAsync(() -> {
            try (socket) {
                String answer = in.readLine();
                if (!":1".equals(answer)) {
                    throw new IOException("the stalling script answered " + answer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Something a test does while {@link #commandsDuring} watches: it may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /**
     * Runs {@code action} and returns every command Redis ran meanwhile at a client's request, in the order it ran them,
     * each as its words (the command's name in lower case, then its arguments): what {@code MONITOR} shows, less the
     * commands scripts ran. A real measure of what the servers asked Redis, not a count a mock keeps; other clients'
     * commands too (a node's heartbeat), which the caller picks out by their keys. The window is marked by an
     * {@code ECHO} before and after, sent on a connection of their own: a command is in it when Redis ran it after the
     * first and before the second, which is sent once {@code action} returns.
     */
    public List<List<String>> commandsDuring(Action action) throws Exception {
        String marker = "openchat-monitor-" + System.nanoTime();
        try (java.net.Socket monitor = new java.net.Socket("127.0.0.1", port);
                java.net.Socket marks = new java.net.Socket("127.0.0.1", port)) {
            monitor.setSoTimeout(10_000);
            marks.setSoTimeout(10_000);
            BufferedReader watched =
                    new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
            BufferedReader echoes =
                    new BufferedReader(new InputStreamReader(marks.getInputStream(), StandardCharsets.UTF_8));
            monitor.getOutputStream().write(request("MONITOR"));
            String ok = watched.readLine();
            if (!"+OK".equals(ok)) {
                throw new IOException("MONITOR answered " + ok);
            }
            echo(marks, echoes, marker + "-start");
            while (!monitored(watched.readLine()).equals(List.of("echo", marker + "-start"))) {
                // commands run before the window opened
            }
            action.run();
            echo(marks, echoes, marker + "-end");
            List<List<String>> ran = new ArrayList<>();
            for (String line = watched.readLine(); ; line = watched.readLine()) {
                List<String> command = monitored(line);
                if (command.equals(List.of("echo", marker + "-end"))) {
                    return ran;
                }
                if (!command.isEmpty()) {
                    ran.add(command);
                }
            }
        }
    }

    private static void echo(java.net.Socket socket, BufferedReader answers, String text) throws IOException {
        socket.getOutputStream().write(request("ECHO", text));
        socket.getOutputStream().flush();
        answers.readLine(); // $length
        String echoed = answers.readLine();
        if (!text.equals(echoed)) {
            throw new IOException("ECHO " + text + " answered " + echoed);
        }
    }

    /**
     * The words of one line of {@code MONITOR}'s output ({@code 1700000000.123456 [0 127.0.0.1:40000] "MGET" "k"}),
     * each quoted and escaped as Redis writes it ({@code \\}, {@code \"}, {@code \n}, {@code \xNN} for other bytes); empty
     * for a command a script ran ({@code [0 lua]}).
     */
    private static List<String> monitored(String line) throws IOException {
        if (line == null) {
            throw new IOException("MONITOR's connection closed");
        }
        int client = line.indexOf(']');
        if (client < 0 || line.substring(0, client).endsWith(" lua")) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        java.io.ByteArrayOutputStream word = null;
        for (int i = client + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (word == null) {
                if (c == '"') {
                    word = new java.io.ByteArrayOutputStream();
                }
            } else if (c == '"') {
                words.add(word.toString(StandardCharsets.UTF_8));
                word = null;
            } else if (c == '\\') {
                char next = line.charAt(++i);
                switch (next) {
                    case 'n' -> word.write('\n');
                    case 'r' -> word.write('\r');
                    case 't' -> word.write('\t');
                    case 'a' -> word.write(7);
                    case 'b' -> word.write('\b');
                    case 'x' -> {
                        word.write(Integer.parseInt(line.substring(i + 1, i + 3), 16));
                        i += 2;
                    }
                    default -> word.write(next);
                }
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                word.write(bytes, 0, bytes.length);
            }
        }
        if (!words.isEmpty()) {
            words.set(0, words.get(0).toLowerCase(java.util.Locale.ROOT));
        }
        return words;
    }

    /** {@code command} as a client sends it (RESP: an array of bulk strings). */
    private static byte[] request(String... command) {
        StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
        for (String part : command) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Stops and starts it again on the same port and directory. */
    public void restart() throws IOException, InterruptedException {
        stop();
        start();
    }
}
