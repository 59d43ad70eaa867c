package openchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import openchat.protocol.Methods;
import openchat.protocol.OcpMessage;
import openchat.server.config.ServerConfig;
import openchat.server.config.TlsSettings;
import openchat.server.testing.TestCertificates;
import openchat.server.testing.TestClient;
import openchat.server.testing.TestServer;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void everyTlsListenersStartLineSaysTlsAndThePlainIrcPortsDoesNot() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            int ircTls = server.server().ircTlsAddress().getPort();
            server.console().awaitLine("openchat 서버가 127.0.0.1:" + server.port() + " (TLS) 에서 대기 중입니다 (방마다 최대 5명)");
            server.console().awaitLine("IRC 접속을 127.0.0.1:" + server.ircPort() + " 에서 받습니다");
            server.console().awaitLine("IRC 접속을 127.0.0.1:" + ircTls + " (TLS) 에서 받습니다");
            server.console().awaitLine("웹 페이지: https://127.0.0.1:" + server.httpPort() + "/ (TLS)");
        }
        try (TestServer server =
                TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()).locale(java.util.Locale.ENGLISH))) {
            int ircTls = server.server().ircTlsAddress().getPort();
            server.console()
                    .awaitLine(
                            "openchat server listening on 127.0.0.1:" + server.port() + " (TLS) (at most 5 per room)");
            server.console().awaitLine("IRC connections on 127.0.0.1:" + server.ircPort());
            server.console().awaitLine("IRC connections on 127.0.0.1:" + ircTls + " (TLS)");
            server.console().awaitLine("Web page: https://127.0.0.1:" + server.httpPort() + "/ (TLS)");
        }
    }

    /**
     * Trial 10: with {@code --irc-port off} and TLS on, IRC was still served over TLS on 6697, as documented; an operator
     * who meant no IRC at all is told how to turn that one off too.
     */
    @Test
    void withThePlainIrcPortOffTheTlsOnesStartLineSaysItIsTheOnlyOneAndHowToTurnItOff() throws Exception {
        try (TestServer server =
                TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()).ircPort(ServerConfig.OFF))) {
            int ircTls = server.server().ircTlsAddress().getPort();
            server.console()
                    .awaitLine(
                            "IRC 접속을 127.0.0.1:" + ircTls + " (TLS) 에서만 받습니다 (IRC 를 모두 끄려면 --irc-tls-port off 도 주십시오)");
        }
    }

    @Test
    void pemCertificateAndKeyFromFilesServeTls() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate made = TestCertificates.selfSigned("localhost");
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
    void aSelfSignedCertificateIsKeptInTheDataDirectorySoItsFingerprintSurvivesARestart() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            String before = server.server().tlsFingerprint();
            Path key = server.config().dataDir().resolve("tls-self-signed-key.pem");
            assertThat(key).exists();
            assertThat(server.config().dataDir().resolve("tls-self-signed-cert.pem"))
                    .exists();
            if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                        .isEqualTo("rw-------");
            }

            String made =
                    "새 자체 서명 인증서를 만들어 " + server.config().dataDir().resolve("tls-self-signed-cert.pem") + " 에 두었습니다";
            server.console().awaitLine(made);
            assertThat(server.console().lines())
                    .as("a first certificate replaced no pin: the fingerprint is said once, on the TLS line")
                    .noneMatch(line -> line.contains("예전 지문"))
                    .containsOnlyOnce("TLS 사용 중. 인증서 SHA-256 지문: " + before)
                    .filteredOn(line -> line.contains(before))
                    .hasSize(1);

            server.stop();
            server.startAgain();

            assertThat(server.server().tlsFingerprint()).isEqualTo(before);
            String tlsLine = "TLS 사용 중. 인증서 SHA-256 지문: " + before;
            org.awaitility.Awaitility.await("the second start's TLS line")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> server.console().lines().stream()
                                    .filter(tlsLine::equals)
                                    .count()
                            == 2);
            assertThat(server.console().lines())
                    .as("said once, at the start that made it")
                    .containsOnlyOnce(made);
            TestClient pinnedBefore = TestClient.connect("127.0.0.1", server.port(), pinned(before));
            assertThat(pinnedBefore.join("유저1", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSelfSignedCertificateThatLostItsKeyIsReplacedSayingThatPinsOfTheOldOneMustChange() throws Exception {
        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.selfSignedCertificate()))) {
            String before = server.server().tlsFingerprint();
            server.stop();
            Files.delete(server.config().dataDir().resolve("tls-self-signed-key.pem"));
            server.startAgain();

            assertThat(server.server().tlsFingerprint()).isNotEqualTo(before);
            server.console()
                    .awaitLine("짝이 맞지 않던 예전 자체 서명 인증서 대신 새 인증서를 만들어 "
                            + server.config().dataDir().resolve("tls-self-signed-cert.pem")
                            + " 에 두었습니다: 예전 지문을 고정한 클라이언트는 새 지문으로 바꿔야 합니다");
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

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(nowhere, nowhere), dir))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("cannot read the TLS certificate " + nowhere + ": no such file");
    }

    @Test
    void missingKeyFileIsAClearError() throws Exception {
        io.netty.handler.ssl.util.SelfSignedCertificate made = TestCertificates.selfSigned("localhost");
        Path cert = Files.copy(made.certificate().toPath(), dir.resolve("only-cert.pem"));
        made.delete();
        Path nowhere = dir.resolve("missing-key.pem");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(cert, nowhere), dir))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("cannot read the TLS key " + nowhere + ": no such file");
    }

    @Test
    void aCertificateFileWithoutAPemCertificateIsNamedAndSaysSo() throws Exception {
        Pem pem = pem("server", "EC");
        Path text = Files.writeString(dir.resolve("notes.pem"), "not a certificate\n");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        Path der = Files.write(dir.resolve("cert.der"), pem.certificate().getEncoded());

        for (Path notPem : new Path[] {text, empty, der}) {
            assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(notPem, pem.key()), dir))
                    .isInstanceOf(IOException.class)
                    .hasMessage("the TLS certificate " + notPem
                            + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
    }

    @Test
    void certificateAndKeySwappedAreNamedAsSwapped() throws Exception {
        Pem pem = pem("server", "EC");

        assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(pem.key(), pem.cert()), dir))
                .isInstanceOf(IOException.class)
                .hasMessage("the TLS certificate " + pem.key()
                        + " holds a private key, not a certificate (are the certificate and the key swapped?)");
        assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(pem.cert(), pem.cert()), dir))
                .isInstanceOf(IOException.class)
                .hasMessage("the TLS key " + pem.cert()
                        + " holds a certificate, not a private key (are the certificate and the key swapped?)");
    }

    @Test
    void aKeyFileWithoutAPemPrivateKeyIsNamedAndSaysSo() throws Exception {
        Pem pem = pem("server", "EC");
        Path text = Files.writeString(dir.resolve("notes.pem"), "not a key\n");

        assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(pem.cert(), text), dir))
                .isInstanceOf(IOException.class)
                .hasMessage("the TLS key " + text + " holds no PEM private key (PKCS#8, PKCS#1 or SEC 1)");
    }

    @Test
    void anEncryptedKeyIsRefusedSayingHowToDecryptIt() throws Exception {
        Pem pem = pem("server", "EC");
        Path encrypted = write(
                dir.resolve("encrypted.pem"),
                new JcaPKCS8Generator(
                        pem.pair().getPrivate(),
                        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                                .setProvider(new BouncyCastleProvider()) // the JDK has no AES/CBC/PKCS7Padding
                                .setPassword("비밀".toCharArray())
                                .build()));

        assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(pem.cert(), encrypted), dir))
                .isInstanceOf(IOException.class)
                .hasMessage("the TLS key " + encrypted + " is encrypted, and the server asks for no passphrase:"
                        + " decrypt it (openssl pkey -in " + encrypted + " -out key.pem)");
    }

    @Test
    void aPemBlockThatCannotBeDecodedIsNamed() throws Exception {
        Pem pem = pem("server", "EC");
        Path broken = Files.writeString(
                dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(broken, pem.key()), dir))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the TLS certificate " + broken + " is not valid PEM: ");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"RSA, PKCS#8", "RSA, PKCS#1", "EC, PKCS#8", "EC, SEC 1", "Ed25519, PKCS#8"})
    void keysOfTheKindsOpensslWritesServeTls(String algorithm, String format) throws Exception {
        Pem pem = pem("server", algorithm);
        Path key = format.equals("PKCS#8") ? pem.key() : write(dir.resolve("traditional.pem"), traditional(pem.pair()));
        assertThat(Files.readString(key))
                .startsWith(
                        format.equals("PKCS#8")
                                ? "-----BEGIN PRIVATE KEY-----"
                                : "-----BEGIN " + algorithm + " PRIVATE KEY-----");

        try (TestServer server = TestServer.start(c -> c.tls(TlsSettings.pem(pem.cert(), key)))) {
            SslContext trustingTheFile = SslContextBuilder.forClient()
                    .trustManager(pem.cert().toFile())
                    .endpointIdentificationAlgorithm(null)
                    .build();
            TestClient client = TestClient.connect("127.0.0.1", server.port(), trustingTheFile);

            assertThat(client.join("유저1", null).statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0} certificate, {1} key")
    @CsvSource({"RSA, RSA", "EC, EC", "Ed25519, Ed25519", "RSA, EC", "EC, RSA"})
    void aKeyThatDoesNotMatchItsCertificateIsRefusedNamingBoth(String certificateKind, String keyKind)
            throws Exception {
        Pem server = pem("server", certificateKind);
        Pem other = pem("other", keyKind);
        String kinds = certificateKind.equals(keyKind)
                ? ""
                : " (the key is " + keyKind + ", the certificate's key is " + certificateKind + ")";

        assertThatThrownBy(() -> ServerTls.from(TlsSettings.pem(server.cert(), other.key()), dir))
                .isInstanceOf(IOException.class)
                .hasMessage("the TLS key " + other.key() + " does not match the certificate " + server.cert() + kinds);
    }

    /** A self-signed certificate for localhost with its key, in memory and as PEM files (the key in PKCS#8). */
    private record Pem(X509Certificate certificate, KeyPair pair, Path cert, Path key) {}

    /**
     * Key pairs by name and algorithm, made once for the class: an RSA pair takes a second and more in a test JVM,
     * and the tests need a pair of each kind, not a new one each time.
     */
    private static final Map<String, KeyPair> PAIRS = new ConcurrentHashMap<>();

    /** A key pair of {@code algorithm} (RSA, EC, Ed25519) and its certificate, in NAME-cert.pem, NAME-key.pem. */
    private Pem pem(String name, String algorithm) throws Exception {
        KeyPair pair = PAIRS.computeIfAbsent(name + " " + algorithm, unused -> newPair(algorithm));
        X500Name localhost = new X500Name("CN=localhost");
        Instant now = Instant.now();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                        localhost,
                        BigInteger.ONE,
                        Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(Duration.ofDays(1))),
                        localhost,
                        pair.getPublic())
                .build(new JcaContentSignerBuilder(
                                switch (algorithm) {
                                    case "RSA" -> "SHA256withRSA";
                                    case "EC" -> "SHA256withECDSA";
                                    default -> algorithm;
                                })
                        .build(pair.getPrivate()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
        return new Pem(
                certificate,
                pair,
                write(dir.resolve(name + "-cert.pem"), certificate),
                write(dir.resolve(name + "-key.pem"), new JcaPKCS8Generator(pair.getPrivate(), null)));
    }

    private static KeyPair newPair(String algorithm) {
        try {
            return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException(algorithm, e);
        }
    }

    /**
     * The private key as openssl's rsa and ec commands write it: PKCS#1 for RSA; SEC 1 for EC, with its curve and
     * public point, which Bouncy Castle's writer leaves out.
     */
    private static Object traditional(KeyPair pair) throws IOException {
        if (!(pair.getPrivate() instanceof java.security.interfaces.ECPrivateKey ec)) {
            return pair.getPrivate();
        }
        PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(ec.getEncoded());
        ECPrivateKey sec1 = new ECPrivateKey(
                ec.getParams().getOrder().bitLength(),
                ec.getS(),
                SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData(),
                pkcs8.getPrivateKeyAlgorithm().getParameters());
        return new PemObject("EC PRIVATE KEY", sec1.getEncoded());
    }

    /** {@code object} as PEM in {@code file}: a certificate, a PKCS#8 generator's key, or a key as openssl's own. */
    private static Path write(Path file, Object object) throws IOException {
        try (JcaPEMWriter out = new JcaPEMWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII))) {
            out.writeObject(object);
        }
        return file;
    }
}
