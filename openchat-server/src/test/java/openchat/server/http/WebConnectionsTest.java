package openchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import openchat.protocol.HeaderNames;
import openchat.protocol.OcpMessage;
import openchat.server.config.ProxyHeader;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.config.TlsSettings;
import openchat.server.net.ConnectionLimiter;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Web connections (the page, its files, /healthz, /metrics) against chat connections, end to end on real sockets:
 * idle keep-alive connections take no chat seat; a WebSocket on /ws does; a plain request on the HTTPS port is
 * answered; a refused origin is logged and counted.
 */
class WebConnectionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<Socket> sockets = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A connection to the HTTP port that fetched the page and stays open, as a browser's keep-alive does. */
    private void awaitIdleWebConnections(int count) {
        org.awaitility.Awaitility.await()
                .atMost(TIMEOUT)
                .until(() -> server.server().connectionLimits().idleWebConnections() == count);
    }

    private Socket idleAfterPage() throws Exception {
        Socket socket = new Socket("127.0.0.1", server.httpPort());
        sockets.add(socket);
        socket.setSoTimeout((int) TIMEOUT.toMillis());
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        assertThat(head).startsWith("HTTP/1.1 200 ").contains("keep-alive");
        return socket;
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String readAll(InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                        .timeout(TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final class Closes implements WebSocket.Listener {
        final CompletableFuture<String> closed = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    private WebSocket webSocket(Closes listener) {
        return http.newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .subprotocols("ocp")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), listener)
                .join();
    }

    @Test
    void idleKeepAliveConnectionsAtThePerAddressCapKeepNeitherHealthzNorChatOut() throws Exception {
        server = TestServer.start(c -> c.maxConnectionsPerAddress(3));
        for (int i = 0; i < 3; i++) {
            idleAfterPage();
        }

        HttpResponse<String> health = get("/healthz");
        HttpResponse<String> metrics = get("/metrics");
        OcpMessage joined = server.client().join("유저1", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(joined.statusCode()).as("an OCP client joins").isEqualTo(200);
    }

    @Test
    void aWebSocketChatConnectionTakesAChatSeat() throws Exception {
        server = TestServer.start(c -> c.maxConnectionsPerAddress(2));
        webSocket(new Closes());
        webSocket(new Closes());

        TestClient third = server.client();
        OcpMessage refused = third.nextAnswer();
        Closes fourth = new Closes();
        webSocket(fourth);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.header(HeaderNames.ERROR_CODE)).contains("too-many-from-address");
        assertThat(fourth.closed.get(5, TimeUnit.SECONDS))
                .as("a WebSocket over the cap: 1013, try again later, and why")
                .isEqualTo("1013 한 주소에서 2개보다 많이 연결할 수 없습니다");
        assertThat(get("/healthz").statusCode())
                .as("the page and health stay reachable")
                .isEqualTo(200);
    }

    @Test
    void aWebSocketPastItsAddresssNewConnectionsAllowanceIsClosedWith1013SayingWhenToComeBack() throws Exception {
        // Three new chat connections at once from one address, then one every ten seconds; 127.0.0.1 not exempt. The
        // clock stands still, so the wait said is ten seconds exactly.
        server = TestServer.start(
                c -> c.connectThrottle(3, 6).connectExempt(List.of()), new openchat.server.testing.SteppedClock());
        server.joined("유저1"); // OCP and WebSocket share the address's allowance
        server.joined("유저2");
        Closes admitted = new Closes();
        webSocket(admitted); // its handshake's answer comes after it was let in

        Closes refused = new Closes();
        webSocket(refused);

        assertThat(refused.closed.get(5, TimeUnit.SECONDS))
                .as("the handshake completes, then Close 1013 (try again later) and when to come back")
                .isEqualTo("1013 이 주소에서 새 연결이 너무 잦습니다. 10초 후에 다시 접속하십시오");
        assertThat(admitted.closed).as("the one let in stays").isNotDone();
        assertThat(server.metrics())
                .as("counted once: the page's own requests and /metrics are web connections, not throttled")
                .contains("openchat_connections_refused_total{reason=\"too_fast_from_address\"} 1.0");
    }

    /**
     * The seat is taken before the handshake's answer is written, not after: a client that has read {@code 101}
     * and at once opens another chat connection from the same address finds the seat taken. (Taken after the
     * write, a loop slow to run the write's listener let the other connection in, and the WebSocket was then
     * closed with 1013.) The HTTP pipeline of a real connection up to the handshake, on an {@link EmbeddedChannel},
     * with a look at the caps at the moment the {@code 101} goes out.
     */
    @Test
    void aWebSocketClientThatHasItsHandshakesAnswerHoldsItsChatSeat() {
        ConnectionLimiter limits = new ConnectionLimiter(100, 1, ServerConfig.MAX_WEB_CONNECTIONS_PER_ADDRESS);
        ServerText text = ServerText.in(Locale.KOREAN);
        HttpContext context = new HttpContext(
                ServerConfig.defaults(),
                text,
                null,
                null,
                limits,
                new RefusedOrigins(null),
                new StaticFiles(openchat.server.config.ServerConfig.DEFAULT_NETWORK_NAME),
                null,
                List::of,
                List.of(),
                new ForwardedFor(address -> false, ProxyHeader.X_FORWARDED_FOR),
                List.of(),
                null,
                null);
        BiFunction<ByteBufAllocator, ConnectionLimiter.Refused, ByteBuf> refusal = (allocator, refused) ->
                allocator.buffer().writeBytes(refused.reason().errorCode().getBytes(StandardCharsets.US_ASCII));
        List<String> anotherAtTheAnswer = new ArrayList<>();
        ChannelOutboundHandlerAdapter atTheAnswer = new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
                if (message instanceof ByteBuf bytes
                        && bytes.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101 ")) {
                    EmbeddedChannel another = new EmbeddedChannel(limits.guard(refusal));
                    ByteBuf refused = another.readOutbound();
                    anotherAtTheAnswer.add(refused == null ? "let in" : refused.toString(StandardCharsets.US_ASCII));
                    ReferenceCountUtil.release(refused);
                    another.finishAndReleaseAll();
                }
                ctx.write(message, promise);
            }
        };
        EmbeddedChannel webSocket = new EmbeddedChannel(
                atTheAnswer,
                limits.webGuard(refusal),
                new HttpServerCodec(),
                new HttpBodyLimit(text, 16 * 1024),
                new HttpRoutes(context),
                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                        .websocketPath(HttpRoutes.WEBSOCKET_PATH)
                        .subprotocols(WebSocketBridge.SUBPROTOCOLS)
                        .build()));

        webSocket.writeInbound(Unpooled.copiedBuffer(
                "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Protocol: ocp\r\n\r\n",
                StandardCharsets.US_ASCII));

        assertThat(anotherAtTheAnswer)
                .as("another chat connection from the address, opened as the 101 is written")
                .containsExactly("too-many-from-address");
        assertThat(limits.chatRefusal(webSocket))
                .as("the WebSocket itself got the seat")
                .isEmpty();
        webSocket.finishAndReleaseAll();
    }

    @Test
    void webConnectionsHaveACapOfTheirOwnPerAddress() throws Exception {
        server = TestServer.start();
        for (int i = 0; i < ServerConfig.MAX_WEB_CONNECTIONS_PER_ADDRESS; i++) {
            Socket socket = new Socket("127.0.0.1", server.httpPort());
            sockets.add(socket);
        }
        sockets.add(new Socket("127.0.0.1", server.httpPort()));

        // One is over the cap, not necessarily the last opened: connections become active on several event loops.
        Socket over = await().atMost(TIMEOUT)
                .until(
                        () -> sockets.stream()
                                .filter(socket -> {
                                    try {
                                        return socket.getInputStream().available() > 0;
                                    } catch (java.io.IOException e) {
                                        return false;
                                    }
                                })
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        over.setSoTimeout((int) TIMEOUT.toMillis());

        assertThat(readAll(over.getInputStream()))
                .startsWith("HTTP/1.1 503 ")
                .contains("Error-Code: too-many-web-from-address")
                .endsWith("한 주소에서 웹 연결을 64개보다 많이 열 수 없습니다\n");
        assertThat(server.client().join("유저1", null).statusCode())
                .as("web connections take no chat seat")
                .isEqualTo(200);
    }

    @Test
    void webConnectionsOverTheirShareCloseTheLongestIdleAndChatConnectionsKeepTheRest() throws Exception {
        server = TestServer.start(c -> c.maxConnections(8)); // web connections: two
        Socket longestIdle = idleAfterPage();
        awaitIdleWebConnections(1); // the answer's end marks it waiting, just after the client has read it
        Socket idle = idleAfterPage();
        awaitIdleWebConnections(2);

        Socket newcomer = idleAfterPage();

        assertThat(readAll(longestIdle.getInputStream()))
                .as("the rest of the page, then the close for the newcomer")
                .contains("</html>");
        List<Integer> joined = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            joined.add(server.client().connect("방" + i, "유저" + i, null).statusCode()); // a room holds five here
        }
        assertThat(joined).as("chat connections keep the other six places").containsOnly(200);
        assertThat(idle.isClosed() || newcomer.isClosed()).isFalse();
    }

    @Test
    void aWebConnectionIdleForTheKeepAliveTimeIsClosedAndAnAnswerStartsItsTimeAgain() {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpKeepAlive(20_000, new ConnectionLimiter(10, 10, 10)));
        channel.freezeTime(); // only advanceTimeBy moves the deadlines, however slow the machine

        channel.advanceTimeBy(15, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        channel.advanceTimeBy(30, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("answering: no deadline").isTrue();
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        channel.advanceTimeBy(19, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).isTrue();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).as("20 s after the answer").isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aPlainHttpRequestOnTheHttpsPortGets400SayingSo() throws Exception {
        server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()));
        Socket socket = new Socket("127.0.0.1", server.httpPort());
        sockets.add(socket);
        socket.setSoTimeout((int) TIMEOUT.toMillis());

        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(readAll(socket.getInputStream()))
                .startsWith("HTTP/1.1 400 Bad Request\r\n")
                .contains("Connection: close")
                .endsWith("HTTPS 포트에 일반 HTTP 요청이 왔습니다. https:// 주소로 접속하십시오\n");
    }

    @Test
    void aRefusedOriginIsLoggedOnceForARetryStormAndCounted() throws Exception {
        server = TestServer.start();
        Logger logger = (Logger) LoggerFactory.getLogger(RefusedOrigins.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> refused = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/ws"))
                                .header("Origin", "http://evil.example")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(403);
            }
        } finally {
            logger.detachAppender(logged);
        }

        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(logged.list.get(0).getFormattedMessage())
                .contains("http://evil.example")
                .contains("127.0.0.1")
                .contains("--allowed-origins");
        assertThat(get("/metrics").body()).contains("openchat_connections_refused_total{reason=\"origin\"} 3.0");
    }

    @Test
    void allowedOriginsAreComparedAsBrowsersSendThem() throws Exception {
        server = TestServer.start(
                c -> c.allowedOrigins(List.of("HTTP://Chat.Example.org:8080/", "https://b.example:443")));

        for (String origin : List.of("http://chat.example.org:8080", "https://b.example")) {
            WebSocket socket = http.newWebSocketBuilder()
                    .header("Origin", origin)
                    .subprotocols("ocp")
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), new Closes())
                    .join();
            assertThat(socket.getSubprotocol()).as(origin).isEqualTo("ocp");
        }
        assertThat(server.config().allowedOrigins())
                .containsExactly("http://chat.example.org:8080", "https://b.example");
    }

    @Test
    void anAllowedOriginWithAPathOrAQuerySaysWhatIsWrong() {
        assertThatThrownBy(() -> ServerConfig.builder()
                        .allowedOrigins(List.of("https://chat.example.org/chat"))
                        .build())
                .hasMessageContaining("'https://chat.example.org/chat' has a path (/chat)");
        assertThatThrownBy(() -> ServerConfig.builder()
                        .allowedOrigins(List.of("https://chat.example.org?x=1"))
                        .build())
                .hasMessageContaining("has a query (?x=1)");
        assertThatThrownBy(() -> ServerConfig.builder()
                        .allowedOrigins(List.of("chat.example.org"))
                        .build())
                .hasMessageContaining("has no scheme");
    }
}
