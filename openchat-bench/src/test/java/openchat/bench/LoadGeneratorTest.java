package openchat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import openchat.cluster.RedisServer;
import openchat.core.FloodControl;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The load generator against a real openchat server, against two nodes of a cluster (a real {@code redis-server})
 * and against the bare relay, briefly.
 */
class LoadGeneratorTest {
    @RegisterExtension
    static final RedisServer redis = new RedisServer();

    private static BenchSettings settings(
            int port, WireProtocol.Kind kind, int clients, int window, double rate, boolean idle) {
        return settings(List.of(port), kind, clients, window, rate, idle);
    }

    private static BenchSettings settings(
            List<Integer> ports, WireProtocol.Kind kind, int clients, int window, double rate, boolean idle) {
        return new BenchSettings(
                "127.0.0.1",
                ports,
                kind,
                clients,
                clients,
                window,
                rate,
                Duration.ofMillis(1000),
                Duration.ofMillis(300),
                100,
                idle,
                0);
    }

    @Test
    void closedLoopAgainstOpenchatLosesNothingAndMeasuresLatency() throws Exception {
        try (TestServer server = TestServer.start(
                c -> c.maxUsers(20).floodControl(FloodControl.OFF).consoleChat(false))) {
            List<String> progress = new ArrayList<>();

            BenchResult result = new LoadGenerator(
                            settings(server.port(), WireProtocol.Kind.ocp, 5, 4, 0, false), progress::add)
                    .run();

            assertThat(result.sent()).isPositive();
            assertThat(result.deliveriesPerS()).isPositive();
            assertThat(result.lost()).isZero();
            assertThat(result.duplicated()).isZero();
            assertThat(result.reordered()).isZero();
            assertThat(result.p99Ms()).isPositive().isGreaterThanOrEqualTo(result.p50Ms());
            assertThat(progress).anyMatch(line -> line.contains("deliveries/s"));
            assertThat(result.toJson()).contains("\"deliveries_per_s\":", "\"p999_ms\":", "\"lost\":0");
        }
    }

    @Test
    void openLoopSendsAtTheAskedRate() throws Exception {
        try (TestServer server = TestServer.start(
                c -> c.maxUsers(20).floodControl(FloodControl.OFF).consoleChat(false))) {
            BenchResult result = new LoadGenerator(
                            settings(server.port(), WireProtocol.Kind.ocp, 4, 0, 200, false), line -> {})
                    .run();

            assertThat(result.msgsPerS()).as("about 200 per second").isBetween(100.0, 300.0);
            assertThat(result.lost()).isZero();
        }
    }

    /** A node of a cluster on the test's Redis, with room for the generator's clients. */
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
    void clientsSpreadOverTwoClusterNodesCountEveryDeliveryOnEitherNode() throws Exception {
        redis.flushAll();
        try (TestServer a = node("a");
                TestServer b = node("b")) {
            List<String> progress = new ArrayList<>();

            BenchResult result = new LoadGenerator(
                            settings(List.of(a.port(), b.port()), WireProtocol.Kind.ocp, 6, 4, 0, false), progress::add)
                    .run();

            assertThat(progress)
                    .anyMatch(line -> line.startsWith("joined 6 clients over ports " + a.port() + ", " + b.port()));
            // The console prints from a thread of its own: wait for every client's line, then look where each joined.
            await().atMost(Duration.ofSeconds(5)).until(() -> connects(a) + connects(b) == 6);
            assertThat(connects(a)).as("clients 0, 2, 4 joined on node a").isEqualTo(3);
            assertThat(connects(b)).as("clients 1, 3, 5 joined on node b").isEqualTo(3);
            assertThat(result.sent()).isPositive();
            assertThat(result.deliveriesPerS()).isPositive();
            assertThat(result.lost())
                    .as("each message reached all five others, three of them on the other node")
                    .isZero();
            assertThat(result.duplicated()).isZero();
            assertThat(result.reordered()).isZero();
            assertThat(result.p99Ms()).isPositive().isGreaterThanOrEqualTo(result.p50Ms());
        }
    }

    @Test
    void ircOverTwoClusterNodesLosesNothing() throws Exception {
        redis.flushAll();
        try (TestServer a = node("a");
                TestServer b = node("b")) {
            BenchResult result = new LoadGenerator(
                            settings(List.of(a.ircPort(), b.ircPort()), WireProtocol.Kind.irc, 4, 4, 0, false),
                            line -> {})
                    .run();

            assertThat(result.sent()).isPositive();
            assertThat(result.lost()).isZero();
            assertThat(result.duplicated()).isZero();
            assertThat(result.reordered()).isZero();
        }
    }

