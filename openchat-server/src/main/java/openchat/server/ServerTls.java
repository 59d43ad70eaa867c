package openchat.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import openchat.server.config.OwnerOnlyFiles;
import openchat.server.config.Sentence;
import openchat.server.config.StartRefusal;
import openchat.server.config.TlsSettings;

/**
 * The server's TLS context, built at start and again on SIGHUP ({@link #reread}), the SHA-256 fingerprint of its
 * certificate, the certificate's and the key's files and when the certificate expires. {@code made}: whether a self-signed certificate was made
 * at this start, so that the console can say where it is, and, when it replaced half a pair left in the data
 * directory, that pins of the older fingerprint no longer hold.
 */
public record ServerTls(
        SslContext context, String fingerprint, Made made, Path certificate, Path key, Instant notAfter) {
    /** What this start did about the self-signed certificate. */
    public enum Made {
        /** None was made: a certificate from files, or the self-signed pair kept in the data directory. */
        NOTHING,
        /** Made where there was none (the first start, or after both files were deleted for a new one). */
        FIRST,
        /** Made in place of half a pair (a certificate without its key, or a key without its certificate). */
        REPLACED
    }

    /** The self-signed certificate and its key, kept in the data directory so that its fingerprint stays. */
    static final String SELF_SIGNED_CERTIFICATE = "tls-self-signed-cert.pem";

    static final String SELF_SIGNED_KEY = "tls-self-signed-key.pem";

    /**
     * Builds the context the settings ask for; an IOException whose message names the file and what is wrong with
     * it when a file is missing, unreadable, or holds something else than a PEM certificate or key. A self-signed
     * certificate is made once and kept in {@code dataDir}: a client that pinned its fingerprint, or a browser
     * told to trust it, still does after a restart.
     */
    public static ServerTls from(TlsSettings settings, Path dataDir) throws IOException {
        Made made = Made.NOTHING;
        if (settings.selfSigned()) {
            boolean certificate = Files.exists(dataDir.resolve(SELF_SIGNED_CERTIFICATE));
            boolean key = Files.exists(dataDir.resolve(SELF_SIGNED_KEY));
            if (!certificate || !key) {
                made = certificate || key ? Made.REPLACED : Made.FIRST;
            }
            settings = selfSignedFiles(dataDir);
        }
        try {
            readable(settings.certificate(), "certificate");
            readable(settings.key(), "key");
            List<X509Certificate> chain = TlsFiles.certificates(settings.certificate());
            PrivateKey key = TlsFiles.privateKey(settings.key());
            PublicKey certified = chain.get(0).getPublicKey();
            if (!belongTogether(key, certified)) {
                // Else the server starts and every handshake fails with alert 40, which clients read as distrust.
                throw new StartRefusal(
                        key.getAlgorithm().equals(certified.getAlgorithm())
                                ? Sentence.of("tls.mismatch", settings.key(), settings.certificate())
                                : Sentence.of(
                                        "tls.mismatchKinds",
                                        settings.key(),
                                        settings.certificate(),
                                        key.getAlgorithm(),
                                        certified.getAlgorithm()));
            }
            SslContext context = SslContextBuilder.forServer(key, chain).build();
            return new ServerTls(
                    context,
                    fingerprint(chain.get(0)),
                    made,
                    settings.certificate(),
                    settings.key(),
                    chain.get(0).getNotAfter().toInstant());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new StartRefusal(Sentence.of("tls.setUp", e.getMessage()), e);
        }
    }

    /**
     * Builds the context again from the files, as SIGHUP asks when a certificate was renewed; unlike {@link #from},
     * never makes a self-signed certificate: a file gone is an error, and the server keeps the context it has.
     */
    public static ServerTls reread(TlsSettings settings, Path dataDir) throws IOException {
        return from(
                settings.selfSigned()
                        ? TlsSettings.pem(dataDir.resolve(SELF_SIGNED_CERTIFICATE), dataDir.resolve(SELF_SIGNED_KEY))
                        : settings,
                dataDir);
    }

    /**
     * The self-signed certificate's files in {@code dataDir}, made there first when either is missing: an EC P-256
     * key (made in milliseconds where an RSA key takes a fresh JVM a second, and every TLS client, irssi's OpenSSL,
     * WeeChat's GnuTLS and browsers, accepts it), readable by the owner alone.
     */
    private static TlsSettings selfSignedFiles(Path dataDir) throws IOException {
        Path certificate = dataDir.resolve(SELF_SIGNED_CERTIFICATE);
        Path key = dataDir.resolve(SELF_SIGNED_KEY);
        if (!Files.exists(certificate) || !Files.exists(key)) {
            try {
                OwnerOnlyFiles.createDirectories(dataDir);
            } catch (IOException e) {
                throw new StartRefusal(Sentence.of("tls.selfSignedNotWritten", dataDir, e.getMessage()), e);
            }
            SelfSignedCertificate made;
            try {
                made = SelfSignedCertificate.builder()
                        .fqdn("localhost")
                        .algorithm("EC")
                        .bits(256)
                        .build();
            } catch (java.security.cert.CertificateException e) {
                throw new StartRefusal(Sentence.of("tls.setUp", e.getMessage()), e);
            }
            try {
                Files.deleteIfExists(key); // a certificate without its key, or the other way round, is of no use
                Files.deleteIfExists(certificate);
                OwnerOnlyFiles.createWhole(
                        key, Files.readAllBytes(made.privateKey().toPath()));
                OwnerOnlyFiles.createWhole(
                        certificate, Files.readAllBytes(made.certificate().toPath()));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another server starting on the same data directory wrote them first: read its files
            } catch (IOException e) {
                throw new StartRefusal(Sentence.of("tls.selfSignedNotWritten", dataDir, e.getMessage()), e);
            } finally {
                made.delete();
            }
        }
        return TlsSettings.pem(certificate, key);
    }

    /**
     * Whether {@code key} is the private half of {@code certified}: a signature made with it verifies with the
     * certificate's key, as the client's check in the handshake does. A kind of key without a signature here
     * (RSASSA-PSS) is left to the handshake.
     */
    private static boolean belongTogether(PrivateKey key, PublicKey certified) throws GeneralSecurityException {
        if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
            return false;
        }
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "EdDSA" -> "EdDSA";
                    case "DSA" -> "SHA256withDSA";
                    default -> null;
                };
        if (algorithm == null) {
            return true;
        }
        byte[] challenge = "openchat: does this key belong to the certificate?".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // another curve (EC, EdDSA): not a signature of this key
        }
    }

    /** Fails, naming the file and what it is for, when {@code file} is missing or cannot be read. */
    private static void readable(Path file, String what) throws IOException {
        if (!Files.exists(file)) {
            throw new StartRefusal(Sentence.of("tls." + what + ".missing", file));
        }
        if (Files.isDirectory(file)) {
            throw new StartRefusal(Sentence.of("tls." + what + ".directory", file));
        }
        if (!Files.isReadable(file)) {
            throw new StartRefusal(Sentence.of("tls." + what + ".denied", file));
        }
    }

    /** SHA-256 of the certificate's DER bytes, as colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
