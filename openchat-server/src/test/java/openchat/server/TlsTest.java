package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.config.TlsSettings;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat over TLS, end to end. */
class TlsTest {
    @TempDir
    Path dir;

    private static SslContext pinned(String fingerprint) throws Exception {
        return SslContextBuilder.forClient()
                .trustManager(FingerprintTrustManagerFactory.builder("SHA-256")
                        .fingerprints(fingerprint.replace(":", ""))
                        .build())
                .endpointIdentificationAlgorithm(null) // pinned: the fingerprint is the identity
                .build();
    }

    @Test
    void selfSignedServerChatsOverTlsWithAPinnedFingerprint() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            String fingerprint = server.server().tlsFingerprint();
            assertThat(fingerprint).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            server.console().awaitLineContaining(fingerprint);
            SslContext tls = pinned(fingerprint);
            TestClient first = TestClient.connect("127.0.0.1", server.port(), tls);
            TestClient second = TestClient.connect("127.0.0.1", server.port(), tls);
            assertThat(first.join("유저1", null).statusCode()).isEqualTo(200);
            assertThat(second.join("유저2", null).statusCode()).isEqualTo(200);

            first.say("암호화된 인사");

            assertThat(second.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("암호화된 인사");
        }
    }

    @Test
    void pemCertificateAndKeyFromFilesServeTls() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate made =
                new io.netty.handler.ssl.util.SelfSignedCertificate("localhost");
        Path cert = Files.copy(made.certificate().toPath(), dir.resolve("cert.pem"));
        Path key = Files.copy(made.privateKey().toPath(), dir.resolve("key.pem"));
        made.delete();
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.pem(cert, key)))) {
            SslContext trustingTheFile = SslContextBuilder.forClient()
                    .trustManager(cert.toFile())
                    .endpointIdentificationAlgorithm("HTTPS")
                    .build();
            TestClient client = TestClient.connect("localhost", server.port(), trustingTheFile);

            assertThat(client.join("유저1", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void plainTextToATlsServerGetsNoAnswerAndTheServerCarriesOn() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            try (Socket plain = new Socket("127.0.0.1", server.port())) {
                plain.getOutputStream()
                        .write("CONNECT /rooms/lobby OCP/1.0\r\nName: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                plain.setSoTimeout(5000);
                byte[] answer = plain.getInputStream().readAllBytes();
                assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("OCP/1.0 200");
            }
            TestClient client = TestClient.connect(
                    "127.0.0.1", server.port(), pinned(server.server().tlsFingerprint()));
            assertThat(client.join("유저1", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aConnectionOverTheCapOnATlsListenerGetsIts503AtOnce() throws Exception {
        try (TestServer server =
                TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()).maxConnections(1))) {
            SslContext tls = pinned(server.server().tlsFingerprint());
            TestClient first = TestClient.connect("127.0.0.1", server.port(), tls);
            assertThat(first.join("유저1", null).statusCode()).isEqualTo(200);

            TestClient over = TestClient.connect("127.0.0.1", server.port(), tls);

            // Within the client's 5 s wait, well before the 10 s a handshake may take: refused, not left hanging.
            OcpMessage refused = over.nextAnswer();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.bodyText()).isEqualTo("서버의 연결이 너무 많습니다");
            over.awaitClosed();
        }
    }

    @Test
    void missingCertificateFileIsAClearError() {
        Path nowhere = dir.resolve("missing.pem");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(nowhere, nowhere)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("cannot read the TLS certificate " + nowhere + ": no such file");
    }

    @Test
    void missingKeyFileIsAClearError() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate made =
                new io.netty.handler.ssl.util.SelfSignedCertificate("localhost");
        Path cert = Files.copy(made.certificate().toPath(), dir.resolve("only-cert.pem"));
        made.delete();
        Path nowhere = dir.resolve("missing-key.pem");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(cert, nowhere)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("cannot read the TLS key " + nowhere + ": no such file");
    }

    @Test
    void aCertificateFileThatIsNotOneIsAClearError() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.pem"), "not a certificate\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(text, text)))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("cannot set up TLS: ");
    }
}