    @Test
    void twoServersThatShareNoRoomShowAsLostMessages() throws Exception {
        try (TestServer a = TestServer.start(
                        c -> c.maxUsers(20).floodControl(FloodControl.OFF).consoleChat(false));
                TestServer b = TestServer.start(
                        c -> c.maxUsers(20).floodControl(FloodControl.OFF).consoleChat(false))) {
            BenchResult result = new LoadGenerator(
                            settings(List.of(a.port(), b.port()), WireProtocol.Kind.ocp, 4, 0, 100, false), line -> {})
                    .run();

            assertThat(result.sent()).isPositive();
            assertThat(result.lost())
                    .as("each message reaches the one other client on its server, not the two on the other")
                    .isEqualTo(result.sent() * 2);
        }
    }

    @Test
    void ircAgainstTheBareRelayLosesNothing() throws Exception {
        try (BareRelay relay = BareRelay.start("127.0.0.1", 0)) {
            BenchResult result =
                    new LoadGenerator(settings(relay.port(), WireProtocol.Kind.irc, 5, 4, 0, false), line -> {}).run();

            assertThat(result.sent()).isPositive();
            assertThat(result.lost()).isZero();
            assertThat(result.duplicated()).isZero();
        }
    }

    @Test
    void idleModeJoinsEveryClient() throws Exception {
        try (TestServer server = TestServer.start(c -> c.maxUsers(100).maxConnectionsPerAddress(200))) {
            BenchResult result =
                    new LoadGenerator(settings(server.port(), WireProtocol.Kind.ocp, 60, 0, 0, true), line -> {}).run();

            assertThat(result.setupMs()).isPositive();
            assertThat(result.clients()).isEqualTo(60);
            assertThat(server.console().lines().stream()
                            .filter(l -> l.startsWith("[CONNECT] b"))
                            .count())
                    .as("every client joined before the run ended")
                    .isEqualTo(60);
        }
    }

    @Test
    void refusedJoinIsAClearError() {
        try (TestServer server = TestServer.start(c -> c.maxUsers(2))) {
            assertThatThrownBy(() -> new LoadGenerator(
                                    settings(server.port(), WireProtocol.Kind.ocp, 3, 1, 0, false), line -> {})
                            .run())
                    .hasMessageContaining("could not join")
                    .hasMessageContaining("503");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stopsAtTheFirst429AndSaysHowToStartTheServerForALoadTest() throws Exception {
        try (TestServer server = TestServer.start(c -> c.maxUsers(20).consoleChat(false))) { // flood control on
            List<String> progress = new ArrayList<>();
            BenchSettings settings = new BenchSettings(
                    "127.0.0.1",
                    server.port(),
                    WireProtocol.Kind.ocp,
                    5,
                    5,
                    40,
                    0,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    100,
                    false,
                    0);
            long start = System.nanoTime();

            assertThatThrownBy(() -> new LoadGenerator(settings, progress::add).run())
                    .isInstanceOf(LoadRefused.class)
                    .hasMessageContaining("\"OCP/1.0 429 Too Many Requests\" (Retry-After:")
                    .hasMessageContaining("./openchat server --no-flood-control");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("stopped at the refusal, not after the minute of warm-up and measuring")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(progress).noneMatch(line -> line.startsWith("measure"));
        }
    }

    @Test
    void stopsWhenAnIrcServerEndsAFloodingClient() throws Exception {
        try (TestServer server = TestServer.start(c -> c.maxUsers(20).consoleChat(false))) { // flood control on
            BenchSettings settings = new BenchSettings(
                    "127.0.0.1",
                    server.ircPort(),
                    WireProtocol.Kind.irc,
                    2,
                    2,
                    200, // more in flight than the IRC listener holds back before it gives up on a client
                    0,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    100,
                    false,
                    0);

            assertThatThrownBy(() -> new LoadGenerator(settings, line -> {}).run())
                    .isInstanceOf(LoadRefused.class)
                    .hasMessageContaining("\"ERROR :")
                    .hasMessageContaining("--no-flood-control");
        }
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> settings(1, WireProtocol.Kind.ocp, 5, 4, 100, false))
                .hasMessageContaining("one of");
        assertThatThrownBy(() -> settings(1, WireProtocol.Kind.ocp, 5, 0, 0, false))
                .hasMessageContaining("one of");
        assertThatThrownBy(() -> settings(1, WireProtocol.Kind.ocp, 20_000, 4, 0, false))
                .hasMessageContaining("19000");
        assertThatThrownBy(() -> settings(List.of(), WireProtocol.Kind.ocp, 5, 4, 0, false))
                .hasMessageContaining("at least one port");
        assertThatThrownBy(() -> settings(List.of(3000, 70_000), WireProtocol.Kind.ocp, 5, 4, 0, false))
                .hasMessageContaining("70000");
        BenchSettings two = settings(List.of(3000, 3001), WireProtocol.Kind.ocp, 5, 4, 0, false);
        assertThat(List.of(two.portOf(0), two.portOf(1), two.portOf(2), two.portOf(3), two.portOf(4)))
                .containsExactly(3000, 3001, 3000, 3001, 3000);
    }
}
