package openchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The ghost check for the web page's connections (OCP over {@code /ws}): a page reloaded while its old WebSocket went
 * silent without a close takes its name back once the old one leaves a PING unanswered for the probe time.
 */
class WebSocketGhostCheckTest {
    private static final String CONNECT = "CONNECT /rooms/lobby OCP/1.0\r\nName: 유저1\r\nContent-Length: 0\r\n\r\n";

    @Test
    void aReloadedPageTakesItsNameFromItsSilentOldWebSocket() throws Exception {
        try (TestServer server = TestServer.start(c -> c.heartbeat(Duration.ofSeconds(2), Duration.ofSeconds(60))
                        .ghostProbe(Duration.ofSeconds(1)));
                RawWebSocket old = new RawWebSocket(server.httpPort(), WebSocketBridge.OCP)) {
            old.sendText(CONNECT);
            assertThat(old.next().text()).startsWith("OCP/1.0 200 OK");
            assertThat(nextPing(old))
                    .as("silent for a ping interval, longer than the probe")
                    .isNotNull();

            try (RawWebSocket reloaded = new RawWebSocket(server.httpPort(), WebSocketBridge.OCP)) {
                reloaded.sendText(CONNECT);

                assertThat(reloaded.next().text()).startsWith("OCP/1.0 200 OK").contains("Name: 유저1");
                assertThat(nextPing(old)).as("the probe").isNotNull();
                RawWebSocket.Frame close = old.nextNotText();
                assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
                old.assertEndOfStream();
                assertThat(server.lobbyNames()).containsExactly("유저1");
            }
        }
    }

    /** The next PING the server sent, skipping other frames. */
    private static String nextPing(RawWebSocket socket) throws Exception {
        while (true) {
            String text = socket.next().text();
            if (text.startsWith("PING / OCP/1.0")) {
                return text;
            }
        }
    }
}
