package openchat.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import openchat.protocol.Names;
import openchat.protocol.OcpDecoderConfig;

/**
 * Every limit and default of the server, in one place.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>host</td><td>all interfaces</td><td>address to listen on</td></tr>
 *   <tr><td>port</td><td>3000</td><td>TCP port, as the original chat; 0 picks a free one</td></tr>
 *   <tr><td>maxUsers</td><td>5</td><td>members of the room, the administrator included</td></tr>
 *   <tr><td>presenceLimit</td><td>100</td><td>joins and leaves are announced at once while the room holds at
 *       most this many members; beyond it a join is announced when the member first speaks, and a member
 *       never announced leaves unannounced (as IRC's delayed join), so a big room does not cost everyone
 *       a message per arrival</td></tr>
 *   <tr><td>adminKeyFile</td><td>$HOME/.openchat/admin.key</td><td>created on first start, mode 600</td></tr>
 *   <tr><td>locale</td><td>ko</td><td>language of the console and of answer bodies</td></tr>
 *   <tr><td>maxHeaderSize</td><td>8192 bytes</td><td>a message's header section; over it 431</td></tr>
 *   <tr><td>maxBodySize</td><td>4096 bytes</td><td>a message's body; over it 413</td></tr>
 *   <tr><td>maxNameLength</td><td>32 code points</td><td>a member's name</td></tr>
 *   <tr><td>pingInterval</td><td>30 s</td><td>silence after which the server sends PING</td></tr>
 *   <tr><td>idleTimeout</td><td>90 s</td><td>silence after which the connection is dropped</td></tr>
 *   <tr><td>maxBacklog</td><td>1 MiB</td><td>unsent bytes held for one member before it is dropped</td></tr>
 *   <tr><td>joinDeadline</td><td>10 s</td><td>time to join after connecting; then 408 and close</td></tr>
 *   <tr><td>headerDeadline</td><td>10 s</td><td>a header section's time from its first byte; then 408 and close</td></tr>
 *   <tr><td>floodControl</td><td>10 messages, then 5/s</td><td>per member; over it 429 ({@link FloodControl})</td></tr>
 *   <tr><td>maxConnections</td><td>10000</td><td>open connections in all; over it 503 and close</td></tr>
 *   <tr><td>maxConnectionsPerAddress</td><td>20</td><td>open connections from one IP address; over it 503</td></tr>
 *   <tr><td>adminMaxFailures</td><td>5 in 60 s</td><td>wrong admin keys from one address before a lockout</td></tr>
 *   <tr><td>consoleChat</td><td>on</td><td>print every chat line on the console, as the original did</td></tr>
 *   <tr><td>tls</td><td>off</td><td>{@link TlsSettings}: PEM certificate and key, or self-signed</td></tr>
 *   <tr><td>adminLockout</td><td>60 s</td><td>how long that address then gets 429 on admin attempts</td></tr>
 * </table>
 */
