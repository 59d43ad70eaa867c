package openchat.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLException;

/**
 * How the client checks the server's certificate: off (plain TCP); the system's trusted authorities;
 * a CA file ({@code --tls-ca}); or one pinned SHA-256 fingerprint ({@code --tls-fingerprint}, for a
 * self-signed development server). With an authority, the host name is checked too.
 */
public record ClientTls(boolean enabled, Path caFile, String fingerprint) {
    public static final ClientTls OFF = new ClientTls(false, null, null);

    public ClientTls {
        if (!enabled && (caFile != null || fingerprint != null)) {
            throw new IllegalArgumentException("--tls-ca and --tls-fingerprint need --tls");
        }
        if (caFile != null && fingerprint != null) {
            throw new IllegalArgumentException("choose --tls-ca or --tls-fingerprint, not both");
        }
        if (fingerprint != null && !fingerprint.replace(":", "").matches("(?i)[0-9a-f]{64}")) {
            throw new IllegalArgumentException("--tls-fingerprint must be 64 hex digits (SHA-256), colons allowed");
        }
    }

    /** The context for this setting, or null when TLS is off. */
    SslContext context() throws IOException {
        if (!enabled) {
            return null;
        }
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (fingerprint != null) {
                // The pinned fingerprint names the one certificate to trust, so no host name is checked (Netty
                // 4.2 checks it by default, and a self-signed certificate reached by address names no host).
                builder.trustManager(new PinnedCertificate(fingerprint)).endpointIdentificationAlgorithm(null);
            } else {
                if (caFile != null) {
                    builder.trustManager(authorities());
                }
                builder.endpointIdentificationAlgorithm("HTTPS");
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The certificates in the {@code --tls-ca} file (PEM, or DER as the JDK reads it too); an
     * {@link UnusableCaFile} saying why when there are none to read. Netty's own reading said "File does not contain
     * valid certificates" of a file that did not exist.
     */
    private X509Certificate[] authorities() throws IOException {
        if (Files.isDirectory(caFile)) {
            throw new UnusableCaFile(caFile, "tlsCa.directory");
        }
        Collection<? extends Certificate> found;
        try (InputStream in = Files.newInputStream(caFile)) {
            found = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new UnusableCaFile(caFile, "tlsCa.missing");
        } catch (AccessDeniedException e) {
            throw new UnusableCaFile(caFile, "tlsCa.denied");
        } catch (CertificateException e) {
            throw new UnusableCaFile(caFile, "tlsCa.noCertificate");
        }
        if (found.isEmpty()) {
            throw new UnusableCaFile(caFile, "tlsCa.noCertificate");
        }
        return found.toArray(X509Certificate[]::new);
    }

    /** The {@code --tls-ca} file cannot be used: the client's sentence for why ({@link #textKey}) takes the file. */
    public static final class UnusableCaFile extends IOException {
        private static final long serialVersionUID = 1L;

        private final String file;
        private final String textKey;

        UnusableCaFile(Path file, String textKey) {
            super(textKey + ": " + file);
            this.file = file.toString();
            this.textKey = textKey;
        }

        public String file() {
            return file;
        }

        public String textKey() {
            return textKey;
        }
    }
}
