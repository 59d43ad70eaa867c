package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import openchat.server.config.ServerConfig;
import openchat.server.config.TlsSettings;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/** IRC over TLS: the second IRC port, with the server's certificate. */
class IrcTlsTest {

    private static Socket tlsSocket(int port, String fingerprint) throws Exception {
        TrustManagerFactory pinned = FingerprintTrustManagerFactory.builder("SHA-256")
                .fingerprints(fingerprint.replace(":", ""))
                .build();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, pinned.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.startHandshake();
        return socket;
    }

    @Test
    void anIrcClientChatsOverTlsWithAnIrcClientOnThePlainPort() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            int tlsPort = server.server().ircTlsAddress().getPort();
            assertThat(tlsPort).isNotEqualTo(server.ircPort());
            server.console().awaitLineContaining(":" + tlsPort);
            IrcTestClient secure =
                    IrcTestClient.over(tlsSocket(tlsPort, server.server().tlsFingerprint()));
            IrcTestClient plain = IrcTestClient.registered(server.ircPort(), "영희");
            secure.register("철수");
            secure.join("#study");
            plain.join("#study");
            secure.expect("^:영희!영희@openchat JOIN #study$");

            secure.send("PRIVMSG #study :암호화된 인사");

            plain.expect("^:철수!철수@openchat PRIVMSG #study :암호화된 인사$");

            plain.send("WHOIS 철수");
            assertThat(plain.linesUntil(" 318 영희 철수 "))
                    .anyMatch(line -> line.equals(":openchat 671 영희 철수 :보안 연결(TLS)로 접속했습니다"));
            secure.send("WHOIS 영희");
            assertThat(secure.linesUntil(" 318 철수 영희 "))
                    .as("the plain port's member")
                    .noneMatch(line -> line.contains(" 671 "));
        }
    }

    @Test
    void withConsoleAddressesTheConnectLineOfAMemberOverTlsSaysTls() throws Exception {
        try (TestServer server = TestServer.start(
                        c -> c.tls(TlsSettings.selfSignedCertificate()).consoleAddresses(true));
                IrcTestClient secure = IrcTestClient.over(tlsSocket(
                        server.server().ircTlsAddress().getPort(),
                        server.server().tlsFingerprint()))) {
            secure.register("철수");

            server.console().awaitLine("[CONNECT] 철수 (127.0.0.1, irc, tls)");
        }
    }

    @Test
    void aClientOverTlsPastItsAddresssNewConnectionsAllowanceGetsErrorSayingWhenToComeBack() throws Exception {
        // One new connection at once, then one every ten seconds, the plain and the TLS port together; the clock
        // stands still, so the wait said is ten seconds exactly.
        try (TestServer server = TestServer.start(
                        c -> c.tls(TlsSettings.selfSignedCertificate())
                                .connectThrottle(1, 6)
                                .connectExempt(java.util.List.of()),
                        new openchat.server.testing.SteppedClock());
                IrcTestClient plain = IrcTestClient.registered(server.ircPort(), "영희");
                IrcTestClient secure = IrcTestClient.over(tlsSocket(
                        server.server().ircTlsAddress().getPort(),
                        server.server().tlsFingerprint()))) {
            secure.expect("^ERROR :이 주소에서 새 연결이 너무 잦습니다. 10초 후에 다시 접속하십시오$");
        }
    }

    @Test
    void withoutTlsThereIsNoIrcTlsListener() throws Exception {
        try (TestServer server = TestServer.start()) {
            assertThat(server.server().ircTlsAddress()).isNull();
        }
    }

    @Test
    void theIrcListenersCanBeTurnedOff() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate())
                .ircPort(ServerConfig.OFF)
                .ircTlsPort(ServerConfig.OFF))) {
            assertThat(server.server().ircAddress()).isNull();
            assertThat(server.server().ircTlsAddress()).isNull();
        }
    }
}
