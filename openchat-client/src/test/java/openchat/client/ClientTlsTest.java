package openchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import openchat.protocol.Methods;
import openchat.server.config.TlsSettings;
import openchat.server.testing.TestCertificates;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal client over TLS against a real TLS server. */
class ClientTlsTest {
    @TempDir
    Path dir;

    @Test
    void pinnedFingerprintOfASelfSignedServerConnects() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            TestClient other = server.joined("유저2");
            ClientTls tls = new ClientTls(true, null, server.server().tlsFingerprint());
            try (ClientRun client =
                    ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN, tls))) {
                client.awaitLine("유저1 접속 완료");
                other.nextEvent(Methods.JOINED);
                client.type("비밀 이야기");
                assertThat(other.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("비밀 이야기");
                client.type("/종료");
                assertThat(client.awaitExit()).isZero();
            }
        }
    }

    @Test
    void certificateAuthorityFileAndHostNameAreChecked() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate made = TestCertificates.selfSigned("localhost");
        Path cert = Files.copy(made.certificate().toPath(), dir.resolve("cert.pem"));
        Path key = Files.copy(made.privateKey().toPath(), dir.resolve("key.pem"));
        made.delete();
        try (TestServer server = TestServer.start(c -> c.host("127.0.0.1").tls(TlsSettings.pem(cert, key)))) {
            ClientTls tls = new ClientTls(true, cert, null);
            try (ClientRun byName =
                    ClientRun.start(new ClientConfig("유저1", "localhost", server.port(), null, Locale.KOREAN, tls))) {
                byName.awaitLine("유저1 접속 완료");
            }
            try (ClientRun byAddress =
                    ClientRun.start(new ClientConfig("유저2", "127.0.0.1", server.port(), null, Locale.KOREAN, tls))) {
                byAddress.awaitLineContaining("서버의 인증서를 믿을 수 없습니다 (127.0.0.1:" + server.port() + ")");
                assertThat(byAddress.awaitExit())
                        .as("the certificate names localhost, not 127.0.0.1")
                        .isEqualTo(1);
            }
        }
    }

    @Test
    void aSelfSignedServerWithoutFingerprintOrCaIsExplainedWithTheOptionsThatFixIt() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            ClientTls tls = new ClientTls(true, null, null);
            try (ClientRun client =
                    ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN, tls))) {
                client.awaitLine("서버의 인증서를 믿을 수 없습니다 (127.0.0.1:" + server.port()
                        + "): 이 컴퓨터가 모르는 곳에서 발급했습니다. 자체 서명 인증서라면 서버가 시작할 때 출력한 SHA-256 지문을,"
                        + " 아니면 발급한 CA의 인증서를 이 옵션으로 주십시오: --tls-fingerprint 지문, --tls-ca 파일");
                assertThat(client.awaitExit()).isEqualTo(1);
            }
        }
    }

    @Test
    void wrongFingerprintIsRefusedShowingTheFingerprintReceivedWithExitOne() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            ClientTls tls = new ClientTls(true, null, "AB".repeat(32));
            String received = server.server().tlsFingerprint();
            try (ClientRun client =
                    ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN, tls))) {
                client.awaitLine("서버의 인증서가 고정한 인증서(--tls-fingerprint)가 아닙니다 (127.0.0.1:" + server.port()
                        + "). 서버가 보낸 인증서의 SHA-256 지문: " + received);
                assertThat(client.awaitExit()).isEqualTo(1);
            }
            try (ClientRun client =
                    ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.ENGLISH, tls))) {
                client.awaitLine("The server's certificate is not the one pinned with --tls-fingerprint (127.0.0.1:"
                        + server.port() + "); the one it sent has SHA-256 fingerprint " + received);
                assertThat(client.awaitExit()).isEqualTo(1);
                assertThat(client.lines()).as("one line").hasSize(1);
            }
            assertThat(server.lobbyNames()).isEmpty();
        }
    }

    @Test
    void aServerCertificateNotSignedByTheGivenAuthorityNamesTheCaFile() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate served = TestCertificates.selfSigned("localhost");
        Path cert = Files.copy(served.certificate().toPath(), dir.resolve("cert.pem"));
        Path key = Files.copy(served.privateKey().toPath(), dir.resolve("key.pem"));
        served.delete();
        // Another authority of the same name (the JDK then fails on the signature) and one of another name (it finds
        // no path): either way the certificate is not the given authority's.
        Path sameName = otherAuthority("localhost", "same-name-ca.pem");
        Path otherName = otherAuthority("other.example", "other-ca.pem");
        try (TestServer server = TestServer.start(c -> c.host("127.0.0.1").tls(TlsSettings.pem(cert, key)))) {
            for (Path ca : new Path[] {sameName, otherName}) {
                ClientTls tls = new ClientTls(true, ca, null);
                try (ClientRun korean = ClientRun.start(
                        new ClientConfig("유저1", "localhost", server.port(), null, Locale.KOREAN, tls))) {
                    korean.awaitLine("서버의 인증서를 믿을 수 없습니다 (localhost:" + server.port() + "): 인증 기관 파일(--tls-ca " + ca
                            + ")의 인증 기관이 서명한 인증서가 아닙니다");
                    assertThat(korean.awaitExit()).isEqualTo(1);
                }
                try (ClientRun english = ClientRun.start(
                        new ClientConfig("유저1", "localhost", server.port(), null, Locale.ENGLISH, tls))) {
                    english.awaitLine("The server certificate is not trusted (localhost:" + server.port()
                            + "): it is not signed by the authority in " + ca + " (--tls-ca)");
                    assertThat(english.awaitExit()).isEqualTo(1);
                    assertThat(english.lines()).as("one line").hasSize(1);
                }
            }
        }
    }

    /** The certificate of a self-signed authority named {@code name} that signed nothing the server holds. */
    private Path otherAuthority(String name, String file) throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate made = TestCertificates.selfSigned(name);
        Path copy = Files.copy(made.certificate().toPath(), dir.resolve(file));
        made.delete();
        return copy;
    }

    @Test
    void tlsToAPortWithoutTlsSaysTheServerDidNotAnswerInTlsNotThatNothingListens() throws Exception {
        try (TestServer server = TestServer.start()) {
            ClientTls tls = new ClientTls(true, null, null);
            // openchat's own port waits in silence for a line (the client gives up after its handshake timeout, so the
            // exit comes first); the web port answers in HTTP.
            for (int port : new int[] {server.port(), server.httpPort()}) {
                try (ClientRun korean =
                        ClientRun.start(new ClientConfig("유저1", "127.0.0.1", port, null, Locale.KOREAN, tls))) {
                    assertThat(korean.awaitExit()).isEqualTo(1);
                    korean.awaitLine(
                            "서버가 TLS로 답하지 않습니다 (127.0.0.1:" + port + "): TLS 포트가 아닌 것 같습니다. 이 옵션 없이 접속해 보십시오: --tls");
                }
                try (ClientRun english =
                        ClientRun.start(new ClientConfig("유저1", "127.0.0.1", port, null, Locale.ENGLISH, tls))) {
                    assertThat(english.awaitExit()).isEqualTo(1);
                    english.awaitLine("The server did not answer in TLS (127.0.0.1:" + port
                            + "): probably not a TLS port; try without --tls");
                    assertThat(english.lines()).as("one line").hasSize(1);
                }
            }
            assertThat(server.lobbyNames()).isEmpty();
        }
    }

    @Test
    void aCaFileThatDoesNotExistIsNamedAsMissingAndExitsOne() throws Exception {
        Path missing = dir.resolve("nonexist.pem");
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            ClientTls tls = new ClientTls(true, missing, null);
            try (ClientRun english =
                    ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.ENGLISH, tls))) {
                english.awaitLine("Cannot read " + missing + " (--tls-ca): no such file");
                assertThat(english.awaitExit()).isEqualTo(1);
            }
            try (ClientRun korean =
                    ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN, tls))) {
                korean.awaitLine("--tls-ca 파일을 읽을 수 없습니다 (" + missing + "): 파일이 없습니다");
                assertThat(korean.awaitExit()).isEqualTo(1);
            }
            ClientTls directory = new ClientTls(true, dir, null);
            try (ClientRun client = ClientRun.start(
                    new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.ENGLISH, directory))) {
                client.awaitLine("Cannot read " + dir + " (--tls-ca): it is a directory");
                assertThat(client.awaitExit()).isEqualTo(1);
            }
            assertThat(server.lobbyNames()).as("no connection was tried").isEmpty();
        }
    }

    @Test
    void aCaFileWithoutACertificateIsNamedAndExitsOne() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate made = TestCertificates.selfSigned("localhost");
        Path key = Files.copy(made.privateKey().toPath(), dir.resolve("key.pem"));
        made.delete();
        Path text = Files.writeString(dir.resolve("notes.pem"), "not a certificate\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            for (Path notCa : new Path[] {key, text, empty}) {
                ClientTls tls = new ClientTls(true, notCa, null);
                try (ClientRun client = ClientRun.start(
                        new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.ENGLISH, tls))) {
                    client.awaitLine(notCa + " (--tls-ca) holds no PEM certificate");
                    assertThat(client.awaitExit()).isEqualTo(1);
                }
            }
            ClientTls tls = new ClientTls(true, key, null);
            try (ClientRun korean =
                    ClientRun.start(new ClientConfig("유저1", "127.0.0.1", server.port(), null, Locale.KOREAN, tls))) {
                korean.awaitLine("--tls-ca 파일에 PEM 인증서가 없습니다 (" + key + ")");
                assertThat(korean.awaitExit()).isEqualTo(1);
            }
        }
    }

    @Test
    void inconsistentTlsOptionsAreRefused() {
        assertThatThrownBy(() -> new ClientTls(false, null, "AB".repeat(32))).hasMessageContaining("--tls");
        assertThatThrownBy(() -> new ClientTls(true, Path.of("ca.pem"), "AB".repeat(32)))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> new ClientTls(true, null, "12:34")).hasMessageContaining("64 hex");
    }
}
