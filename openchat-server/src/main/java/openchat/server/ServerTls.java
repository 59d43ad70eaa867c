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
import java.util.HexFormat;
import java.util.List;
import openchat.server.config.TlsSettings;

/** The server's TLS context, built once at start, and the SHA-256 fingerprint of its certificate. */
public record ServerTls(SslContext context, String fingerprint) {

    /**
     * Builds the context the settings ask for; an IOException whose message names the file and what is wrong with
     * it when a file is missing, unreadable, or holds something else than a PEM certificate or key.
     */
    public static ServerTls from(TlsSettings settings) throws IOException {
        try {
            if (settings.selfSigned()) {
                // EC P-256: made in milliseconds where an RSA key takes a fresh JVM a second, and every TLS client
                // (irssi's OpenSSL, WeeChat's GnuTLS, browsers) accepts it.
                SelfSignedCertificate certificate = SelfSignedCertificate.builder()
                        .fqdn("localhost")
                        .algorithm("EC")
                        .bits(256)
                        .build();
                return new ServerTls(
                        SslContextBuilder.forServer(certificate.key(), certificate.cert())
                                .build(),
                        fingerprint(certificate.cert()));
            }
            readable(settings.certificate(), "certificate");
            readable(settings.key(), "key");
            List<X509Certificate> chain = TlsFiles.certificates(settings.certificate());
            PrivateKey key = TlsFiles.privateKey(settings.key());
            PublicKey certified = chain.get(0).getPublicKey();
            if (!belongTogether(key, certified)) {
                // Else the server starts and every handshake fails with alert 40, which clients read as distrust.
                String kinds = key.getAlgorithm().equals(certified.getAlgorithm())
                        ? ""
                        : " (the key is " + key.getAlgorithm() + ", the certificate's key is "
                                + certified.getAlgorithm() + ")";
                throw new IOException("the TLS key " + settings.key() + " does not match the certificate "
                        + settings.certificate() + kinds);
            }
            SslContext context = SslContextBuilder.forServer(key, chain).build();
            return new ServerTls(context, fingerprint(chain.get(0)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
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
        String cannot = "cannot read the TLS " + what + " " + file + ": ";
        if (!Files.exists(file)) {
            throw new IOException(cannot + "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(cannot + "it is a directory");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(cannot + "permission denied");
        }
    }

    /** SHA-256 of the certificate's DER bytes, as colon-separated upper-case hex. */
    public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
