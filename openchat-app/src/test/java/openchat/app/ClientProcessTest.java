package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `openchat client` as a real process, its input a pipe held open: how it ends when a signal, not a typed /quit, ends
 * it. The server and the room must see an ordinary leave, not a connection dropped without LEAVE.
 */
class ClientProcessTest {
    /** How long a stopped client may take to be gone: its wait for the server is bounded well below this. */
    private static final long EXIT_SECONDS = 10;

    @TempDir
    Path home;

    private TestServer server;
    private Process client;
    /** Every line the client printed. */
    private final List<String> printed = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (client != null && client.isAlive()) {
            client.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A server with 유저2 in the lobby, and the client process joined as 유저1; returns 유저2, who saw it join. */
    private TestClient clientBesideUser2() throws IOException {
        server = TestServer.start();
        TestClient other = server.joined("유저2");
        client = OpenchatProcess.startWithInput(home, "client", "유저1", "--port", Integer.toString(server.port()));
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            printed.add(line);
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "client-stdout");
        reader.setDaemon(true);
        reader.start();
        awaitPrinted("유저1 접속 완료");
        other.nextEvent(Methods.JOINED);
        return other;
    }

    private void awaitPrinted(String line) {
        Awaitility.await("client line '" + line + "'")
                .atMost(Duration.ofSeconds(20))
                .until(() -> printed.contains(line));
    }

    private int exitStatus() throws InterruptedException {
        assertThat(client.waitFor(EXIT_SECONDS, TimeUnit.SECONDS))
                .as("the client ended; it printed %s", printed)
                .isTrue();
        return client.exitValue();
    }

    /** The room saw 유저1 leave as /quit leaves, and the server's console says LEAVE, not an abnormal disconnect. */
    private void assertLeftAsByQuit(TestClient other) {
        OcpMessage left = other.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.NAME)).contains("유저1");
        assertThat(left.header(HeaderNames.REASON)).contains("left");
        server.console().awaitLine("[LEAVE] 유저1");
        assertThat(server.console().lines()).noneMatch(line -> line.contains("비 정상"));
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(client.pid())).start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @Test
    void sigtermLeavesAsQuitDoesAndExitsWithTheSignalsStatus() throws Exception {
        TestClient other = clientBesideUser2();

        client.toHandle().destroy(); // SIGTERM

        assertThat(exitStatus()).isEqualTo(128 + 15);
        assertLeftAsByQuit(other);
    }

    @Test
    void sighupOfAClosedTerminalLeavesAsQuitDoes() throws Exception {
        TestClient other = clientBesideUser2();

        signal("HUP");

        assertThat(exitStatus()).isEqualTo(128 + 1);
        assertLeftAsByQuit(other);
    }

    @Test
    void ctrlCWithPipedInputLeavesAsQuitDoes() throws Exception {
        TestClient other = clientBesideUser2();

        signal("INT");

        assertThat(exitStatus()).isEqualTo(128 + 2);
        assertLeftAsByQuit(other);
    }

    @Test
    void sigtermAfterTheConnectionIsLostEndsAtOnce() throws Exception {
        clientBesideUser2();
        server.server().core().member("유저1").orElseThrow().link().close();
        awaitPrinted("서버와의 연결이 끊어졌습니다");

        long start = System.nanoTime();
        client.toHandle().destroy();

        assertThat(exitStatus()).isEqualTo(128 + 15);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
