package openchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import openchat.server.config.ServerText;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a client sends the HTTP listener, it is answered at once, with a status that says what was wrong, and
 * never left waiting on an open connection that holds one of its address's web places. A path is compared without
 * its query, {@code /ws} too.
 */
class HttpRequestShapesTest {
    /** Far below the keep-alive time (20 s): an answer "at once". */
    private static final int ANSWER_WITHIN_MILLIS = 3_000;

    private static TestServer server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The status line and body of the first answer on a new connection that sent {@code request}. */
    private static String[] exchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return readAnswer(socket.getInputStream(), request.startsWith("HEAD "));
        }
    }

    /** One answer: its head and, by its Content-Length, its body (none for a HEAD). */
    private static String[] readAnswer(InputStream in, boolean toHead) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + ANSWER_WITHIN_MILLIS + " ms; read so far: " + head, e);
        }
        String headText = head.toString(StandardCharsets.UTF_8);
        int length = headText.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line ->
                        Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst()
                .orElse(0);
        String body = toHead ? "" : new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new String[] {headText, body};
    }

    static Stream<Arguments> requestsAndTheirAnswers() {
        return Stream.of(
                Arguments.of("/ws with a query, no upgrade", "GET /ws?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("/ws with a fragment", "GET /ws#frag HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("bad percent-encoding", "GET /%ZZ HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("a lone %", "GET /% HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("a cut %XX", "GET /a%2 HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("a cut UTF-8 sequence", "GET /%E0%A4%A HTTP/1.1\r\nHost: h\r\n\r\n", 400),
                Arguments.of("an unknown path with a query", "GET /nope?x=1 HTTP/1.1\r\nHost: h\r\n\r\n", 404),
                Arguments.of("a file with a query", "GET /app.js?v=1 HTTP/1.1\r\nHost: h\r\n\r\n", 200),
                Arguments.of("an absolute-form target", "GET http://h/ws HTTP/1.1\r\nHost: h\r\n\r\n", 404),
                Arguments.of("POST to a file", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nx", 405),
                Arguments.of("HEAD of /ws", "HEAD /ws HTTP/1.1\r\nHost: h\r\n\r\n", 405),
                Arguments.of("OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n", 405),
                Arguments.of("no request line", "GARBAGE\r\n\r\n", 400),
                Arguments.of("a header line without a colon", "GET / HTTP/1.1\r\nHost: h\r\nNo colon\r\n\r\n", 400),
                Arguments.of(
                        "header fields over the limit",
                        "GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(10_000) + "\r\n\r\n",
                        431),
                Arguments.of("a request line over the limit", "GET /" + "a".repeat(5_000) + " HTTP/1.1\r\n\r\n", 414),
                Arguments.of(
                        "a body over the limit, by its Content-Length",
                        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 20000\r\n\r\n",
                        413),
                Arguments.of(
                        "a body over the limit, in chunks",
                        "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4400\r\n" + "a".repeat(0x4400)
                                + "\r\n0\r\n\r\n",
                        413),
                Arguments.of(
                        "a WebSocket handshake of an unknown version",
                        "GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                + "Sec-WebSocket-Version: 99\r\nSec-WebSocket-Key: c2l4dGVlbiBieXRlcyEhIQ==\r\n\r\n",
                        426));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("requestsAndTheirAnswers")
    void everyRequestIsAnsweredAtOnceWithAStatusThatSaysWhatWasWrong(String what, String request, int status)
            throws Exception {
        String[] answer = exchange(request);

        assertThat(answer[0]).as(what).startsWith("HTTP/1.1 " + status + " ");
        if (status >= 400 && status != 426 && !request.startsWith("HEAD ")) {
            assertThat(answer[1]).as("%s: a short sentence saying why", what).isNotBlank();
        }
    }

    @Test
    void aPathWithBadPercentEncodingIs400AndTheConnectionServesTheNextRequest() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
            socket.getOutputStream()
                    .write("GET /%ZZ HTTP/1.1\r\nHost: h\r\n\r\nGET /healthz HTTP/1.1\r\nHost: h\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));

            String[] bad = readAnswer(socket.getInputStream(), false);
            String[] next = readAnswer(socket.getInputStream(), false);

            assertThat(bad[0]).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: keep-alive");
            assertThat(bad[1]).isEqualTo("요청한 경로의 퍼센트 인코딩(%XX)이 잘못되었습니다\n");
            assertThat(next[0]).startsWith("HTTP/1.1 200 ");
            assertThat(next[1]).isEqualTo("ok\n");
        }
    }

    @Test
    void anUnreadableRequestIs400AndTheConnectionCloses() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(ANSWER_WITHIN_MILLIS);
            socket.getOutputStream().write("GARBAGE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String[] answer = readAnswer(socket.getInputStream(), false);

            assertThat(answer[0]).startsWith("HTTP/1.1 400 ").containsIgnoringCase("connection: close");
            assertThat(socket.getInputStream().read())
                    .as("the end of the stream")
                    .isEqualTo(-1);
        }
    }

    /** Records a WebSocket's close. */
    private static final class Closes implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final StringBuilder texts = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            synchronized (texts) {
                texts.append(data);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status);
            return null;
        }
    }

    @Test
    void aWebSocketOpenedOnWsWithAQueryIsAChatConnectionLikeOneOnWs() throws Exception {
        Closes frames = new Closes();
        WebSocket socket = http.newWebSocketBuilder()
                .subprotocols("ocp")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws?x=1"), frames)
                .get(5, TimeUnit.SECONDS);

        socket.sendText("CONNECT /rooms/lobby OCP/1.0\r\nName: 쿼리유저\r\nContent-Length: 0\r\n\r\n", true)
                .join();

        assertThat(socket.getSubprotocol()).isEqualTo("ocp");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
            synchronized (frames.texts) {
                return frames.texts.toString().startsWith("OCP/1.0 200 ");
            }
        });
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
    }

    @Test
    void aMethodAPathDoesNotTakeIs405WithTheMethodsItTakesInAllow() throws Exception {
        for (String path : List.of("/", "/app.js", "/healthz", "/metrics", "/nope")) {
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                            .POST(HttpRequest.BodyPublishers.ofString("x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as(path).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).as(path).hasValue("GET, HEAD");
        }
        HttpResponse<String> ws = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/ws"))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ws.statusCode()).isEqualTo(405);
        assertThat(ws.headers().firstValue("Allow"))
                .as("the handshake's method only")
                .hasValue("GET");
    }

    @Test
    void answersAreWordedInTheLanguageTheRequestAsksForElseInTheServers() throws Exception {
        URI nope = URI.create("http://127.0.0.1:" + server.httpPort() + "/nope");

        HttpResponse<String> korean =
                http.send(HttpRequest.newBuilder(nope).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> english = http.send(
                HttpRequest.newBuilder(nope)
                        .header("Accept-Language", "en-US,en;q=0.9,ko;q=0.8")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/ws"))
                        .header("Origin", "http://evil.example")
                        .header("Accept-Language", "ko-KR")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(korean.body()).isEqualTo("찾을 수 없습니다\n");
        assertThat(english.body()).isEqualTo("not found\n");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("http://evil.example 의 페이지에서는 열 수 없습니다: /ws (--allowed-origins)\n");
    }

    @Test
    void aRequestThatEveryHandlerPassesByIsAnswered404AndTheKeepAliveClockStartsAgain() {
        // What HttpRoutes once let by (GET /ws?x=1): nothing answered it, and the connection stayed open for good.
        EmbeddedChannel channel = new EmbeddedChannel(
                new HttpKeepAlive(20_000, new openchat.server.net.ConnectionLimiter(10, 10, 10)),
                new ChannelInboundHandlerAdapter(), // a handler that passes everything on
                new UnansweredRequests(ServerText.in(Locale.ENGLISH)));

        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?x=1"));
        FullHttpResponse answer = channel.readOutbound();
        channel.advanceTimeBy(21, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(answer.status().code()).isEqualTo(404);
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).isEqualTo("not found\n");
        answer.release();
        assertThat(channel.isOpen()).as("closed 20 s after the answer").isFalse();
        channel.finishAndReleaseAll();
    }
}
