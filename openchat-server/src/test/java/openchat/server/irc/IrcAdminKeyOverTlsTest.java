package openchat.server.irc;

import static openchat.server.testing.LocalAddresses.nonLoopbackAddress;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import openchat.core.Names;
import openchat.server.config.TlsSettings;
import openchat.server.testing.CapturedLog;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * With TLS, the administrator's key is refused over plain IRC from another machine (ergo's {@code require-tls} for
 * opers, InspIRCd's {@code sslonly}): it would cross the network in clear. Loopback stays allowed, and without TLS
 * nothing changes. "Another machine" is this one's own non-loopback address: the server sees it as the peer's.
 */
class IrcAdminKeyOverTlsTest {
    private static final String REFUSED = "The administrator key is only accepted over an encrypted connection: this"
            + " one is not, and shows the key as it is. Connect again to the IRC TLS port ";

    @Test
    void withTlsPassWithTheKeyOverPlainIrcFromAnotherMachineIsRefusedNamingTheTlsPort() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        try (TestServer server = englishTlsServerOn(lan);
                CapturedLog log = new CapturedLog("openchat.server.irc");
                IrcTestClient plain = IrcTestClient.over(new Socket(lan, server.ircPort()))) {
            int tlsPort = server.server().ircTlsAddress().getPort();

            plain.send("PASS " + server.adminKeyText());
            plain.send("NICK " + Names.ADMINISTRATOR);
            plain.send("USER a 0 * :a");

            plain.expect("^:openchat 464 \\* :" + java.util.regex.Pattern.quote(REFUSED + tlsPort) + "$");
            plain.expect("^ERROR ");
            plain.awaitClosed();
            assertThat(plain.received()).doesNotContain(" 001 ");
            assertThat(log.messages(Level.WARN))
                    .as("the operator hears the key went in clear, and the key is never logged")
                    .containsExactly("administrator key refused: PASS over plain IRC from " + lan.getHostAddress()
                            + "; it crossed the network unencrypted, rotate it (replace the key file, then SIGHUP)"
                            + " unless this was a test");
        }
    }

    @Test
    void withTlsOperWithTheKeyOverPlainIrcFromAnotherMachineIsRefusedNamingTheTlsPort() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        try (TestServer server = englishTlsServerOn(lan);
                IrcTestClient plain = IrcTestClient.over(new Socket(lan, server.ircPort()))) {
            plain.register("영희");

            plain.send("OPER " + Names.ADMINISTRATOR + " " + server.adminKeyText());

            plain.expect("^:openchat 464 영희 :"
                    + java.util.regex.Pattern.quote(
                            REFUSED + server.server().ircTlsAddress().getPort()) + "$");
        }
    }

    @Test
    void withTlsTheKeyOverTheIrcTlsPortFromAnotherMachineIsAccepted() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        try (TestServer server =
                        TestServer.start(c -> c.host(lan.getHostAddress()).tls(TlsSettings.selfSignedCertificate()));
                IrcTestClient secure = IrcTestClient.over(
                        tlsSocket(lan, server.server().ircTlsAddress().getPort()))) {
            secure.send("PASS " + server.adminKeyText());

            secure.register(Names.ADMINISTRATOR);

            assertThat(secure.received()).contains(" 001 ");
        }
    }

    @Test
    void withTlsTheKeyOverPlainIrcFromThisMachineIsAccepted() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()));
                IrcTestClient plain = IrcTestClient.connect(server.ircPort())) {
            plain.send("PASS " + server.adminKeyText());

            plain.register(Names.ADMINISTRATOR);

            assertThat(plain.received()).contains(" 001 ");
        }
    }

    @Test
    void withoutTlsTheKeyOverPlainIrcFromAnotherMachineIsAcceptedAsBefore() throws Exception {
        InetAddress lan = nonLoopbackAddress();
        try (TestServer server = TestServer.start(c -> c.host(lan.getHostAddress()));
                IrcTestClient plain = IrcTestClient.over(new Socket(lan, server.ircPort()))) {
            plain.send("PASS " + server.adminKeyText());

            plain.register(Names.ADMINISTRATOR);

            assertThat(plain.received()).contains(" 001 ");
        }
    }

    /** A server in English with a self-signed certificate, listening on {@code address} alone. */
    private static TestServer englishTlsServerOn(InetAddress address) {
        return TestServer.start(
                c -> c.host(address.getHostAddress()).locale(Locale.ENGLISH).tls(TlsSettings.selfSignedCertificate()));
    }

    private static Socket tlsSocket(InetAddress address, int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket(address, port);
        socket.startHandshake();
        return socket;
    }
}
