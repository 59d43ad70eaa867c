package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import openchat.core.Names;
import openchat.protocol.Methods;
import openchat.server.config.ServerConfig;
import openchat.server.config.TlsSettings;
import openchat.server.testing.TestCertificates;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP's reload ({@link ChatServer#reload}): the administrator key and the TLS certificate, read again. */
class ServerReloadTest {
    private static final String NEW_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /** When the tests of a certificate's expiry are run. */
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path dir;

    /** The TLS certificate and key files the server is given. */
    private Path cert;

    private Path key;

    @BeforeEach
    void files() {
        cert = dir.resolve("cert.pem");
        key = dir.resolve("key.pem");
    }

    @Test
    void reloadTakesTheReplacedAdministratorKeyAndTheOldOneNoLongerWorks() throws Exception {
        try (TestServer server = TestServer.start(c -> c.locale(java.util.Locale.ENGLISH))) {
            String old = server.adminKeyText();
            Files.writeString(server.adminKeyFile(), NEW_KEY + "\n");

            server.server().reload();

            server.console().awaitLine("[RELOAD] read again: the administrator key " + server.adminKeyFile());
            assertThat(server.client().join(Names.ADMINISTRATOR, old).statusCode())
                    .as("the old key")
                    .isNotEqualTo(200);
            assertThat(server.client().join(Names.ADMINISTRATOR, NEW_KEY).statusCode())
                    .as("the new key")
                    .isEqualTo(200);
        }
    }

    @Test
    void aKeyFileRemovedOrTooShortOnReloadKeepsTheOldKeyAndSaysWhy() throws Exception {
        try (TestServer server = TestServer.start(c -> c.locale(java.util.Locale.ENGLISH))) {
            String old = server.adminKeyText();
            Files.delete(server.adminKeyFile());

            server.server().reload();

            server.console()
                    .awaitLine("[RELOAD] the administrator key was not read again, the old key stays: the administrator"
                            + " key file " + server.adminKeyFile() + " does not exist");
            server.console().awaitLine("[RELOAD] nothing was read again: everything stays as it was");
            assertThat(server.adminKeyFile()).as("not made again").doesNotExist();

            Files.writeString(server.adminKeyFile(), "short\n");
            server.server().reload();

            server.console()
                    .awaitLine("[RELOAD] the administrator key was not read again, the old key stays: admin key file "
                            + server.adminKeyFile() + " must hold one key of at least 32 characters without spaces");
            assertThat(server.client().join(Names.ADMINISTRATOR, old).statusCode())
                    .as("the old key")
                    .isEqualTo(200);
        }
    }

