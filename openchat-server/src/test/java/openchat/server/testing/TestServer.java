package openchat.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import openchat.core.MemberView;
import openchat.core.Names;
import openchat.core.RoomNames;
import openchat.protocol.OcpMessage;
import openchat.server.ChatServer;
import openchat.server.config.AdminKey;
import openchat.server.config.ServerConfig;
import org.awaitility.Awaitility;

/**
 * A real {@link ChatServer} on 127.0.0.1 and an ephemeral port, with its admin key and its history database (a
 * real SQLite file) in a temporary folder and its console recorded. Close it to stop the server.
 */
public final class TestServer implements AutoCloseable {
    private final Path keyDir;
    private final AdminKey adminKey;
    private final ConsoleRecorder console = new ConsoleRecorder();
    private final Clock clock;
    private ChatServer server;
    private ServerConfig config;

    private TestServer(UnaryOperator<ServerConfig.Builder> customize, Clock clock) {
        this.clock = clock;
        try {
            keyDir = Files.createTempDirectory("openchat-test");
            ServerConfig.Builder base = ServerConfig.builder()
                    .host("127.0.0.1")
                    .port(0)
                    .ircPort(0)
                    .ircTlsPort(0)
                    .httpPort(0)
                    .adminKeyFile(keyDir.resolve("admin.key"))
                    .dataDir(keyDir.resolve("data"))
                    .locale(Locale.KOREAN);
            config = customize.apply(base).build();
            adminKey = AdminKey.loadOrCreate(config.adminKeyFile());
            server = new ChatServer(config, adminKey, console.stream(), clock);
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static TestServer start() {
        return new TestServer(UnaryOperator.identity(), Clock.systemDefaultZone());
    }

    public static TestServer start(UnaryOperator<ServerConfig.Builder> customize) {
        return new TestServer(customize, Clock.systemDefaultZone());
    }

    /**
     * A server whose chat core, history and cluster link read the time from {@code clock} (a {@link SteppedClock}: a
     * test that is about the age of messages moves it, instead of waiting and hoping the machine keeps up).
     */
    public static TestServer start(UnaryOperator<ServerConfig.Builder> customize, Clock clock) {
        return new TestServer(customize, clock);
    }

    public int port() {
        return server.address().getPort();
    }

    /** The HTTP listener's port: the web page, {@code /ws}, {@code /metrics}, {@code /healthz}. */
    public int httpPort() {
        return server.httpAddress().getPort();
    }

    /** The IRC listener's port. */
    public int ircPort() {
        return server.ircAddress().getPort();
    }

    public ChatServer server() {
        return server;
    }

    /** What {@code /metrics} answers now, read from 127.0.0.1 (allowed by default). */
    public String metrics() {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://127.0.0.1:" + httpPort() + "/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** The names of the members in {@code lobby}, in the order they joined. */
    public List<String> lobbyNames() {
        return server.core().who(RoomNames.LOBBY).stream().map(MemberView::name).toList();
    }

    public ConsoleRecorder console() {
        return console;
    }

    public Path adminKeyFile() {
        return config.adminKeyFile();
    }

    /** The key itself, as the administrator's client reads it from the file. */
    public String adminKeyText() {
        try {
            return Files.readString(config.adminKeyFile()).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connected client; over TLS, trusting this server's certificate by its fingerprint, when TLS is on. */
    public TestClient client() {
        String fingerprint = server.tlsFingerprint();
        if (fingerprint == null) {
            return TestClient.connect("127.0.0.1", port());
        }
        try {
            return TestClient.connect(
                    "127.0.0.1",
                    port(),
                    io.netty.handler.ssl.SslContextBuilder.forClient()
                            .trustManager(io.netty.handler.ssl.util.FingerprintTrustManagerFactory.builder("SHA-256")
                                    .fingerprints(fingerprint.replace(":", ""))
                                    .build())
                            .endpointIdentificationAlgorithm(null) // pinned: the fingerprint is the identity
                            .build());
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client that has joined as {@code name} (the administrator's name sends the key). */
    public TestClient joined(String name) {
        TestClient client = client();
        OcpMessage answer = client.join(name, Names.isAdministrator(name) ? adminKeyText() : null);
        if (answer.statusCode() != 200) {
            throw new AssertionError(name + " could not join: " + answer + " " + answer.bodyText());
        }
        return client;
    }

    /**
     * Stops the server as SIGTERM would (history written out) and starts a new one on the same port, key and
     * data directory: what a person restarting the server sees.
     */
    /**
     * Writes {@code count} registrations of rooms that do not exist ({@code kept1}, {@code kept2}, ...) from {@code
     * network} where the server keeps them (its history database), as if members from there had registered rooms and
     * left them.
     */
    public void registeredFromNetwork(int count, String network) throws java.sql.SQLException {
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                        "jdbc:sqlite:" + config.dataDir().resolve("history.db"));
                java.sql.PreparedStatement insert =
                        db.prepareStatement("INSERT INTO room_keys (room_key, room, hash, by_name, at, network)"
                                + " VALUES (?, ?, 'x', 'someone', '2026-12-06T05:00:00Z', ?)")) {
            for (int i = 1; i <= count; i++) {
                insert.setString(1, "kept" + i);
                insert.setString(2, "kept" + i);
                insert.setString(3, network);
                insert.executeUpdate();
            }
        }
    }

    public void restart() throws Exception {
        int port = port();
        server.shutdown("restart");
        awaitTerminated(Duration.ofSeconds(10));
        config = config.toBuilder().port(port).build();
        server = new ChatServer(config, adminKey, console.stream(), clock);
        server.start();
    }

    /**
     * Stops the server as SIGTERM would (history written out), keeping its ports, key and data directory for
     * {@link #startAgain()}: a restart with a pause in between, as a browser that reconnects on its own sees it.
     */
    public void stop() throws Exception {
        config = config.toBuilder().port(port()).httpPort(httpPort()).build();
        server.shutdown("restart");
        awaitTerminated(Duration.ofSeconds(10));
    }

    /**
     * Starts a new server after {@link #stop()}, on the same ports, key and data directory. While the server was down
     * its port was free, and the kernel may have given it meanwhile to a client socket of a test running beside this
     * one as its local port (the ephemeral range holds every port a test server is given): then the start is tried
     * again, for up to ten seconds, as an operator would after "address already in use".
     */
    public void startAgain() {
        // A client's connection holding the port ends on its own, with no event here to wait for: polled.
        Awaitility.await("the restarted server's ports")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .ignoreException(ChatServer.CannotListen.class)
                .until(() -> {
                    server = new ChatServer(config, adminKey, console.stream(), clock);
                    server.start();
                    return true;
                });
    }

    public void awaitTerminated(Duration timeout) throws Exception {
        server.terminated().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        server.shutdown("test over");
        awaitTerminated(Duration.ofSeconds(10));
        try (var files = Files.walk(keyDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
