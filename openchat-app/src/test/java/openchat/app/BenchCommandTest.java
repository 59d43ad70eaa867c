package openchat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code openchat bench} as a person runs it, against a real server and against two nodes of a cluster. */
class BenchCommandTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static TestServer node(String id) {
        return TestServer.start(c -> c.cluster(redis.url())
                .nodeId(id)
                .maxUsers(20)
                .maxConnectionsPerAddress(100)
                .floodControl(FloodControl.OFF)
                .consoleChat(false));
    }

    private static long connects(TestServer server) {
        return server.console().lines().stream()
                .filter(l -> l.startsWith("[CONNECT] b"))
                .count();
    }

    @Test
    void benchAgainstAServerWithFloodControlStopsWithExit4AndSaysWhatToDo() throws Exception {
        try (TestServer server = TestServer.start(c -> c.maxUsers(20).consoleChat(false))) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = OpenchatCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));

            int code = commandLine.execute(
                    "bench", "--port", Integer.toString(server.port()), "--window", "40", "--seconds", "30");

            assertThat(code).isEqualTo(4);
            assertThat(err.toString())
                    .startsWith("bench: stopped at the first refusal: the server answered \"OCP/1.0 429")
                    .contains("flood control is on", "--no-flood-control");
        }
    }

    @Test
    void commaSeparatedPortsSpreadTheClientsOverTheNodesOfACluster() throws Exception {
        try (TestServer a = node("a");
                TestServer b = node("b")) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = OpenchatCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));

            int code = commandLine.execute(
                    "bench",
                    "--port",
                    a.port() + "," + b.port(),
                    "--clients",
                    "4",
                    "--window",
                    "4",
                    "--seconds",
                    "1",
                    "--warmup",
                    "0.2");

            assertThat(code)
                    .as("measured; nothing lost, duplicated or reordered: " + err)
                    .isZero();
            // The console prints from a thread of its own: wait for every client's line, then look where each joined.
            await().atMost(Duration.ofSeconds(5)).until(() -> connects(a) + connects(b) == 4);
            assertThat(connects(a)).as("clients 0 and 2 on node a").isEqualTo(2);
            assertThat(connects(b)).as("clients 1 and 3 on node b").isEqualTo(2);
        }
    }

    @Test
    void benchWithNoServerOnThePortSaysItCannotConnectWithExit1AndNoStackTrace() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        } // closed: nothing listens there now
        StringWriter err = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int code = commandLine.execute("bench", "--port", Integer.toString(port), "--window", "4", "--seconds", "1");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .isEqualToIgnoringNewLines("bench: cannot connect to 127.0.0.1:" + port
                        + ": Connection refused (is the server running, on that port?)");
    }

    @Test
    void benchIntoARoomTooSmallSaysWhichClientWasRefusedWhyAndHowToMakeRoom() throws Exception {
        try (TestServer server = TestServer.start(
                c -> c.maxUsers(3).floodControl(FloodControl.OFF).consoleChat(false))) {
            StringWriter err = new StringWriter();
            CommandLine commandLine = OpenchatCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));

            int code = commandLine.execute(
                    "bench", "--port", Integer.toString(server.port()), "--clients", "5", "--window", "4");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString())
                    .matches("(?s)bench: client \\d could not join: OCP/1\\.0 503 Service Unavailable .*\\(3/3\\);"
                            + " for a load test, make room for the clients \\(openchat: \\./openchat server"
                            + " --no-flood-control --max-users N .*\\)\\R")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aPortListWithSomethingElseInItIsAnInvalidOption() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int code = commandLine.execute("bench", "--port", "3000,x", "--window", "4");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--port", "'x'");
    }

    @Test
    void helpListsTheExitCodes() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = OpenchatCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));

        commandLine.execute("bench", "--help");

        assertThat(out.toString()).contains("Exit codes:", "4", "flood control");
    }
}