    @Test
    void anAdministratorKeyFileOthersCanReadIsWarnedOfAtStartAndOnReload() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("admin.key"), NEW_KEY + "\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.getFileStore(keyFile).supportsFileAttributeView("posix"), "POSIX permissions");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        String warning = "Warning: the administrator key file " + keyFile
                + " can be read by its group or others (rw-r--r--): whoever can read it can be the administrator;"
                + " make it the owner's alone with chmod 600 " + keyFile;
        try (TestServer server =
                TestServer.start(c -> c.locale(java.util.Locale.ENGLISH).adminKeyFile(keyFile))) {
            server.console().awaitLine(warning);

            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw----r--"));
            server.server().reload();

            server.console().awaitLine(warning.replace("rw-r--r--", "rw----r--"));
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
            int before = server.console().lines().size();
            server.server().reload();
            server.console().awaitLine("[RELOAD] read again: the administrator key " + keyFile);
            assertThat(server.console()
                            .lines()
                            .subList(before, server.console().lines().size()))
                    .as("no warning once the file is the owner's alone")
                    .noneMatch(line -> line.startsWith("Warning"));
        }
    }

    @Test
    void aTlsKeyOthersCanReadIsWarnedOfAtStartAndOnReloadAsTheAdministratorKeyIs() throws Exception {
        writePair(TestCertificates.selfSigned("localhost"), cert, key);
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.getFileStore(key).supportsFileAttributeView("posix"), "POSIX permissions");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));
        String warning = "Warning: the TLS private key file " + key
                + " can be read by its group or others (rw-r-----): whoever can read it can pass for this server;"
                + " make it the owner's alone with chmod 600 " + key;
        try (TestServer server = TestServer.start(this::englishWithTheCertificate)) {
            server.console().awaitLine(warning);

            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw----r--"));
            server.server().reload();

            server.console().awaitLine(warning.replace("rw-r-----", "rw----r--"));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            int before = server.console().lines().size();
            server.server().reload();
            server.console().awaitLineContaining("[RELOAD] read again: ");
            assertThat(server.console()
                            .lines()
                            .subList(before, server.console().lines().size()))
                    .as("no warning once the key is the owner's alone")
                    .noneMatch(line -> line.startsWith("Warning"));
        }
    }

    @Test
    void aRenewedCertificateGoesToNewConnectionsWhileOpenOnesCarryOn() throws Exception {
        String first = writePair(TestCertificates.selfSigned("localhost"), cert, key);
        try (TestServer server = TestServer.start(this::englishWithTheCertificate)) {
            assertThat(fingerprintServedOn(server.port())).isEqualTo(first);
            SslContext trustAll = SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
            TestClient before = TestClient.connect("127.0.0.1", server.port(), trustAll);
            assertThat(before.join("유저1", null).statusCode()).isEqualTo(200);

            String renewed = writePair(TestCertificates.selfSigned("localhost"), cert, key);
            server.server().reload();

            server.console()
                    .awaitLine("[RELOAD] read again: the administrator key " + server.adminKeyFile()
                            + ", the TLS certificate " + cert + " (SHA-256 fingerprint " + renewed
                            + ", for new connections)");
            assertThat(fingerprintServedOn(server.port())).as("OCP").isEqualTo(renewed);
            assertThat(fingerprintServedOn(server.server().ircTlsAddress().getPort()))
                    .as("IRC over TLS")
                    .isEqualTo(renewed);
            assertThat(fingerprintServedOn(server.httpPort())).as("HTTPS").isEqualTo(renewed);
            assertThat(server.server().tlsFingerprint()).isEqualTo(renewed);
            TestClient after = TestClient.connect("127.0.0.1", server.port(), trustAll);
            assertThat(after.join("유저2", null).statusCode()).isEqualTo(200);
            before.say("옛 인증서로 연 연결");
            assertThat(after.nextEvent(Methods.MESSAGE).bodyText()).isEqualTo("옛 인증서로 연 연결");
        }
    }

    @Test
    void aRenewedCertificateWhoseKeyDoesNotMatchIsRefusedAndTheOldOneStays() throws Exception {
        String first = writePair(TestCertificates.selfSigned("localhost"), cert, key);
        try (TestServer server = TestServer.start(this::englishWithTheCertificate)) {
            SelfSignedCertificate other = TestCertificates.selfSigned("localhost");
            Files.copy(other.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
            other.delete();

            server.server().reload();

            server.console()
                    .awaitLine("[RELOAD] the TLS certificate was not read again, the old one stays: the TLS key " + key
                            + " does not match the certificate " + cert);
            server.console().awaitLine("[RELOAD] read again: the administrator key " + server.adminKeyFile());
            assertThat(fingerprintServedOn(server.port())).isEqualTo(first);
        }
    }

    @Test
    void aCertificateThatHasExpiredIsWarnedOfAtStartSayingWhen() throws Exception {
        writePair(certificate(NOW.minus(Duration.ofDays(395)), NOW.minus(Duration.ofDays(30))), cert, key);

        try (TestServer server = startAtNow()) {
            server.console()
                    .awaitLine(
                            "Warning: the TLS certificate " + cert + " expired on 2026-11-05 12:00 Z: clients will"
                                    + " refuse to connect. Replace it, then send SIGHUP: the server reads it without a restart");
        }
    }

    @Test
    void aCertificateExpiringWithinTwoWeeksIsWarnedOfOnReloadAndOneFurtherOffIsNot() throws Exception {
        writePair(certificate(NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(15))), cert, key);
        try (TestServer server = startAtNow()) {
            server.console().awaitLineContaining("SHA-256");
            assertThat(server.console().lines()).noneMatch(line -> line.startsWith("Warning"));

            writePair(certificate(NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(13))), cert, key);
            server.server().reload();

            server.console()
                    .awaitLine("Warning: the TLS certificate " + cert + " expires on 2026-12-18 12:00 Z. Renew it,"
                            + " then send SIGHUP: the server reads it without a restart");
        }
    }

    /** A server in English with the certificate in {@link #cert}, whose clock stands at {@link #NOW}. */
    private TestServer startAtNow() {
        return TestServer.start(this::englishWithTheCertificate, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** In English, with the certificate in {@link #cert} and its key in {@link #key}. */
    private ServerConfig.Builder englishWithTheCertificate(ServerConfig.Builder config) {
        return config.locale(java.util.Locale.ENGLISH).tls(TlsSettings.pem(cert, key));
    }

    /** A self-signed certificate valid from {@code notBefore} to {@code notAfter}. */
    private static SelfSignedCertificate certificate(Instant notBefore, Instant notAfter) throws Exception {
        return SelfSignedCertificate.builder()
                .fqdn("localhost")
                .algorithm("EC")
                .bits(256)
                .notBefore(Date.from(notBefore))
                .notAfter(Date.from(notAfter))
                .build();
    }

    /** Writes {@code made}'s certificate and key over {@code cert} and {@code key}; returns its fingerprint. */
    private static String writePair(SelfSignedCertificate made, Path cert, Path key) throws Exception {
        Files.copy(made.certificate().toPath(), cert, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(made.privateKey().toPath(), key, StandardCopyOption.REPLACE_EXISTING);
        String fingerprint = ServerTls.fingerprint(made.cert());
        made.delete();
        return fingerprint;
    }

    /** The fingerprint of the certificate a new TLS connection to {@code port} is shown. */
    private static String fingerprintServedOn(int port) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return ServerTls.fingerprint((X509Certificate) socket.getSession().getPeerCertificates()[0]);
        }
    }
}
