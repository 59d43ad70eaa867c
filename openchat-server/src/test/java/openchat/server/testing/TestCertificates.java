package openchat.server.testing;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.security.cert.CertificateException;

/** Certificates for tests that need PEM files of their own rather than the server's {@code --tls-self-signed}. */
public final class TestCertificates {
    private TestCertificates() {}

    /**
     * A new self-signed certificate for {@code host} with an EC P-256 key, as the server's own: an RSA key takes a
     * second and more to generate in a test JVM, an EC key a few milliseconds.
     */
    public static SelfSignedCertificate selfSigned(String host) throws CertificateException {
        return SelfSignedCertificate.builder()
                .fqdn(host)
                .algorithm("EC")
                .bits(256)
                .build();
    }
}
