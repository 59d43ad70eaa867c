package openchat.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
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
                SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
                return new ServerTls(
                        SslContextBuilder.forServer(certificate.key(), certificate.cert())
                                .build(),
                        fingerprint(certificate.cert()));
            }
            readable(settings.certificate(), "certificate");
            readable(settings.key(), "key");
            List<X509Certificate> chain = TlsFiles.certificates(settings.certificate());
            PrivateKey key = TlsFiles.privateKey(settings.key());
            SslContext context = SslContextBuilder.forServer(key, chain).build();
            return new ServerTls(context, fingerprint(chain.get(0)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
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
