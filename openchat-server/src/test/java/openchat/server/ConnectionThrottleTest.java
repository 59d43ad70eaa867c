package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import openchat.protocol.HeaderNames;
import openchat.protocol.OcpMessage;
import openchat.server.irc.IrcTestClient;
import openchat.server.testing.SteppedClock;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The throttle on new connections per address, end to end on real connections: OCP and IRC chat connections share one
 * address's allowance; past it each is refused in its protocol's words, saying when to come back (a WebSocket's:
 * WebConnectionsTest). The server's clock is a {@link SteppedClock}, so the allowance comes back when the test moves
 * it. The tests connect from 127.0.0.1, which is exempt by default: each server here exempts nothing.
 */
class ConnectionThrottleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String REFUSAL = "이 주소에서 새 연결이 너무 잦습니다. 10초 후에 다시 접속하십시오";

    private final SteppedClock clock = new SteppedClock();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** Three new connections at once from one address, then one every ten seconds; 127.0.0.1 not exempt. */
    private void startThrottled() {
        server = TestServer.start(c -> c.connectThrottle(3, 6).connectExempt(List.of()), clock);
    }

    /** Connects over OCP from 127.0.0.1 and says CONNECT: the answer, a refusal included. */
    private OcpMessage connectAs(String name) {
        return server.client().join(name, null);
    }

    @Test
    void aBurstOverOcpPastTheAllowanceIsRefusedWith429SayingWhenToComeBackAndCounted() throws Exception {
        startThrottled();
        for (int i = 1; i <= 3; i++) {
            server.joined("유저" + i);
        }

        OcpMessage refused = connectAs("유저4");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("too-fast-from-address");
        assertThat(refused.header(HeaderNames.RETRY_AFTER)).contains("10");
        assertThat(refused.bodyText()).isEqualTo(REFUSAL);
        assertThat(connectAs("유저5").statusCode()).isEqualTo(429);
        assertThat(server.metrics())
                .contains("openchat_connections_refused_total{reason=\"too_fast_from_address\"} 2.0");
    }

    @Test
    void otherAddressesAreUnaffectedAndTheConsoleSaysOnceThatAnAddressIsThrottled() {
        startThrottled();
        for (int i = 1; i <= 3; i++) {
            server.joined("유저" + i);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(connectAs("넘침" + i).statusCode()).isEqualTo(429);
        }

        TestClient other = TestClient.connectFrom("127.0.0.2", "127.0.0.1", server.port());
        assertThat(other.join("옆사람", null).statusCode())
                .as("another address, in the middle of the first one's refusals")
                .isEqualTo(200);

        server.console().awaitLine("[CONNECT] 옆사람"); // printed after every refusal before it
        assertThat(server.console().lines().stream().filter(line -> line.startsWith("[THROTTLE]")))
                .as("one line for five refusals")
                .containsExactly("[THROTTLE] 127.0.0.1 에서 새 연결이 너무 잦아 거절하기 시작했습니다 (한 번에 3개, 그 뒤로 1분에"
                        + " 6개까지: 여러 사람이 한 주소를 쓴다면 --connect-burst, --connect-rate 를 올리거나 --connect-exempt 에"
                        + " 넣으십시오)");
    }

    @Test
    void anIrcClientPastTheAddresssAllowanceGetsErrorSayingWhenToComeBack() throws Exception {
        startThrottled();
        IrcTestClient.registered(server.ircPort(), "irc1");
        IrcTestClient.registered(server.ircPort(), "irc2");
        server.joined("유저1"); // OCP and IRC share the address's allowance

        try (Socket irc = new Socket("127.0.0.1", server.ircPort())) {
            irc.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream out = irc.getOutputStream();
            out.write("NICK irc3\r\nUSER u 0 * :Real Name\r\n".getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(irc.getInputStream(), StandardCharsets.UTF_8));

            assertThat(in.readLine()).isEqualTo("ERROR :" + REFUSAL);
            assertThat(in.readLine()).as("then closed").isNull();
        }
    }

    @Test
    void theAllowanceComesBackWithTime() {
        startThrottled();
        for (int i = 1; i <= 3; i++) {
            server.joined("유저" + i);
        }
        assertThat(connectAs("유저4").statusCode()).isEqualTo(429);

        clock.advance(Duration.ofSeconds(9));
        OcpMessage early = connectAs("유저4");
        clock.advance(Duration.ofSeconds(1));
        OcpMessage onTime = connectAs("유저4");
        OcpMessage next = connectAs("유저5");

        assertThat(early.header(HeaderNames.RETRY_AFTER)).as("a second early").contains("1");
        assertThat(onTime.statusCode()).as("ten seconds on").isEqualTo(200);
        assertThat(next.statusCode()).as("one connection per ten seconds").isEqualTo(429);
    }

    @Test
    void connectRateOffLetsEveryConnectionIn() {
        server = TestServer.start(
                c -> c.noConnectThrottle().connectExempt(List.of()).maxUsers(10), clock);

        for (int i = 1; i <= 9; i++) {
            assertThat(connectAs("유저" + i).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void thisMachinesAddressesAreExemptByDefault() {
        server = TestServer.start(c -> c.connectThrottle(3, 6).maxUsers(10), clock);

        for (int i = 1; i <= 9; i++) {
            assertThat(connectAs("유저" + i).statusCode()).isEqualTo(200);
        }
    }
}
