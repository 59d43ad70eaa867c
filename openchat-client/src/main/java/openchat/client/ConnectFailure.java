package openchat.client;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a connection could not be opened, in one line of the person's language: nothing listens there, the server does
 * not speak TLS, or its certificate failed a check, and then which one, with what the person can act on (the
 * fingerprint received, the {@code --tls-ca} file). The JDK's and Netty's own words (a hex dump of the bytes that were
 * no TLS record, {@code PKIX path validation failed}) say none of that, and blame the certificate for a port that has
 * none.
 */
final class ConnectFailure {
    private final ClientConfig config;
    private final ClientText text;

    ConnectFailure(ClientConfig config, ClientText text) {
        this.config = config;
        this.text = text;
    }

    /** Nothing answered in time, or at all. */
    String unreachable() {
        return text.get("unreachable", config.host(), port());
    }

    /** The sentence for {@code failure}, the cause of a connection that failed to open. */
    String explain(Throwable failure) {
        if (find(failure, UnknownHostException.class).isPresent()) {
            return text.get("unknownHost", config.host(), port());
        }
        Optional<PinnedCertificate.NotPinned> notPinned = find(failure, PinnedCertificate.NotPinned.class);
        if (notPinned.isPresent()) {
            return text.get(
                    "tlsNotPinned", config.host(), port(), notPinned.get().received());
        }
        if (isNotTls(failure)) {
            return text.get("tlsNotTls", config.host(), port());
        }
        if (config.tls().caFile() != null && isNotSignedByAuthority(failure)) {
            return text.get(
                    "tlsNotSignedByCa", config.host(), port(), config.tls().caFile());
        }
        if (find(failure, CertPathBuilderException.class).isPresent()) {
            return text.get("tlsUnknownIssuer", config.host(), port());
        }
        if (failure instanceof SSLException || failure instanceof CertificateException) {
            return text.get(
                    "tlsRefused", config.host(), port(), EventFormatter.clean(String.valueOf(failure.getMessage())));
        }
        return unreachable();
    }

    /**
     * True when the server did not answer in TLS: it wrote something else (an HTTP or IRC listener), said nothing
     * within {@link ServerConnection#TLS_HANDSHAKE_TIMEOUT} (openchat's plain port, waiting for a line), or hung up.
     */
    private static boolean isNotTls(Throwable failure) {
        return find(failure, NotSslRecordException.class).isPresent()
                || find(failure, ServerConnection.ClosedDuringHandshake.class).isPresent()
                || find(failure, SslHandshakeTimeoutException.class).isPresent()
                || (failure instanceof SSLException
                        && find(failure, ClosedChannelException.class).isPresent());
    }

    /**
     * True when the certificate does not chain to the {@code --tls-ca} authority: no path leads there (another
     * issuer's name), or one of the same name did not sign it.
     */
    private static boolean isNotSignedByAuthority(Throwable failure) {
        return find(failure, CertPathBuilderException.class).isPresent()
                || find(failure, CertPathValidatorException.class)
                        .filter(e -> e.getReason() == CertPathValidatorException.BasicReason.INVALID_SIGNATURE)
                        .isPresent();
    }

    private String port() {
        return String.valueOf(config.port());
    }

    private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}
