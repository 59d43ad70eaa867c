package openchat.server.config;

import java.nio.file.Path;

/**
 * How the server speaks TLS: not at all, with a PEM certificate chain and key, or with a self-signed
 * certificate made at the first start and kept in the data directory (for development; its fingerprint is printed so
 * clients can pin it, and stays across restarts).
 */
public record TlsSettings(Path certificate, Path key, boolean selfSigned) {
    public static final TlsSettings OFF = new TlsSettings(null, null, false);

    public TlsSettings {
        if (selfSigned && (certificate != null || key != null)) {
            throw new ConfigRefusal("refusal.tlsEitherOr");
        }
        if ((certificate == null) != (key == null)) {
            throw new ConfigRefusal("refusal.tlsPair");
        }
    }

    public static TlsSettings pem(Path certificate, Path key) {
        return new TlsSettings(certificate, key, false);
    }

    public static TlsSettings selfSignedCertificate() {
        return new TlsSettings(null, null, true);
    }

    public boolean enabled() {
        return selfSigned || certificate != null;
    }
}
