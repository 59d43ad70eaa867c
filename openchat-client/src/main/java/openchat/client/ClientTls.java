package openchat.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.FingerprintTrustManagerFactory;
import java.io.IOException;
import java.nio.file.Path;
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
                builder.trustManager(FingerprintTrustManagerFactory.builder("SHA-256")
                                .fingerprints(fingerprint.replace(":", ""))
                                .build())
                        .endpointIdentificationAlgorithm(null);
            } else {
                if (caFile != null) {
                    builder.trustManager(caFile.toFile());
                }
                builder.endpointIdentificationAlgorithm("HTTPS");
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