public record ServerConfig(
        String host,
        int port,
        int maxUsers,
        Path adminKeyFile,
        Locale locale,
        OcpDecoderConfig decoder,
        int maxNameLength,
        Duration pingInterval,
        Duration idleTimeout,
        int maxBacklog,
        Duration joinDeadline,
        Duration headerDeadline,
        FloodControl floodControl,
        int maxConnections,
        int maxConnectionsPerAddress,
        int adminMaxFailures,
        Duration adminLockout,
        TlsSettings tls,
        boolean consoleChat,
        int presenceLimit) {

    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_MAX_USERS = 5;
    public static final int DEFAULT_PRESENCE_LIMIT = 100;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(90);
    public static final int DEFAULT_MAX_BACKLOG = 1024 * 1024;
    public static final Duration DEFAULT_JOIN_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HEADER_DEADLINE = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 20;
    public static final int DEFAULT_ADMIN_MAX_FAILURES = 5;
    public static final Duration DEFAULT_ADMIN_LOCKOUT = Duration.ofMinutes(1);
    /** The one room of this version. */
    public static final String LOBBY = "lobby";

    public ServerConfig {
        Objects.requireNonNull(adminKeyFile, "adminKeyFile");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(decoder, "decoder");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (maxUsers < 1) {
            throw new IllegalArgumentException("maxUsers must be at least 1: " + maxUsers);
        }
        if (presenceLimit < 0) {
            throw new IllegalArgumentException("presenceLimit must not be negative: " + presenceLimit);
        }
        if (maxNameLength < 1) {
            throw new IllegalArgumentException("maxNameLength must be at least 1: " + maxNameLength);
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive: " + pingInterval);
        }
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException(
                    "idleTimeout (" + idleTimeout + ") must be longer than pingInterval (" + pingInterval + ")");
        }
        if (maxBacklog < 1024) {
            throw new IllegalArgumentException("maxBacklog must be at least 1024 bytes: " + maxBacklog);
        }
        Objects.requireNonNull(floodControl, "floodControl");
        Objects.requireNonNull(tls, "tls");
        if (joinDeadline.isNegative() || joinDeadline.isZero()) {
            throw new IllegalArgumentException("joinDeadline must be positive: " + joinDeadline);
        }
        if (headerDeadline.isNegative() || headerDeadline.isZero()) {
            throw new IllegalArgumentException("headerDeadline must be positive: " + headerDeadline);
        }
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerAddress must be at least 1: "
                    + maxConnections + ", " + maxConnectionsPerAddress);
        }
        if (adminMaxFailures < 1 || adminLockout.isNegative()) {
            throw new IllegalArgumentException("adminMaxFailures must be at least 1 and adminLockout not negative");
        }
    }

    /** The defaults, with the admin key at its default path. */
    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).maxUsers(maxUsers).adminKeyFile(adminKeyFile).locale(locale)
                .decoder(decoder).maxNameLength(maxNameLength).heartbeat(pingInterval, idleTimeout)
                .maxBacklog(maxBacklog).joinDeadline(joinDeadline).headerDeadline(headerDeadline).floodControl(floodControl)
                .maxConnections(maxConnections).maxConnectionsPerAddress(maxConnectionsPerAddress)
                .adminLockout(adminMaxFailures, adminLockout).tls(tls).consoleChat(consoleChat)
                .presenceLimit(presenceLimit);
    }

    /**
     * {@code $HOME/.openchat/admin.key}. HOME is read from the environment as every Unix tool does (Java's
     * {@code user.home} ignores it); {@code user.home} is only the fallback when HOME is unset.
     */
    public static Path defaultAdminKeyFile() {
        String home = System.getenv("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return Path.of(home, ".openchat", "admin.key");
    }

    /** Starts from the defaults; {@link #build} checks every value. */
    public static final class Builder {
        private String host;
        private int port = DEFAULT_PORT;
        private int maxUsers = DEFAULT_MAX_USERS;
        private Path adminKeyFile = defaultAdminKeyFile();
        private Locale locale = Locale.KOREAN;
        private OcpDecoderConfig decoder = OcpDecoderConfig.DEFAULT;
        private int maxNameLength = Names.DEFAULT_MAX_LENGTH;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxBacklog = DEFAULT_MAX_BACKLOG;
        private Duration joinDeadline = DEFAULT_JOIN_DEADLINE;
        private Duration headerDeadline = DEFAULT_HEADER_DEADLINE;
        private FloodControl floodControl = FloodControl.DEFAULT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int adminMaxFailures = DEFAULT_ADMIN_MAX_FAILURES;
        private Duration adminLockout = DEFAULT_ADMIN_LOCKOUT;
        private TlsSettings tls = TlsSettings.OFF;
        private boolean consoleChat = true;
        private int presenceLimit = DEFAULT_PRESENCE_LIMIT;

        private Builder() {
        }

        /** Null listens on all interfaces. */
        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder maxUsers(int value) {
            maxUsers = value;
            return this;
        }

        public Builder adminKeyFile(Path value) {
            adminKeyFile = value;
            return this;
        }

        public Builder locale(Locale value) {
            locale = value;
            return this;
        }

        public Builder decoder(OcpDecoderConfig value) {
            decoder = value;
            return this;
        }

        public Builder maxNameLength(int value) {
            maxNameLength = value;
            return this;
        }

        public Builder heartbeat(Duration ping, Duration timeout) {
            pingInterval = ping;
            idleTimeout = timeout;
            return this;
        }

        public Builder maxBacklog(int value) {
            maxBacklog = value;
            return this;
        }

        public Builder joinDeadline(Duration value) {
            joinDeadline = value;
            return this;
        }

        public Builder headerDeadline(Duration value) {
            headerDeadline = value;
            return this;
        }

        public Builder floodControl(FloodControl value) {
            floodControl = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        /** {@code failures} wrong keys within {@code lockout} lock the address out for {@code lockout}. */
        public Builder adminLockout(int failures, Duration lockout) {
            adminMaxFailures = failures;
            adminLockout = lockout;
            return this;
        }

        public Builder tls(TlsSettings value) {
            tls = value;
            return this;
        }

        public Builder presenceLimit(int value) {
            presenceLimit = value;
            return this;
        }

        /** Off: the console still shows joins, leaves and kicks, but not every chat line (load tests). */
        public Builder consoleChat(boolean value) {
            consoleChat = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, maxUsers, adminKeyFile, locale, decoder, maxNameLength,
                    pingInterval, idleTimeout, maxBacklog, joinDeadline, headerDeadline, floodControl, maxConnections,
                    maxConnectionsPerAddress, adminMaxFailures, adminLockout, tls, consoleChat, presenceLimit);
        }
    }
}
