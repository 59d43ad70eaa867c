package openchat.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The header a trusted reverse proxy names its client in ({@code --proxy-header}): the one it writes. The other one is
 * never read, because a proxy passes on unchanged whatever a client sent in it: nginx, Apache, Envoy, Caddy, Traefik
 * and HAProxy's {@code option forwardfor} write {@code X-Forwarded-For} and pass {@code Forwarded} on; HAProxy's
 * {@code option forwarded} does the opposite.
 */
public enum ProxyHeader {
    X_FORWARDED_FOR(ProxyHeader.DEFAULT_TEXT, "X-Forwarded-For"),
    FORWARDED("forwarded", "Forwarded");

    /** The default, as the option writes it: {@code X-Forwarded-For}, which most proxies write. */
    public static final String DEFAULT_TEXT = "x-forwarded-for";

    private final String optionValue;
    private final String headerName;

    ProxyHeader(String optionValue, String headerName) {
        this.optionValue = optionValue;
        this.headerName = headerName;
    }

    /** As {@code --proxy-header} and the config file write it: {@code x-forwarded-for} or {@code forwarded}. */
    public String optionValue() {
        return optionValue;
    }

    /** As it appears in a request: {@code X-Forwarded-For} or {@code Forwarded}. */
    public String headerName() {
        return headerName;
    }

    /** The header that is not read: the one a client may have sent through the proxy. */
    public ProxyHeader other() {
        return this == X_FORWARDED_FOR ? FORWARDED : X_FORWARDED_FOR;
    }

    /** The header {@code text} names, in any case, or empty. */
    public static Optional<ProxyHeader> of(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(header -> header.optionValue.equals(wanted))
                .findFirst();
    }
}
