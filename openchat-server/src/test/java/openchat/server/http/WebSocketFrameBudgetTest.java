package openchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.protocol.Methods;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A WebSocket connection's frames are budgeted: so many at once, then so many a second, and so many per message,
 * whatever they carry, so that empty PINGs and empty fragments cannot hold an event loop. Byte by byte on the
 * pipeline's WebSocket handlers (an {@link EmbeddedChannel} whose clock only the test moves), and end to end on a
 * real server, in OCP and in IRC.
 */
class WebSocketFrameBudgetTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ServerText TEXT = ServerText.in(Locale.KOREAN);
    /** The largest message, as the server's pipeline has it with the default limits. */
    private static final int MAX_MESSAGE = 12_288;

    private static final String TOO_MANY_FRAMES = "WebSocket 프레임이 너무 많습니다 (한 번에 " + FloodControl.FRAME_BURST
            + "개, 그 뒤 초당 " + FloodControl.FRAMES_PER_SECOND + "개까지)";
    private static final String TOO_MANY_FRAGMENTS =
            "WebSocket 메세지 하나가 " + ServerConfig.MAX_WEB_SOCKET_FRAGMENTS + "개보다 많은 프레임으로 나뉘어 옵니다";
    private static final byte[] EMPTY = new byte[0];

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    // ---- byte by byte: the decoder, the budget, the aggregator and the violations' Close, as the server has them

    /** The WebSocket handlers of a chat connection's pipeline, in its order, with time frozen. */
    private static EmbeddedChannel webSocket(boolean floodControl) {
        EmbeddedChannel channel = new EmbeddedChannel(
                new WebSocket08FrameEncoder(false),
                new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .closeOnProtocolViolation(false)
                        .build()),
                new WebSocketFrameBudget(TEXT, floodControl, ServerConfig.DEFAULT_HEADER_DEADLINE),
                new WebSocketFrameAggregator(MAX_MESSAGE),
                new WebSocketViolations(TEXT, MAX_MESSAGE));
        channel.freezeTime();
        return channel;
    }

    /**
     * The same handlers behind the byte count in front of the decoder, as after a handshake: a message begun must be
     * whole within the default header deadline.
     */
    private static EmbeddedChannel timedWebSocket() {
        WebSocketFrameBudget budget = new WebSocketFrameBudget(TEXT, true, ServerConfig.DEFAULT_HEADER_DEADLINE);
        EmbeddedChannel channel = new EmbeddedChannel(
                new WebSocket08FrameEncoder(false),
                budget.bytesIn(),
                new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(MAX_MESSAGE)
                        .closeOnProtocolViolation(false)
                        .build()),
                budget,
                new WebSocketFrameAggregator(MAX_MESSAGE),
                new WebSocketViolations(TEXT, MAX_MESSAGE));
        channel.freezeTime();
        budget.upgrading();
        budget.handshakeComplete();
        return channel;
    }

    /** Writes {@code bytes} as one read, and answers the frames that came through. */
    private static List<Object> receiveBytes(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<Object> through = new ArrayList<>();
        for (Object frameThrough; (frameThrough = channel.readInbound()) != null; ) {
            through.add(frameThrough);
        }
        return through;
    }

    /** Lets {@code seconds} pass on the channel's clock, and runs what was due. */
    private static void pass(EmbeddedChannel channel, double seconds) {
        channel.advanceTimeBy((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
    }

    /** Writes {@code times} copies of a client's frame in one read, and answers the frames that came through. */
    private static List<Object> receive(EmbeddedChannel channel, int times, int opcode, boolean fin, byte[] payload) {
        byte[] frame = RawWebSocket.frame(opcode, fin, payload);
        ByteBuf bytes = Unpooled.buffer(frame.length * times);
        for (int i = 0; i < times; i++) {
            bytes.writeBytes(frame);
        }
        channel.writeInbound(bytes);
        List<Object> through = new ArrayList<>();
        for (Object frameThrough; (frameThrough = channel.readInbound()) != null; ) {
            through.add(frameThrough);
        }
        return through;
    }

    /** How many of {@code frames} there were, released. */
    private static int count(List<Object> frames) {
        frames.forEach(ReferenceCountUtil::release);
        return frames.size();
    }

    /** The Close frame the server wrote, as it went on the wire: its status and its reason. */
    private static RawWebSocket.Frame closeWritten(EmbeddedChannel channel) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (ByteBuf bytes; (bytes = channel.readOutbound()) != null; ) {
            byte[] copy = new byte[bytes.readableBytes()];
            bytes.readBytes(copy);
            wire.writeBytes(copy);
            bytes.release();
        }
        byte[] frame = wire.toByteArray();
        assertThat(frame).as("one frame written").hasSizeGreaterThan(2);
        int length = frame[1] & 0x7f;
        assertThat(frame.length).as("one unmasked frame, nothing behind it").isEqualTo(2 + length);
        byte[] payload = new byte[length];
        System.arraycopy(frame, 2, payload, 0, length);
        return new RawWebSocket.Frame(frame[0] & 0x0f, payload);
    }

    @Test
    void aPingFloodPassesItsBurstThenIsClosedWith1008AndTheRestIsDropped() {
        EmbeddedChannel channel = webSocket(true);

        List<Object> through = receive(channel, FloodControl.FRAME_BURST + 50, RawWebSocket.PING, true, EMPTY);

        assertThat(through).hasSize(FloodControl.FRAME_BURST).allMatch(PingWebSocketFrame.class::isInstance);
        count(through);
        RawWebSocket.Frame close = closeWritten(channel);
        assertThat(close.closeCode()).as("policy violation").isEqualTo(1008);
        assertThat(close.closeReason()).isEqualTo(TOO_MANY_FRAMES);
        assertThat(close.closeReason().getBytes(StandardCharsets.UTF_8))
                .as("a Close frame's reason fits its 123 bytes")
                .hasSizeLessThanOrEqualTo(123);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aClientThatKeepsToTheFrameRateIsNeverClosedAndOneFrameOverItIs() {
        EmbeddedChannel channel = webSocket(true);
        assertThat(count(receive(channel, FloodControl.FRAME_BURST, RawWebSocket.PING, true, EMPTY)))
                .isEqualTo(FloodControl.FRAME_BURST);

        for (int second = 0; second < 10; second++) {
            channel.advanceTimeBy(1, TimeUnit.SECONDS);
            assertThat(count(receive(channel, FloodControl.FRAMES_PER_SECOND, RawWebSocket.PING, true, EMPTY)))
                    .as("second %d at the rate", second)
                    .isEqualTo(FloodControl.FRAMES_PER_SECOND);
        }
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        count(receive(channel, FloodControl.FRAMES_PER_SECOND + 1, RawWebSocket.PING, true, EMPTY));

        assertThat(closeWritten(channel).closeCode()).isEqualTo(1008);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aMessageOfEndlessEmptyFragmentsIsClosedWith1009AtTheFragmentCap() {
        EmbeddedChannel channel = webSocket(true);
        count(receive(channel, 1, RawWebSocket.BINARY, false, "PI".getBytes(StandardCharsets.US_ASCII)));

        assertThat(count(receive(
                        channel, ServerConfig.MAX_WEB_SOCKET_FRAGMENTS - 1, RawWebSocket.CONTINUATION, false, EMPTY)))
                .as("the aggregator holds the fragments")
                .isZero();
        assertThat(channel.outboundMessages())
                .as("the cap's own frames are let in")
                .isEmpty();
        count(receive(channel, 1000, RawWebSocket.CONTINUATION, false, EMPTY));

        RawWebSocket.Frame close = closeWritten(channel);
        assertThat(close.closeCode()).as("message too big").isEqualTo(1009);
        assertThat(close.closeReason()).isEqualTo(TOO_MANY_FRAGMENTS);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aMessageInAsManyFramesAsTheCapArrivesWholeAndPingsBetweenItsFragmentsAreNoPartOfIt() {
        EmbeddedChannel channel = webSocket(true);
        byte[] piece = {'b'};
        for (int message = 0; message < 2; message++) {
            List<Object> through = new ArrayList<>();
            through.addAll(receive(channel, 1, RawWebSocket.TEXT, false, new byte[] {'a'}));
            for (int i = 0; i < ServerConfig.MAX_WEB_SOCKET_FRAGMENTS - 2; i++) {
                through.addAll(receive(channel, 1, RawWebSocket.CONTINUATION, false, piece));
                through.addAll(receive(channel, 1, RawWebSocket.PING, true, EMPTY));
            }
            through.addAll(receive(channel, 1, RawWebSocket.CONTINUATION, true, new byte[] {'c'}));

            assertThat(through).hasSize(ServerConfig.MAX_WEB_SOCKET_FRAGMENTS - 1);
            Object whole = through.get(through.size() - 1);
            assertThat(whole).isInstanceOf(TextWebSocketFrame.class);
            assertThat(((TextWebSocketFrame) whole).text())
                    .as("message %d, its fragments together", message)
                    .isEqualTo("a" + "b".repeat(ServerConfig.MAX_WEB_SOCKET_FRAGMENTS - 2) + "c");
            count(through);
            channel.advanceTimeBy(10, TimeUnit.SECONDS); // the frame allowance full again
        }
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void withFloodControlOffFramesHaveNoRateButAMessageStillHasItsFragmentCap() {
        EmbeddedChannel channel = webSocket(false);

        assertThat(count(receive(channel, 10 * FloodControl.FRAME_BURST, RawWebSocket.PING, true, EMPTY)))
                .isEqualTo(10 * FloodControl.FRAME_BURST);
        count(receive(channel, 1, RawWebSocket.TEXT, false, new byte[] {'a'}));
        count(receive(channel, ServerConfig.MAX_WEB_SOCKET_FRAGMENTS, RawWebSocket.CONTINUATION, false, EMPTY));

        assertThat(closeWritten(channel).closeCode()).isEqualTo(1009);
    }

    // ---- a message begun must be whole within the header deadline (slowloris)

    private static final String TOO_SLOW =
            "WebSocket 메세지를 " + ServerConfig.DEFAULT_HEADER_DEADLINE.toSeconds() + "초 안에 다 보내지 않았습니다";

    private static byte[] textFrame(String text) {
        return RawWebSocket.frame(RawWebSocket.TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFrameLeftPartWayIsClosedWith1008AtTheDeadlineNotBefore() {
        EmbeddedChannel channel = timedWebSocket();
        byte[] frame = textFrame("PING / OCP/1.0\r\n\r\n");

        assertThat(receiveBytes(channel, java.util.Arrays.copyOf(frame, 3))).isEmpty();
        pass(channel, 9.999);
        assertThat(channel.outboundMessages()).as("before the deadline").isEmpty();
        pass(channel, 0.001);

        RawWebSocket.Frame close = closeWritten(channel);
        assertThat(close.closeCode()).as("policy violation").isEqualTo(1008);
        assertThat(close.closeReason()).isEqualTo(TOO_SLOW);
        assertThat(close.closeReason().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void framesWhoseReadsEndPartWayAreFineWhileEachIsWholeWithinTheDeadline() {
        EmbeddedChannel channel = timedWebSocket();
        byte[] one = textFrame("one");
        byte[] two = textFrame("two".repeat(100)); // a two-byte extended length
        byte[] three = textFrame("three");
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        stream.writeBytes(one);
        stream.writeBytes(RawWebSocket.frame(RawWebSocket.PING, true, EMPTY));
        stream.writeBytes(two);
        stream.writeBytes(three);
        byte[] bytes = stream.toByteArray();
        // Each read ends inside the next frame, 6 s after the one before: 18 s in all, each frame within 10.
        int[] cuts = {one.length + 3, one.length + 6 + 150, bytes.length - 2, bytes.length};

        int at = 0;
        int frames = 0;
        for (int cut : cuts) {
            frames += count(receiveBytes(channel, java.util.Arrays.copyOfRange(bytes, at, cut)));
            at = cut;
            pass(channel, 6);
        }
        pass(channel, 60);

        assertThat(frames).isEqualTo(4);
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void aMessageInFragmentsMustBeWholeWithinTheDeadlineThoughEachFrameIs() {
        EmbeddedChannel channel = timedWebSocket();

        count(receive(channel, 1, RawWebSocket.TEXT, false, new byte[] {'a'}));
        pass(channel, 6);
        count(receive(channel, 1, RawWebSocket.CONTINUATION, false, new byte[] {'b'}));
        count(receive(channel, 1, RawWebSocket.PING, true, EMPTY));
        pass(channel, 3.999);
        assertThat(channel.outboundMessages()).isEmpty();
        pass(channel, 0.001);

        RawWebSocket.Frame close = closeWritten(channel);
        assertThat(close.closeCode()).isEqualTo(1008);
        assertThat(close.closeReason()).isEqualTo(TOO_SLOW);
    }

    // ---- end to end: a real server, a client over a real socket, OCP and IRC

    private static String ocp(String startLine, String field, String body) {
        return startLine + "\r\n" + (field.isEmpty() ? "" : field + "\r\n") + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /** Opens {@code /ws} in {@code subprotocol} and joins the lobby as {@code name}, which {@code terminal} sees. */
    private RawWebSocket joined(String subprotocol, String name, TestClient terminal) throws IOException {
        RawWebSocket socket = new RawWebSocket(server.httpPort(), subprotocol);
        if (subprotocol.equals(WebSocketBridge.OCP)) {
            socket.sendText(ocp("CONNECT /rooms/lobby OCP/1.0", "Name: " + name, ""));
            assertThat(socket.next().text()).startsWith("OCP/1.0 200 ");
        } else {
            socket.sendText("NICK " + name);
            socket.sendText("USER " + name + " 0 * :Web IRC");
            socket.sendText("JOIN #lobby");
            while (!socket.next().text().contains(" 366 ")) {
                // the welcome, the MOTD, the JOIN, up to the end of the names
            }
        }
        terminal.nextEvent(Methods.JOINED);
        return socket;
    }

    /** One chat line from {@code socket}, as its subprotocol says it, in {@code frames} fragments. */
    private static void say(RawWebSocket socket, String subprotocol, String line, int frames) throws IOException {
        byte[] bytes = (subprotocol.equals(WebSocketBridge.OCP)
                        ? ocp("SEND /rooms/lobby OCP/1.0", "", line)
                        : "PRIVMSG #lobby :" + line)
                .getBytes(StandardCharsets.UTF_8);
        int piece = bytes.length / frames + 1;
        for (int at = 0, frame = 0; at < bytes.length; at += piece, frame++) {
            int end = Math.min(bytes.length, at + piece);
            byte[] part = java.util.Arrays.copyOfRange(bytes, at, end);
            socket.send(frame == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, end == bytes.length, part);
        }
    }

    private String metrics() throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics"))
                                .timeout(TIMEOUT)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The others were told the member left for {@code why}, and the metrics counted one close for {@code reason}. */
    private void assertLeftAndCounted(TestClient terminal, String why, String reason) {
        assertThat(terminal.nextEvent(Methods.LEFT).bodyText()).isEqualTo(why);
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(metrics())
                .contains("openchat_connections_closed_total{reason=\"" + reason + "\"} 1.0"));
    }

    @Test
    void aFlooderThatGoesOnSendingAfterItsCloseIsCutOffNotReadForTheWholeLinger() throws Exception {
        // The server lingers after its Close frame, dropping what still arrives, so that the frame is not lost to a
        // reset; a review's flooder sent a gigabyte a second through those 2 s, a core's worth of work.
        server = TestServer.start();
        TestClient terminal = server.joined("유저1");
        long sentAfterClose = 0;
        try (RawWebSocket socket = joined(WebSocketBridge.OCP, "pinger", terminal)) {
            socket.sendRepeated(2 * FloodControl.FRAME_BURST, RawWebSocket.PING, true, EMPTY);
            RawWebSocket.Frame frame;
            while ((frame = socket.nextNotText()).opcode() == RawWebSocket.PONG) {
                // the allowance's PONGs
            }
            assertThat(frame.closeCode()).isEqualTo(1008);

            int chunk = 10_000; // frames of 6 bytes
            try {
                while (sentAfterClose < 64L * 1024 * 1024) {
                    socket.sendRepeated(chunk, RawWebSocket.PING, true, EMPTY);
                    sentAfterClose += chunk * 6L;
                }
            } catch (java.io.IOException cutOff) {
                // the server closed once it had dropped its share
            }
        }
        assertThat(sentAfterClose)
                .as("bytes sent after the Close frame before the server cut the connection off")
                .isLessThan(64L * 1024 * 1024);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WebSocketBridge.OCP, WebSocketBridge.IRC_TEXT})
    void aPingFloodIsClosedWith1008AndItsReasonAndTheOthersAreToldItFlooded(String subprotocol) throws Exception {
        server = TestServer.start();
        TestClient terminal = server.joined("유저1");
        int pongs = 0;
        try (RawWebSocket socket = joined(subprotocol, "pinger", terminal)) {
            socket.sendRepeated(2 * FloodControl.FRAME_BURST, RawWebSocket.PING, true, EMPTY);

            RawWebSocket.Frame frame;
            while ((frame = socket.nextNotText()).opcode() == RawWebSocket.PONG) {
                pongs++;
            }
            assertThat(frame.closeCode()).as("policy violation").isEqualTo(1008);
            assertThat(frame.closeReason()).isEqualTo(TOO_MANY_FRAMES);
            socket.assertEndOfStream();
        }
        assertThat(pongs)
                .as("PONGs answered: the allowance's, not the flood's")
                .isPositive()
                .isLessThanOrEqualTo(FloodControl.FRAME_BURST + FloodControl.FRAMES_PER_SECOND);
        assertLeftAndCounted(terminal, "도배: " + TOO_MANY_FRAMES, "flood");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WebSocketBridge.OCP, WebSocketBridge.IRC_TEXT})
    void aStreamOfEmptyContinuationFramesIsClosedWith1009AsAMalformedMessage(String subprotocol) throws Exception {
        server = TestServer.start();
        TestClient terminal = server.joined("유저1");
        try (RawWebSocket socket = joined(subprotocol, "fragger", terminal)) {
            socket.send(RawWebSocket.TEXT, false, "PI".getBytes(StandardCharsets.US_ASCII));
            socket.sendRepeated(2 * ServerConfig.MAX_WEB_SOCKET_FRAGMENTS, RawWebSocket.CONTINUATION, false, EMPTY);

            RawWebSocket.Frame close = socket.nextNotText();
            assertThat(close.closeCode()).as("message too big").isEqualTo(1009);
            assertThat(close.closeReason()).isEqualTo(TOO_MANY_FRAGMENTS);
            socket.assertEndOfStream();
        }
        assertLeftAndCounted(terminal, "잘못된 메세지: " + TOO_MANY_FRAGMENTS, "protocol_error");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WebSocketBridge.OCP, WebSocketBridge.IRC_TEXT})
    void aFrameHeldPartWayIsClosedWith1008AtTheDeadlineWhileWholeOnesAreFine(String subprotocol) throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        server = TestServer.start(b -> b.headerDeadline(deadline));
        TestClient terminal = server.joined("유저1");
        try (RawWebSocket whole = joined(subprotocol, "whole", terminal);
                RawWebSocket slow = joined(subprotocol, "slow", terminal)) {
            // A frame in three writes, as TCP may cut it: whole within the deadline, delivered.
            byte[] frame = RawWebSocket.frame(
                    RawWebSocket.TEXT,
                    true,
                    (subprotocol.equals(WebSocketBridge.OCP)
                                    ? ocp("SEND /rooms/lobby OCP/1.0", "", "in pieces")
                                    : "PRIVMSG #lobby :in pieces")
                            .getBytes(StandardCharsets.UTF_8));
            whole.sendBytes(java.util.Arrays.copyOfRange(frame, 0, 1));
            whole.sendBytes(java.util.Arrays.copyOfRange(frame, 1, 9));
            whole.sendBytes(java.util.Arrays.copyOfRange(frame, 9, frame.length));
            assertThat(terminal.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("in pieces");

            long start = System.nanoTime();
            slow.sendBytes(java.util.Arrays.copyOf(frame, 3));
            RawWebSocket.Frame close = slow.nextNotText();

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("not before the deadline")
                    .isGreaterThanOrEqualTo(deadline);
            assertThat(close.closeCode()).as("policy violation").isEqualTo(1008);
            assertThat(close.closeReason()).isEqualTo("WebSocket 메세지를 1초 안에 다 보내지 않았습니다");
            slow.assertEndOfStream();
            assertLeftAndCounted(terminal, "WebSocket 메세지를 1초 안에 다 보내지 않음", "slow_header");

            // Idle longer than the deadline by now, with no frame part-way: still there.
            byte[] payload = "still here".getBytes(StandardCharsets.US_ASCII);
            whole.send(RawWebSocket.PING, true, payload);
            assertThat(whole.nextOf(RawWebSocket.PONG).payload()).isEqualTo(payload);
            say(whole, subprotocol, "and on", 1);
            assertThat(terminal.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("and on");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {WebSocketBridge.OCP, WebSocketBridge.IRC_TEXT})
    void anOrdinaryChatOfManyMessagesWithAnOccasionalPingIsUntouched(String subprotocol) throws Exception {
        // A chat rate no person reaches, so that a chat of many lines at once is the frames' test alone.
        server = TestServer.start(b -> b.floodControl(new FloodControl(true, 1000, 1000)));
        TestClient terminal = server.joined("유저1");
        try (RawWebSocket socket = joined(subprotocol, "chatter", terminal)) {
            for (int i = 0; i < 150; i++) {
                // Now and then a message cut in three, as some client libraries send a long one.
                say(socket, subprotocol, "line " + i, i % 10 == 0 ? 3 : 1);
                assertThat(terminal.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("line " + i);
                if (i % 25 == 0) {
                    byte[] payload = ("ping " + i).getBytes(StandardCharsets.US_ASCII);
                    socket.send(RawWebSocket.PING, true, payload);
                    assertThat(socket.nextOf(RawWebSocket.PONG).payload()).isEqualTo(payload);
                }
            }
        }
        assertThat(metrics())
                .contains("openchat_connections_closed_total{reason=\"flood\"} 0.0")
                .contains("openchat_connections_closed_total{reason=\"protocol_error\"} 0.0");
    }
}
