package openchat.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import openchat.protocol.HeaderNames;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.config.ProxyHeader;
import openchat.server.config.TlsSettings;
import openchat.server.testing.CapturedLog;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** The HTTP listener end to end: files, health, metrics, and chat over WebSocket in OCP and in IRC. */
class HttpListenerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                        .timeout(TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A WebSocket client that queues every text frame it receives, and its close. */
    private static final class Frames implements WebSocket.Listener {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, java.nio.ByteBuffer data, boolean last) {
            return onText(socket, java.nio.charset.StandardCharsets.UTF_8.decode(data), last);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
            closed.complete(status);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        String next() throws InterruptedException {
            String text = texts.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(text).as("a frame within %s", TIMEOUT).isNotNull();
            return text;
        }

        /** The next frame that contains {@code part}, skipping others. */
        String nextContaining(String part) throws InterruptedException {
            while (true) {
                String text = next();
                if (text.contains(part)) {
                    return text;
                }
            }
        }
    }

    private WebSocket webSocket(Frames frames, String... subprotocols) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), frames)
                .join();
    }

    private static String ocp(String startLine, List<String> fields, String body) {
        StringBuilder message = new StringBuilder(startLine).append("\r\n");
        fields.forEach(field -> message.append(field).append("\r\n"));
        int length = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        return message.append("Content-Length: ")
                .append(length)
                .append("\r\n\r\n")
                .append(body)
                .toString();
    }

    @Test
    void theWebPageIsServedWithAPolicyThatKeepsItToItsOwnServer() throws Exception {
        server = TestServer.start();

        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
        assertThat(page.body()).containsIgnoringCase("<html");
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                        .header("If-None-Match", ifNoneMatch)
                        .timeout(TIMEOUT)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBrowsersCopyOfAFileStillServedIsAnswered304WithoutTheFileAndAnyOtherGetsTheFile() throws Exception {
        server = TestServer.start();
        HttpResponse<String> script = get("/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        String tag = script.headers().firstValue("ETag").orElseThrow();
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");

        HttpResponse<String> again = get("/app.js", tag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(tag);
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(again.headers().firstValue("Content-Type")).isEmpty();
        assertThat(get("/app.js", "W/" + tag).statusCode())
                .as("a weak copy of it")
                .isEqualTo(304);
        HttpResponse<String> changed = get("/app.js", "\"an-older-version\"");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).isEqualTo(script.body());
        HttpResponse<String> page = get("/", tag);
        assertThat(page.statusCode()).as("another file's tag").isEqualTo(200);
        assertThat(page.headers().firstValue("ETag")).isPresent().isNotEqualTo(Optional.of(tag));
        assertThat(get("/", page.headers().firstValue("ETag").orElseThrow()).statusCode())
                .isEqualTo(304);
        assertThat(get("/healthz").headers().firstValue("ETag"))
                .as("not a file")
                .isEmpty();
    }

    /**
     * The pinned fingerprint alone decides: the JDK's HTTP client checks the host name against a plain
     * {@link X509TrustManager}'s certificate even when told not to, and the self-signed certificate names no host.
     */
    private static X509ExtendedTrustManager pinnedOnly(X509TrustManager pinned) {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                pinned.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                    throws CertificateException {
                pinned.checkServerTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                pinned.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                pinned.checkServerTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                pinned.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                pinned.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return pinned.getAcceptedIssuers();
            }
        };
    }

    @Test
    void withTlsThePageAndTheWebSocketAreServedOverHttpsAndWss() throws Exception {
        server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()));
        javax.net.ssl.TrustManagerFactory pinned = FingerprintTrustManagerFactory.builder("SHA-256")
                .fingerprints(server.server().tlsFingerprint().replace(":", ""))
                .build();
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {pinnedOnly((X509TrustManager) pinned.getTrustManagers()[0])}, null);
        javax.net.ssl.SSLParameters noHostCheck = new javax.net.ssl.SSLParameters();
        noHostCheck.setEndpointIdentificationAlgorithm(null); // the self-signed certificate names no host
        HttpClient https = HttpClient.newBuilder()
                .sslContext(context)
                .sslParameters(noHostCheck)
                .connectTimeout(TIMEOUT)
                .build();

        HttpResponse<String> health = https.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpPort() + "/healthz"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Frames frames = new Frames();
        WebSocket socket = https.newWebSocketBuilder()
                .subprotocols("ocp")
                .buildAsync(URI.create("wss://127.0.0.1:" + server.httpPort() + "/ws"), frames)
                .join();
        socket.sendText(ocp("CONNECT /rooms/lobby OCP/1.0", List.of("Name: 보안유저"), ""), true)
                .join();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(frames.next()).startsWith("OCP/1.0 200 ");
    }

    @Test
    void unknownFilesAndPathsOutsideTheWebFolderAre404AndOtherMethods405() throws Exception {
        server = TestServer.start();

        assertThat(get("/no-such-file.js").statusCode()).isEqualTo(404);
        assertThat(get("/openchat/server/messages.properties").statusCode()).isEqualTo(404);
        assertThat(get("/..%2Fmessages.properties").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void healthzIsOkWhileEveryListenerIsUp() throws Exception {
        server = TestServer.start();

        HttpResponse<String> health = get("/healthz");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("ok\n");
        assertThat(server.server().problems()).isEmpty();
    }

    @Test
    void metricsAreServedToLoopbackInPrometheusTextFormat() throws Exception {
        server = TestServer.start();
        TestClient member = server.client();
        member.join("유저1", null);
        // Answered only once the server took the line: the count is up before the scrape below.
        assertThat(member.request(OcpMessage.request(Methods.SEND, "/rooms/lobby")
                                .header(HeaderNames.REQUEST_ID, "1")
                                .body("hello")
                                .build())
                        .statusCode())
                .isEqualTo(200);

        assertThat(server.client().join("유저1", null).statusCode())
                .as("a name taken")
                .isEqualTo(409);

        // The writer commits the line within 50 ms: wait for the commit to be counted.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> get("/metrics").body().contains("openchat_history_commit_seconds_count 1"));

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("openchat_members 1.0")
                .contains("openchat_connections{transport=\"ocp\"} 1.0")
                .contains("openchat_connections{transport=\"http\"} 1.0")
                .contains("openchat_rooms 1.0")
                .contains("openchat_history_commit_seconds_bucket{le=\"2.5E-4\"}")
                .contains("openchat_history_write_failures_total 0.0")
                .contains("openchat_history_writable 1.0")
                .contains("openchat_history_dropped_messages_total 0.0")
                .contains("openchat_history_appends_held_total 0.0")
                .contains("openchat_messages_received_total 1.0")
                .contains("openchat_connections_accepted_total{transport=\"ocp\"} 2.0")
                .contains("openchat_connections_accepted_total{transport=\"irc\"} 0.0")
                .contains("openchat_event_loop_pending_tasks")
                .contains("openchat_refusals_total{reason=\"name_taken\",status=\"409\"} 1.0")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_gc_collection_seconds")
                .doesNotContain("jvm_memory_pool_allocated_bytes") // a JMX listener on every collection: left out
                .doesNotContain("유저1");
    }

    @Test
    void aFreshServersMetricsHaveEachTransportsDeliveriesAndEveryRefusalReasonAtZero() throws Exception {
        server = TestServer.start();

        String fresh = get("/metrics").body();

        for (String transport : List.of("ocp", "irc", "websocket")) {
            assertThat(fresh).contains("openchat_deliveries_total{transport=\"" + transport + "\"} 0.0");
        }
        for (String transport : List.of("ocp", "irc")) {
            assertThat(fresh).contains("openchat_connections_accepted_total{transport=\"" + transport + "\"} 0.0");
        }
        assertThat(fresh)
                .as("the scrape's own connection")
                .containsPattern("openchat_connections_accepted_total\\{transport=\"http\"} [1-9]");
        for (String reason : List.of(
                "too_many",
                "too_many_from_address",
                "too_many_web_from_address",
                "too_fast_from_address",
                "origin",
                "fd_limit")) {
            assertThat(fresh).contains("openchat_connections_refused_total{reason=\"" + reason + "\"} 0.0");
        }
    }

    @Test
    void metricsCountTheConnectionsTheServerClosedByReasonFromZeroAndNameTheBuild() throws Exception {
        server = TestServer.start(c -> c.floodControl(new openchat.core.FloodControl(true, 2, 0.001)));
        String fresh = get("/metrics").body();
        assertThat(fresh).contains("openchat_build_info{version=\"dev\"} 1.0");
        for (openchat.server.net.ServerClose reason : openchat.server.net.ServerClose.values()) {
            assertThat(fresh).contains("openchat_connections_closed_total{reason=\"" + reason.label() + "\"} 0.0");
        }
        TestClient administrator = server.joined(openchat.core.Names.ADMINISTRATOR);
        TestClient troll = server.joined("트롤");
        TestClient flooder = server.joined("유저1");
        server.joined("유저2").close(); // closed by the client: not counted

        for (int i = 0; i < 40 && flooder.isOpen(); i++) {
            flooder.say("spam " + i);
        }
        flooder.awaitClosed();
        administrator.request(OcpMessage.request(Methods.BAN, "/")
                .header(HeaderNames.TARGET, "트롤")
                .build());
        troll.awaitClosed();

        org.awaitility.Awaitility.await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                        get("/metrics").body())
                .contains("openchat_connections_closed_total{reason=\"flood\"} 1.0")
                .contains("openchat_connections_closed_total{reason=\"ban\"} 1.0")
                .contains("openchat_connections_closed_total{reason=\"refused\"} 0.0")
                .contains("openchat_connections_closed_total{reason=\"ping_timeout\"} 0.0"));
    }

    @Test
    void metricsAreRefusedToAddressesOutsideMetricsAllow() throws Exception {
        server = TestServer.start(c -> c.metricsAllow(List.of("10.0.0.0/8")));

        HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(403);
        assertThat(metrics.body()).contains("--metrics-allow");
    }

    /** An OCP WebSocket whose handshake carries {@code header}, as a reverse proxy adds it. */
    private WebSocket webSocketWith(Frames frames, String header, String value) {
        return http.newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .header(header, value)
                .subprotocols("ocp")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), frames)
                .join();
    }

    private static void connect(WebSocket socket, Frames frames, String name) throws InterruptedException {
        socket.sendText(ocp("CONNECT /rooms/lobby OCP/1.0", List.of("Name: " + name), ""), true)
                .join();
        assertThat(frames.next()).as(name + " connects").startsWith("OCP/1.0 200 ");
    }

    /** The close code of a WebSocket forwarded for {@code client} that the server closes at once. */
    private int closeCodeForwardedFor(String client) throws Exception {
        Frames frames = new Frames();
        webSocketWith(frames, "X-Forwarded-For", client);
        return frames.closed.get(5, TimeUnit.SECONDS);
    }

    private java.net.InetAddress origin(String name) {
        return server.server().core().whois(name).orElseThrow().origin();
    }

    private HttpResponse<String> metricsWith(String header, String value) throws Exception {
        return metricsWith(Map.of(header, value));
    }

    private HttpResponse<String> metricsWith(Map<String, String> headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics"));
        headers.forEach(request::header);
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void behindATrustedProxyEachWebMemberHasTheAddressItIsForwardedForAndAChatSeatOfItsOwn() throws Exception {
        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.0/8")).maxConnectionsPerAddress(1));
        Frames first = new Frames();
        Frames second = new Frames();
        // The right-most address that is not a trusted proxy: 127.0.0.1 is one (a second proxy), 203.0.113.7 not.
        connect(webSocketWith(first, "X-Forwarded-For", "198.51.100.1, 203.0.113.7, 127.0.0.1"), first, "웹유저1");
        connect(webSocketWith(second, "X-Forwarded-For", "[2001:db8::7]:4711"), second, "웹유저2");

        assertThat(closeCodeForwardedFor("203.0.113.7"))
                .as("a second chat connection for 203.0.113.7, over its cap of one")
                .isEqualTo(1013);
        assertThat(origin("웹유저1")).isEqualTo(java.net.InetAddress.getByName("203.0.113.7"));
        assertThat(origin("웹유저2")).isEqualTo(java.net.InetAddress.getByName("2001:db8::7"));
    }

    @Test
    void behindAProxyThatWritesForwardedEachWebMemberHasTheAddressItsForIsFor() throws Exception {
        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.0/8")).proxyHeader(ProxyHeader.FORWARDED));
        Frames frames = new Frames();

        connect(
                webSocketWith(frames, "Forwarded", "for=\"[2001:db8::7]:4711\";proto=https, for=127.0.0.1"),
                frames,
                "웹유저1");

        assertThat(origin("웹유저1")).isEqualTo(java.net.InetAddress.getByName("2001:db8::7"));
    }

    @Test
    void aClientCannotNameItselfInTheHeaderTheProxyDoesNotWrite() throws Exception {
        // The proxy writes one header and passes the other on as the client wrote it: only the first is read.
        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.1")).metricsAllow(List.of("10.9.9.0/24")));
        assertThat(metricsWith(Map.of("Forwarded", "for=10.9.9.9", "X-Forwarded-For", "203.0.113.9"))
                        .statusCode())
                .as("behind nginx, a client's own Forwarded")
                .isEqualTo(403);
        server.close();

        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.1"))
                .metricsAllow(List.of("10.9.9.0/24"))
                .proxyHeader(ProxyHeader.FORWARDED));
        assertThat(metricsWith(Map.of("X-Forwarded-For", "10.9.9.9", "Forwarded", "for=203.0.113.9"))
                        .statusCode())
                .as("behind HAProxy's option forwarded, a client's own X-Forwarded-For")
                .isEqualTo(403);
        assertThat(metricsWith(Map.of("Forwarded", "for=10.9.9.9")).statusCode())
                .as("the header the proxy writes")
                .isEqualTo(200);
    }

    @Test
    void aTrustedProxyThatWritesTheOtherHeaderIsTakenAsItselfAndTheLogSaysWhichOptionReadsIt() throws Exception {
        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.1")).metricsAllow(List.of("127.0.0.1/32")));
        try (CapturedLog log = new CapturedLog(ForwardedFor.class.getName())) {
            assertThat(metricsWith("Forwarded", "for=203.0.113.9").statusCode())
                    .as("as from the proxy, which may read /metrics")
                    .isEqualTo(200);
            assertThat(metricsWith("Forwarded", "for=203.0.113.10").statusCode())
                    .isEqualTo(200);

            assertThat(log.messages(Level.WARN))
                    .as("once, not once a request")
                    .containsExactly("a request from the trusted proxy 127.0.0.1 names its client in Forwarded and not"
                            + " in X-Forwarded-For: it is taken as from the proxy itself. If the proxy writes"
                            + " Forwarded, start the server with --proxy-header forwarded");
        }
    }

    @Test
    void forwardedHeadersFromAnAddressThatIsNotATrustedProxyAreIgnored() throws Exception {
        server = TestServer.start(c -> c.maxConnectionsPerAddress(1));
        Frames first = new Frames();
        connect(webSocketWith(first, "X-Forwarded-For", "203.0.113.7"), first, "웹유저1");

        assertThat(closeCodeForwardedFor("203.0.113.8"))
                .as("both are 127.0.0.1's")
                .isEqualTo(1013);
        assertThat(origin("웹유저1")).isEqualTo(java.net.InetAddress.getByName("127.0.0.1"));
        assertThat(metricsWith("X-Forwarded-For", "203.0.113.9").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsBehindATrustedProxyAreServedByTheClientsAddressNotTheProxys() throws Exception {
        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.1")));

        HttpResponse<String> forwarded = metricsWith("X-Forwarded-For", "203.0.113.9");

        assertThat(forwarded.statusCode()).isEqualTo(403);
        assertThat(forwarded.body()).contains("203.0.113.9");
        assertThat(get("/metrics").statusCode()).as("the proxy's own request").isEqualTo(200);
        for (String withPort : List.of("203.0.113.9:4711", "[2001:db8::9]:4711", "\"[2001:db8::9]\"")) {
            assertThat(metricsWith("X-Forwarded-For", withPort).statusCode())
                    .as("X-Forwarded-For: " + withPort + ", the client's address with a port some proxies add")
                    .isEqualTo(403);
        }
    }

    @Test
    void anUnreadableForwardedHeaderFromATrustedProxyCountsAsTheProxysOwnAddress() throws Exception {
        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.0/8")));
        Frames frames = new Frames();

        connect(webSocketWith(frames, "X-Forwarded-For", "203.0.113.7, chat.example.org"), frames, "웹유저1");

        assertThat(origin("웹유저1")).isEqualTo(java.net.InetAddress.getByName("127.0.0.1"));
        for (String[] header : List.of(
                new String[] {"X-Forwarded-For", ",,"},
                new String[] {"X-Forwarded-For", "203.0.113.9:80:80"},
                new String[] {"X-Forwarded-For", "chat.example.org"})) {
            assertThat(metricsWith(header[0], header[1]).statusCode())
                    .as(header[0] + ": " + header[1])
                    .isEqualTo(200);
        }
        server.close();

        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.0/8")).proxyHeader(ProxyHeader.FORWARDED));
        for (String unreadable : List.of("for=_hidden", "for=\"[2001:db8::7", "proto=https", "for=203.0.113.9:80:80")) {
            assertThat(metricsWith("Forwarded", unreadable).statusCode())
                    .as("Forwarded: " + unreadable)
                    .isEqualTo(200);
        }
    }

    @Test
    void aBrowserOverWebSocketChatsWithATerminalClientInOcp() throws Exception {
        server = TestServer.start();
        TestClient terminal = server.client();
        terminal.join("유저1", null);
        Frames frames = new Frames();
        WebSocket socket = webSocket(frames, "ocp");
        assertThat(socket.getSubprotocol()).isEqualTo("ocp");

        socket.sendText(ocp("CONNECT /rooms/lobby OCP/1.0", List.of("Name: 웹유저", "Request-Id: 1"), ""), true)
                .join();
        assertThat(frames.next()).startsWith("OCP/1.0 200 ").contains("Request-Id: 1");
        terminal.nextEvent(Methods.JOINED);
        socket.sendText(ocp("SEND /rooms/lobby OCP/1.0", List.of(), "브라우저에서 안녕"), true)
                .join();
        terminal.say("터미널에서 안녕");

        assertThat(terminal.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("브라우저에서 안녕");
        String message = frames.nextContaining("MESSAGE /rooms/lobby");
        assertThat(message).contains("From: 유저1").endsWith("\r\n\r\n터미널에서 안녕");
        assertThat(get("/metrics").body())
                .as("counted apart from OCP over TCP")
                .containsPattern("openchat_deliveries_total\\{transport=\"websocket\"\\} [1-9]")
                .containsPattern("openchat_deliveries_total\\{transport=\"ocp\"\\} [1-9]")
                .contains("openchat_connections{transport=\"websocket\"} 1.0");
    }

    @Test
    void anEnglishBrowserThatGoesWithoutLeaveIsToldInTheServersLanguage() throws Exception {
        server = TestServer.start();
        TestClient terminal = server.client();
        terminal.join("유저1", null);
        Frames frames = new Frames();
        WebSocket socket = webSocket(frames, "ocp");
        socket.sendText(ocp("CONNECT /rooms/lobby OCP/1.0", List.of("Name: web2", "Accept-Language: en"), ""), true)
                .join();
        assertThat(frames.next()).startsWith("OCP/1.0 200 ").endsWith("\r\n\r\nConnected as web2");
        terminal.nextEvent(Methods.JOINED);

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join(); // the tab closed: no LEAVE

        OcpMessage left = terminal.nextEvent(Methods.LEFT);
        assertThat(left.header(HeaderNames.REASON)).contains("disconnected");
        assertThat(left.bodyText()).isEqualTo("나가기 없이 연결이 끊김");
        assertThat(server.console().awaitLineContaining("web2 ("))
                .isEqualTo("연결이 비 정상적으로 종료된 소켓이 있음: web2 (나가기 없이 연결이 끊김)");
    }

    @Test
    void anIrcClientOverBinaryWebSocketFramesGetsBinaryFramesBack() throws Exception {
        server = TestServer.start();
        Frames frames = new Frames();
        WebSocket socket = webSocket(frames, "binary.ircv3.net");
        java.util.function.Function<String, java.nio.ByteBuffer> bytes =
                line -> java.nio.ByteBuffer.wrap(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        socket.sendBinary(bytes.apply("NICK 바이너리"), true).join();
        socket.sendBinary(bytes.apply("USER b 0 * :Binary"), true).join();

        assertThat(frames.nextContaining(" 001 ")).startsWith(":openchat 001 바이너리 ");
    }

    @Test
    void aWebSocketFrameLargerThanOneMessageEndsTheConnection() throws Exception {
        server = TestServer.start();
        Frames frames = new Frames();
        WebSocket socket = webSocket(frames, "ocp");

        // The server may close before the client has written the whole frame: the send itself may fail.
        socket.sendText("x".repeat(64 * 1024), true);

        Integer status = frames.closed.handle((code, error) -> code).get(5, TimeUnit.SECONDS);
        if (status != null) {
            assertThat(status).as("a close frame says the message was too big").isEqualTo(1009);
        }
        assertThat(socket.isInputClosed()).isTrue();
    }

    /** What a client sends to break the WebSocket protocol, once it is connected. */
    private interface Violation {
        void send(RawWebSocket socket) throws Exception;
    }

    static Stream<Arguments> webSocketProtocolErrors() {
        byte[] half = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of(
                        "one frame over one message",
                        (Violation) socket -> socket.sendText("x".repeat(20_000)),
                        1009,
                        "WebSocket 메세지가 12,288바이트보다 깁니다"),
                Arguments.of(
                        "fragments over one message together",
                        (Violation) socket -> {
                            socket.send(RawWebSocket.TEXT, false, half);
                            socket.send(RawWebSocket.CONTINUATION, true, half);
                        },
                        1009,
                        "WebSocket 메세지가 12,288바이트보다 깁니다"),
                Arguments.of(
                        "a text frame that is not UTF-8",
                        (Violation) socket -> socket.send(RawWebSocket.TEXT, true, new byte[] {'a', (byte) 0xff}),
                        1007,
                        "WebSocket 메세지가 올바른 UTF-8 텍스트가 아닙니다"),
                Arguments.of(
                        "a frame with a reserved bit set",
                        (Violation) socket -> socket.send(0x40 | RawWebSocket.TEXT, true, new byte[] {'a'}),
                        1002,
                        "WebSocket 프레임이 RFC 6455 에 어긋납니다"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webSocketProtocolErrors")
    void aWebSocketProtocolErrorIsOneCloseFrameWithItsCodeAndLeavesAsAMalformedMessage(
            String what, Violation violation, int code, String reason) throws Exception {
        ListAppender<ILoggingEvent> warnings = captureWarnings();
        server = TestServer.start();
        TestClient terminal = server.joined("유저1");
        try (RawWebSocket socket = new RawWebSocket(server.httpPort(), "ocp")) {
            socket.sendText(ocp("CONNECT /rooms/lobby OCP/1.0", List.of("Name: wsuser"), ""));
            assertThat(socket.next().text()).startsWith("OCP/1.0 200 ");
            terminal.nextEvent(Methods.JOINED);

            violation.send(socket);

            RawWebSocket.Frame close = socket.nextNotText();
            assertThat(close.closeCode()).as("the Close frame's status").isEqualTo(code);
            assertThat(close.closeReason()).isEqualTo(reason);
            socket.assertEndOfStream();
        } finally {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(warnings);
        }
        OcpMessage left = terminal.nextEvent(Methods.LEFT);
        assertThat(left.bodyText()).isEqualTo("잘못된 메세지: " + reason);
        server.console().awaitLine("연결이 비 정상적으로 종료된 소켓이 있음: wsuser (잘못된 메세지: " + reason + ")");
        assertThat(warnings.list)
                .as("a client's mistake is no server error: nothing on stderr")
                .isEmpty();
    }

    @Test
    void anIrcClientOverWebSocketThatBreaksTheProtocolLeavesAsAMalformedMessage() throws Exception {
        server = TestServer.start();
        TestClient terminal = server.joined("유저1");
        try (RawWebSocket socket = new RawWebSocket(server.httpPort(), "text.ircv3.net")) {
            socket.sendText("NICK webirc");
            socket.sendText("USER webirc 0 * :Web IRC");
            while (!socket.next().text().contains(" 376 ")) {
                // registration's welcome, up to the end of the MOTD
            }
            socket.sendText("JOIN #lobby");
            terminal.nextEvent(Methods.JOINED);

            socket.send(0x40 | RawWebSocket.TEXT, true, new byte[] {'a'});

            assertThat(socket.nextNotText().closeCode()).isEqualTo(1002);
        }
        OcpMessage left = terminal.nextEvent(Methods.LEFT);
        assertThat(left.bodyText())
                .as("the QUIT's reason, not IRC's generic one")
                .isEqualTo("잘못된 메세지: WebSocket 프레임이 RFC 6455 에 어긋납니다");
    }

    private static ListAppender<ILoggingEvent> captureWarnings() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                    super.append(event);
                }
            }
        };
        appender.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    @Test
    void healthzIs503WhileHistoryCannotBeWrittenAndOkAgainAfter() throws Exception {
        server = TestServer.start();
        TestClient member = server.client();
        member.join("유저1", null);
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + server.config().dataDir().resolve("history.db"))) {
            try (java.sql.Statement lock = other.createStatement()) {
                lock.execute("BEGIN IMMEDIATE"); // another program holds the write lock: every write fails
            }
            member.say("cannot be written yet");

            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> get("/healthz").statusCode() == 503);
            assertThat(get("/healthz").body()).contains("history cannot be written");
            assertThat(get("/metrics").body())
                    .contains("openchat_history_writable 0.0")
                    .containsPattern("openchat_history_write_failures_total [1-9]");
            try (java.sql.Statement unlock = other.createStatement()) {
                unlock.execute("ROLLBACK");
            }
        }

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> get("/healthz").statusCode() == 200);
    }

    @Test
    void anIrcClientOverWebSocketChatsWithATerminalClient() throws Exception {
        server = TestServer.start();
        TestClient terminal = server.client();
        terminal.join("유저1", null);
        Frames frames = new Frames();
        WebSocket socket = webSocket(frames, "text.ircv3.net");

        socket.sendText("NICK webirc", true).join();
        socket.sendText("USER w 0 * :Web IRC", true).join();
        assertThat(frames.nextContaining(" 001 ")).startsWith(":openchat 001 webirc ");
        socket.sendText("JOIN #lobby", true).join();
        frames.nextContaining(" 366 ");
        socket.sendText("PRIVMSG #lobby :IRC over WebSocket", true).join();
        terminal.say("and back");

        assertThat(terminal.nextMatching(m -> m.method().equals(Methods.MESSAGE))
                        .bodyText())
                .isEqualTo("IRC over WebSocket");
        assertThat(frames.nextContaining("PRIVMSG")).isEqualTo(":유저1!유저1@openchat PRIVMSG #lobby :and back");
    }

    @Test
    void aWebSocketWithoutASubprotocolIsClosedWithProtocolError() throws Exception {
        server = TestServer.start();
        Frames frames = new Frames();

        webSocket(frames);

        assertThat(frames.closed.get(5, TimeUnit.SECONDS)).isEqualTo(1002);
    }

    @Test
    void aWebSocketMemberWhoseConnectionClosesMidMessageLeavesAsCutOffAndNoErrorIsLogged() throws Exception {
        // The review's log flood: each such close wrote a stack trace, and the member left by "server internal error".
        server = TestServer.start();
        TestClient terminal = server.client();
        terminal.join("유저1", null);
        try (CapturedLog log = new CapturedLog("openchat.server");
                RawWebSocket socket = new RawWebSocket(server.httpPort(), "ocp")) {
            socket.sendText(ocp("CONNECT /rooms/lobby OCP/1.0", List.of("Name: wsuser"), ""));
            assertThat(socket.next().text()).startsWith("OCP/1.0 200 ");
            terminal.nextEvent(Methods.JOINED);

            socket.send(RawWebSocket.TEXT, false, "SEND /rooms/lobby OCP/1.0\r\n".getBytes(StandardCharsets.UTF_8));
            socket.close();

            assertThat(terminal.nextEvent(Methods.LEFT).bodyText()).isEqualTo("메세지를 보내던 중에 연결이 끊김");
            server.console().awaitLine("연결이 비 정상적으로 종료된 소켓이 있음: wsuser (메세지를 보내던 중에 연결이 끊김)");
            assertThat(log.messages(Level.WARN)).isEmpty();
        }
    }

    @Test
    void aPageFromAnotherOriginMayNotOpenTheWebSocket() throws Exception {
        server = TestServer.start();

        CompletableFuture<WebSocket> refused = http.newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .subprotocols("ocp")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), new Frames());

        assertThat(refused)
                .failsWithin(TIMEOUT)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        java.net.http.WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void aPlainHttpPageUnderADnsNameIsRefusedAsAPossibleDnsRebindingUntilTheNameIsListed() throws Exception {
        // A page on evil.example whose name its owner points at this server's address sends its own name as both
        // Host and Origin: that must not pass for the server's own origin.
        server = TestServer.start(c -> c.allowedOrigins(List.of("http://chat.internal:8080")));

        String rebound =
                handshake(plain(), "evil.example:" + server.httpPort(), "http://evil.example:" + server.httpPort());

        assertThat(rebound)
                .startsWith("HTTP/1.1 403 ")
                .contains(
                        "평문 HTTP 에서는 DNS 리바인딩 공격 페이지도 이 페이지를 연 이름(http://evil.example:" + server.httpPort()
                                + ")을 쓸 수 있어 열 수 없습니다: /ws",
                        "--allowed-origins");
        assertThat(handshake(plain(), "chat.internal:8080", "http://chat.internal:8080"))
                .as("the operator's own name, listed")
                .startsWith("HTTP/1.1 101 ");
    }

    @Test
    void thePagesOwnOriginByAddressOrLocalhostMayOpenTheWebSocket() throws Exception {
        server = TestServer.start();
        int port = server.httpPort();

        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port)) {
            assertThat(handshake(plain(), host, "http://" + host))
                    .as("a name no DNS answer makes: " + host)
                    .startsWith("HTTP/1.1 101 ");
        }
    }

    @Test
    void overTlsThePagesOwnOriginByNameMayOpenTheWebSocket() throws Exception {
        // A rebinding page cannot pass the browser's check of the certificate against its own name.
        server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()));
        javax.net.ssl.SSLContext anyCertificate = javax.net.ssl.SSLContext.getInstance("TLS");
        anyCertificate.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        Socket tls = anyCertificate.getSocketFactory().createSocket("127.0.0.1", server.httpPort());

        assertThat(handshake(tls, "chat.example.org", "https://chat.example.org"))
                .startsWith("HTTP/1.1 101 ");
    }

    @Test
    void behindATrustedProxyThePagesOwnOriginByNameMayOpenTheWebSocket() throws Exception {
        // The proxy's TLS and server names decide which names reach this server.
        server = TestServer.start(c -> c.trustedProxies(List.of("127.0.0.1")));

        assertThat(handshake(plain(), "chat.example.org", "https://chat.example.org"))
                .startsWith("HTTP/1.1 101 ");
    }

    private Socket plain() throws java.io.IOException {
        return new Socket("127.0.0.1", server.httpPort());
    }

    /** A WebSocket handshake with {@code host} and {@code origin} on {@code socket}: the answer's head and body. */
    private static String handshake(Socket socket, String host, String origin) throws java.io.IOException {
        try (socket) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin
                                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: c2l4dGVlbiBieXRlcyEhIQ==\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Sec-WebSocket-Protocol: ocp\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            java.io.InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                answer.write(in.read());
            }
            String head = answer.toString(StandardCharsets.UTF_8);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)")
                    .matcher(head);
            if (length.find()) {
                answer.write(in.readNBytes(Integer.parseInt(length.group(1))));
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAllowedOriginMayOpenTheWebSocket() throws Exception {
        server = TestServer.start(c -> c.allowedOrigins(List.of("https://chat.example.org")));

        WebSocket socket = http.newWebSocketBuilder()
                .header("Origin", "https://chat.example.org")
                .subprotocols("ocp")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/ws"), new Frames())
                .join();

        assertThat(socket.getSubprotocol()).isEqualTo("ocp");
    }
}
