package openchat.client;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * What the client needs to start: who, where, and in which language.
 *
 * @param adminKeyFile where the administrator's key is, or null for {@code $HOME/.openchat/admin.key}
 * @param tls          how to check the server over TLS, or {@link ClientTls#OFF}
 */
public record ClientConfig(String name, String host, int port, Path adminKeyFile, Locale locale, ClientTls tls) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 3000;
    /** The largest chat line the server accepts, in UTF-8 bytes (its default body limit). */
    public static final int MAX_MESSAGE_BYTES = 4096;

    public ClientConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(tls, "tls");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
    }

    /** Plain TCP. */
    public ClientConfig(String name, String host, int port, Path adminKeyFile, Locale locale) {
        this(name, host, port, adminKeyFile, locale, ClientTls.OFF);
    }

    /** The key file to read: the one given, or {@code $HOME/.openchat/admin.key} (HOME from the environment). */
    public Path adminKeyFileOrDefault() {
        if (adminKeyFile != null) {
            return adminKeyFile;
        }
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".openchat", "admin.key");
    }
}
