package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import openchat.server.config.AdminKey;
import openchat.server.config.ConfigRefusal;
import openchat.server.config.Listener;
import openchat.server.config.ServerConfig;
import openchat.server.testing.ConsoleRecorder;
import openchat.server.testing.LocalAddresses;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where each listener listens: {@code --host}'s list of addresses, or the listener's own ({@code --irc-host},
 * {@code --http-host}...), every address bound, on one port per listener.
 */
class ListenerAddressesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final InetAddress V4 = InetAddress.getLoopbackAddress();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** ::1, when this machine has IPv6 loopback; the test is skipped otherwise. */
    private static InetAddress ipv6Loopback() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        boolean present;
        try (ServerSocket probe = new ServerSocket(0, 1, v6)) {
            present = probe.isBound();
        } catch (SocketException e) {
            present = false;
        }
        Assumptions.assumeTrue(present, "IPv6 loopback (::1)");
        return v6;
    }

    @Test
    void aPortInUseIsRefusedNamingEachListenerInTheServersLanguage(@TempDir Path dir) throws Exception {
        for (Locale locale : List.of(Locale.KOREAN, Locale.ENGLISH)) {
            for (Listener listener : Listener.values()) {
                try (ServerSocket taken = new ServerSocket(0, 1, V4)) {
                    int busy = taken.getLocalPort();
                    ServerConfig.Builder config = ServerConfig.builder()
                            .host("127.0.0.1")
                            .port(listener == Listener.OCP ? busy : 0)
                            .ircPort(listener == Listener.IRC ? busy : 0)
                            .ircTlsPort(listener == Listener.IRC_TLS ? busy : 0)
                            .httpPort(listener == Listener.HTTP ? busy : 0)
                            .tls(openchat.server.config.TlsSettings.selfSignedCertificate())
                            .adminKeyFile(dir.resolve("admin.key"))
                            .dataDir(dir.resolve("data-" + locale + "-" + listener))
                            .locale(locale);
                    ChatServer server = new ChatServer(
                            config.build(),
                            AdminKey.loadOrCreate(dir.resolve("admin.key")),
                            new ConsoleRecorder().stream());

                    String name =
                            switch (listener) {
                                case OCP -> "OCP";
                                case IRC -> "IRC";
                                case IRC_TLS -> "IRC over TLS";
                                case HTTP -> "HTTP";
                            };
                    String address = name + " 127.0.0.1:" + busy;
                    assertThatThrownBy(server::start)
                            .isInstanceOfSatisfying(ChatServer.CannotListen.class, refusal -> assertThat(
                                            refusal.sentence().in(openchat.server.config.ServerText.in(locale)))
                                    .as("%s %s", locale, listener)
                                    .isEqualTo(
                                            locale == Locale.KOREAN
                                                    ? address + " 에서 대기할 수 없습니다: Address already in use"
                                                    : "cannot listen on " + address + ": Address already in use"));
                }
            }
        }
    }

    @Test
    void eachListenerBindsEveryAddressOfItsOwnListAndNotTheOthersOfHost() throws Exception {
        InetAddress v6 = ipv6Loopback();
        try (TestServer server = TestServer.start(b -> b.host("::1")
                .hosts(Listener.HTTP, List.of("127.0.0.1"))
                .hosts(Listener.IRC, List.of("127.0.0.1", "::1")))) {
            int irc = server.ircPort();
            assertThat(server.server().addresses(Listener.IRC))
                    .containsExactly(new InetSocketAddress(V4, irc), new InetSocketAddress(v6, irc));

            assertThat(registersOverIrc(V4, irc)).as("IRC on 127.0.0.1").contains(" 001 ");
            assertThat(registersOverIrc(v6, irc)).as("IRC on ::1").contains(" 001 ");
            assertThat(healthz("127.0.0.1", server.httpPort()))
                    .as("HTTP on 127.0.0.1")
                    .isEqualTo(200);
            assertThat(refused(v6, server.httpPort()))
                    .as("HTTP not on ::1, which --host has but --http-host has not")
                    .isTrue();
            assertThat(refused(V4, server.port()))
                    .as("OCP on --host's ::1 alone")
                    .isTrue();
            assertThat(refused(v6, server.port())).isFalse();

            assertThat(server.console().awaitLineContaining("IRC 접속을"))
                    .isEqualTo("IRC 접속을 127.0.0.1:" + irc + ", [::1]:" + irc + " 에서 받습니다");
            assertThat(server.console().awaitLineContaining("웹 페이지:"))
                    .isEqualTo("웹 페이지: http://127.0.0.1:" + server.httpPort() + "/");
            assertThat(server.console().awaitLineContaining("에서 대기 중입니다"))
                    .startsWith("openchat 서버가 [::1]:" + server.port() + " 에서");
        }
    }

    @Test
    void anIpv4AndAnIpv6WildcardBindSideBySideOnOnePort() throws Exception {
        InetAddress v6 = ipv6Loopback();
        try (TestServer server = TestServer.start(b -> b.hosts(Listener.IRC, List.of("0.0.0.0", "::")))) {
            int irc = server.ircPort();

            assertThat(server.server().addresses(Listener.IRC)).hasSize(2);
            assertThat(registersOverIrc(V4, irc)).contains(" 001 ");
            assertThat(registersOverIrc(v6, irc)).contains(" 001 ");
            assertThat(server.console().awaitLineContaining("IRC 접속을"))
                    .isEqualTo("IRC 접속을 0.0.0.0:" + irc + ", [::]:" + irc + " 에서 받습니다");
        }
    }

    /**
     * On every interface the server can name only localhost, which opens the page on this machine alone: the line
     * gives other machines this machine's addresses (trial 10: the operator needed one to give the members).
     */
    @Test
    void theWebPageLineOfAWebPortOnEveryInterfaceNamesLocalhostAndThisMachinesAddressesForOtherMachines()
            throws Exception {
        try (TestServer server = TestServer.start(b -> b.hosts(Listener.HTTP, List.of("0.0.0.0", "::")))) {
            int port = server.httpPort();
            List<String> elsewhere = MachineAddresses.shown(MachineAddresses.ofThisMachine(), true, true);
            assertThat(server.console().awaitLineContaining("웹 페이지"))
                    .isEqualTo("웹 페이지: http://localhost:" + port + "/"
                            + (elsewhere.isEmpty()
                                    ? ", 다른 컴퓨터에서는 localhost 자리에 이 컴퓨터의 주소를 씁니다 (주소를 찾지 못했습니다)"
                                    : ", 다른 컴퓨터에서는 "
                                            + String.join(
                                                    ", ",
                                                    elsewhere.stream()
                                                            .map(host -> "http://" + ChatServer.hostAndPort(host, port)
                                                                    + "/")
                                                            .toList())));
            for (String address : elsewhere) {
                assertThat(healthz(address.contains(":") ? "[" + address + "]" : address, port))
                        .as("the page answers at %s", address)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void aBindFailureOnAnyAddressRefusesTheStartNamingTheListenerTheAddressAndThePortAndLeavesNothingOpen(
            @TempDir Path dir) throws Exception {
        InetAddress v6 = ipv6Loopback();
        int ocp = freePort();
        try (ServerSocket taken = takenOnlyOn(v6)) {
            int irc = taken.getLocalPort();
            ServerConfig config = ServerConfig.builder()
                    .host("127.0.0.1")
                    .port(ocp)
                    .ircPort(irc)
                    .hosts(Listener.IRC, List.of("127.0.0.1", "::1"))
                    .httpPort(ServerConfig.OFF)
                    .adminKeyFile(dir.resolve("admin.key"))
                    .dataDir(dir.resolve("data"))
                    .locale(Locale.ENGLISH)
                    .build();
            ChatServer server = new ChatServer(
                    config, AdminKey.loadOrCreate(config.adminKeyFile()), new ConsoleRecorder().stream());

            assertThatThrownBy(server::start)
                    .isInstanceOf(ChatServer.CannotListen.class)
                    .hasMessage("cannot listen on IRC [::1]:" + irc + ": Address already in use");

            // Nothing listens: a connection is refused. (Binding the port again, as this asked before, also failed
            // when another test's client connection happened to take the number as its own port: once in a
            // clean-clone run.)
            assertThat(listening(V4, irc))
                    .as("IRC's 127.0.0.1, bound before ::1 failed, is closed")
                    .isFalse();
            assertThat(listening(V4, ocp)).as("the OCP listener is closed").isFalse();
        }
    }

    @Test
    void duplicatedAddressesInAListAreBoundOnce() throws Exception {
        ipv6Loopback();
        try (TestServer server = TestServer.start(
                b -> b.hosts(Listener.IRC, List.of("127.0.0.1", "::1", " 127.0.0.1", "0:0:0:0:0:0:0:1")))) {
            assertThat(server.config().hosts(Listener.IRC)).containsExactly("127.0.0.1", "::1");
            assertThat(server.server().addresses(Listener.IRC)).hasSize(2);
        }
    }

    @Test
    void aBadEntryInAListIsRefusedNamingTheOptionAndTheEntry() {
        ServerConfig.Builder config = ServerConfig.builder().locale(Locale.ENGLISH);

        assertThatThrownBy(() -> config.hosts(List.of("127.0.0.1", "999.1.1.1")).build())
                .isInstanceOf(ConfigRefusal.class)
                .hasMessage("--host: '999.1.1.1' is neither an IP address nor a host name this machine resolves");
        assertThatThrownBy(() -> ServerConfig.builder()
                        .hosts(Listener.IRC_TLS, List.of("127.0.0.1", "", "::1"))
                        .build())
                .hasMessage("--irc-tls-host: an empty address in the list (two commas together, or one at an end)");
        assertThatThrownBy(() -> ServerConfig.builder()
                        .hosts(Listener.HTTP, List.of("0.0.0.0", "127.0.0.1"))
                        .build())
                .as("the second bind would find the port in use")
                .hasMessage("--http-host: 0.0.0.0 already takes every IPv4 address, so 127.0.0.1 cannot be bound"
                        + " beside it: give one or the other");
        assertThat(ServerConfig.builder()
                        .hosts(List.of("0.0.0.0", "::"))
                        .build()
                        .hosts(Listener.OCP))
                .as("the two wildcards, each of its own family")
                .containsExactly("0.0.0.0", "::");
    }

    @Test
    void theNoTlsWarningLooksAtEachListenersOwnAddresses() throws Exception {
        ServerConfig.Builder plain = ServerConfig.builder();
        assertThat(ChatServer.inClearBeyondThisMachine(
                        plain.hosts(Listener.HTTP, List.of("127.0.0.1")).build()))
                .as("the web port on 127.0.0.1 behind a proxy, the others on every interface")
                .containsExactly(Listener.OCP, Listener.IRC);
        assertThat(ChatServer.inClearBeyondThisMachine(ServerConfig.builder()
                        .host("127.0.0.1")
                        .hosts(Listener.IRC, List.of("::1", "192.0.2.2"))
                        .build()))
                .as("one address beyond loopback in a list is enough")
                .containsExactly(Listener.IRC);
        assertThat(ChatServer.inClearBeyondThisMachine(ServerConfig.builder()
                        .hosts(Listener.OCP, List.of("127.0.0.1"))
                        .ircPort(ServerConfig.OFF)
                        .httpPort(ServerConfig.OFF)
                        .build()))
                .as("a listener that is off")
                .isEmpty();

        InetAddress lan = LocalAddresses.nonLoopbackAddress();
        try (TestServer server = TestServer.start(b -> b.host(lan.getHostAddress())
                .hosts(Listener.HTTP, List.of("127.0.0.1"))
                .locale(Locale.ENGLISH))) {
            String lanAddress = lan.getHostAddress();
            assertThat(server.console().awaitLineContaining("without TLS"))
                    .startsWith("warning: listening without TLS where other machines reach it (OCP " + lanAddress + ":"
                            + server.port() + "; IRC " + lanAddress + ":" + server.ircPort() + "); ");
        }
    }

    @Test
    void aPlainIrcPortBesideTlsReachedFromOtherMachinesIsWarnedOfWithHowToCloseIt() throws Exception {
        InetAddress lan = LocalAddresses.nonLoopbackAddress();
        try (TestServer server = TestServer.start(
                b -> b.host(lan.getHostAddress()).tls(openchat.server.config.TlsSettings.selfSignedCertificate()))) {
            assertThat(server.console().awaitLineContaining("경고: TLS 를 켰지만"))
                    .isEqualTo("경고: TLS 를 켰지만 다른 컴퓨터에서 닿는 주소에서 TLS 없이도 대기합니다 (IRC " + lan.getHostAddress()
                            + ":" + server.ircPort() + "). 그 연결의 대화는 네트워크에 암호화되지 않은 채 오갑니다 (관리자 키는 받지 않습니다):"
                            + " IRC 클라이언트가 모두 TLS 포트로 접속한다면 평문 IRC 포트를 끄거나 (--irc-port off), 이 컴퓨터에서만 닿게"
                            + " 하십시오"
                            + " (--irc-host 127.0.0.1)");
            assertThat(server.console().lines()).noneMatch(line -> line.contains("경고: TLS 없이"));
        }
    }

    /** Nicknames for {@link #registersOverIrc}, one each. */
    private static final java.util.concurrent.atomic.AtomicInteger VISITORS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Registers over IRC at {@code address} under a nickname of its own (the server may not yet have seen the last
     * visitor's connection close: the same name would get 433); returns the lines up to the welcome (001).
     */
    private static String registersOverIrc(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            String nick = "visitor" + VISITORS.incrementAndGet();
            out.write("NICK " + nick + "\r\nUSER visitor 0 * :visitor\r\n");
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder lines = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.append(line).append('\n');
                if (line.contains(" 001 ")) {
                    break;
                }
            }
            return lines.toString();
        }
    }

    private int healthz(String host, int port) throws IOException, InterruptedException {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/healthz"))
                                .timeout(TIMEOUT)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Whether a connection to {@code address} and {@code port} is refused: nothing listens there. */
    private static boolean refused(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), (int) TIMEOUT.toMillis());
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    /** Whether something accepts connections on {@code address} and {@code port}. */
    private static boolean listening(InetAddress address, int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static boolean bindable(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A port held on {@code address} whose number is free on 127.0.0.1, so that only {@code address} fails to bind: an
     * ephemeral port of {@code address} may be one that another socket (a client's, a test's) holds on 127.0.0.1.
     */
    private static ServerSocket takenOnlyOn(InetAddress address) throws IOException {
        for (int tries = 0; ; tries++) {
            ServerSocket taken = new ServerSocket(0, 1, address);
            if (bindable(V4, taken.getLocalPort()) || tries == 20) {
                return taken;
            }
            taken.close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, V4)) {
            return probe.getLocalPort();
        }
    }
}
