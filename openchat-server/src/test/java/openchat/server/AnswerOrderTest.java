package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The answer to one's own chat line takes its place after the lines the room numbered before it, whichever connection
 * sent those: the terminal client prints its own line when the answer comes, and printed it above a line the server
 * had numbered first (trial 11, after a stall: both lines were read in one pass of the same event loop, the other's
 * queued for the outbox and one's own answer written at once).
 */
class AnswerOrderTest {

    @Test
    void theAnswerToOnesOwnLineComesAfterALineOfAnotherTheRoomNumberedFirst() throws Exception {
        try (TestServer server = TestServer.start(c -> c.maxUsers(20));
                Socket own = new Socket("127.0.0.1", server.port())) {
            own.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
            OutputStream out = own.getOutputStream();
            InputStream in = own.getInputStream();
            out.write(request("CONNECT /rooms/lobby OCP/1.0\r\nName: 현우\r\nRequest-Id: 1\r\n", ""));
            readUntil(in, "Request-Id: 1");
            EventLoop loop = channelOf(server, "현우").eventLoop();
            // Another member on the same event loop: the workers take connections in turn.
            List<TestClient> others = new ArrayList<>();
            TestClient other = null;
            for (int i = 1; other == null && i <= 16; i++) {
                TestClient next = server.joined("서연" + i);
                others.add(next);
                if (channelOf(server, "서연" + i).eventLoop() == loop) {
                    other = next;
                }
            }
            assertThat(other).as("a member on the loop of 현우's connection").isNotNull();

            // The loop held while both lines arrive, so that it reads them in one pass: the other's first.
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            loop.execute(() -> {
                held.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
            other.say("웹에서 먼저 쓴 줄");
            out.write(request(
                    "SEND /rooms/lobby OCP/1.0\r\nRequest-Id: 2\r\nContent-Type: text/plain; charset=utf-8\r\n",
                    "터미널에서 나중에 쓴 줄"));
            out.flush();
            release.countDown();

            String received = readUntil(in, "Request-Id: 2");
            assertThat(received)
                    .as("the other's line, numbered first, arrives before the answer to one's own")
                    .contains("웹에서 먼저 쓴 줄");
            others.forEach(TestClient::close);
        }
    }

    private static Channel channelOf(TestServer server, String name) {
        return server.server().core().member(name).orElseThrow().link();
    }

    private static byte[] request(String head, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (head + "Content-Length: " + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** What the server sent up to the end of the message holding {@code header}, read until it. */
    private static String readUntil(InputStream in, String header) throws java.io.IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            String text = read.toString(StandardCharsets.UTF_8);
            int at = text.indexOf(header + "\r\n");
            if (at >= 0 && text.indexOf("\r\n\r\n", at) >= 0) {
                return text;
            }
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("closed before " + header + ": " + text);
            }
            read.write(buffer, 0, n);
        }
    }
}
