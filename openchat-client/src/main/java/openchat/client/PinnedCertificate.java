package openchat.client;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts the one server certificate whose SHA-256 fingerprint was pinned with {@code --tls-fingerprint}. Netty's
 * {@code FingerprintTrustManagerFactory} does the same, but its refusal names only the subject ({@code server
 * certificate with unknown fingerprint: CN=localhost}); this one's carries the fingerprint received, written as the
 * server prints its own and as the option takes it, so that the person can compare the two.
 */
final class PinnedCertificate implements X509TrustManager {
    private final byte[] pinned;

    /** {@code fingerprint}: 64 hex digits, colons allowed, as {@link ClientTls} checked them. */
    PinnedCertificate(String fingerprint) {
        this.pinned = HexFormat.of().parseHex(fingerprint.replace(":", ""));
    }

    /** SHA-256 of the certificate's DER bytes, as colon-separated upper-case hex, as the server prints it. */
    static String fingerprint(X509Certificate certificate) throws CertificateException {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(certificate));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        if (!MessageDigest.isEqual(sha256(chain[0]), pinned)) {
            throw new NotPinned(fingerprint(chain[0]));
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static byte[] sha256(X509Certificate certificate) throws CertificateException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new CertificateException("cannot take the certificate's SHA-256", e);
        }
    }

    /** The server's certificate is not the pinned one; {@link #received} is its fingerprint. */
    static final class NotPinned extends CertificateException {
        private static final long serialVersionUID = 1L;

        private final String received;

        NotPinned(String received) {
            super("the server's certificate has SHA-256 fingerprint " + received + ", not the pinned one");
            this.received = received;
        }

        String received() {
            return received;
        }
    }
}
