package openchat.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import openchat.core.CoreConfig;
import openchat.core.FloodControl;
import openchat.server.ChatServer;
import openchat.server.config.AdminKey;
import openchat.server.config.ServerConfig;
import openchat.server.config.TlsSettings;
import openchat.server.history.HistoryUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code openchat server}: runs the chat server until an administrator, SIGTERM or Ctrl-C stops it. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        versionProvider = OpenchatCommand.Version.class,
        description = {
            "Runs the chat server.",
            "Stops on the administrator's /서버종료, SIGTERM or Ctrl-C: every member is told, then it exits 0."
        })
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /**
     * A YAML file with a key for any of the options below ({@link ConfigFile}); read and checked here, as picocli
     * meets the option, then the provider of every option the command line leaves out.
     */
    @Option(
            names = ConfigFile.CONFIG_OPTION,
            paramLabel = "FILE",
            description = "YAML file with a key for any option here (port: 3000, no-history: true); an option given"
                    + " on the command line wins. openchat defaultconfig prints one with every default.")
    void configFile(Path file) {
        ConfigFile config = ConfigFile.read(file, spec);
        config.check(defaults -> probe(defaults), defaults -> probe(defaults).config());
        spec.defaultValueProvider(config);
    }

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: all interfaces).")
    String host;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "" + ServerConfig.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
            names = "--irc-port",
            paramLabel = "PORT",
            defaultValue = "" + ServerConfig.DEFAULT_IRC_PORT,
            converter = ListenerPort.class,
            description = "IRC listener's TCP port, or off (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int ircPort;

    /**
     * Null unless given, on the command line or in the file: a port given without TLS is refused, as nothing would
     * listen on it, while the default is quietly unused (so it has no picocli default, which would look given).
     */
    @Option(
            names = "--irc-tls-port",
            paramLabel = "PORT",
            converter = ListenerPort.class,
            description = "IRC over TLS; needs --tls-cert and --tls-key, or --tls-self-signed; a port or off (default: "
                    + ServerConfig.DEFAULT_IRC_TLS_PORT + " with TLS).")
    Integer ircTlsPort;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "" + ServerConfig.DEFAULT_HTTP_PORT,
            converter = ListenerPort.class,
            description = "The web page, WebSocket /ws, /metrics and /healthz; a port or off (HTTPS with TLS)"
                    + " (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--allowed-origins",
            paramLabel = "ORIGIN",
            split = ",",
            description = "Web origins besides the server's own whose pages may open /ws, e.g."
                    + " https://chat.example.org; * allows any (default: none).")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(
            names = "--metrics-allow",
            paramLabel = "CIDR",
            split = ",",
            defaultValue = ServerConfig.DEFAULT_METRICS_ALLOW_TEXT,
            description = "Address ranges that may read /metrics (default: ${DEFAULT-VALUE}).")
    java.util.List<String> metricsAllow;

    @Option(
            names = "--max-users",
            paramLabel = "N",
            defaultValue = "" + CoreConfig.DEFAULT_ROOM_CAPACITY,
            description = "Members each room holds, the administrator included (default: ${DEFAULT-VALUE}).")
    int maxUsers;

    @Option(
            names = "--max-rooms",
            paramLabel = "N",
            defaultValue = "" + CoreConfig.DEFAULT_MAX_ROOMS,
            description = "Rooms the server holds at once, lobby included (default: ${DEFAULT-VALUE}).")
    int maxRooms;

    @Option(
            names = "--cluster",
            paramLabel = "redis://HOST:PORT[/DB]",
            description = "Run as a node of a cluster: share rooms, their order, history and names with every node"
                    + " on that Redis (docs/CLUSTER.md). History then lives in Redis, not in --data-dir.")
    String cluster;

    @Option(
            names = "--node-id",
            paramLabel = "ID",
            description = "This node's id in the cluster (default: this host's name and the OCP port, HOST:PORT).")
    String nodeId;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the history database lives (default: $HOME/.openchat).")
    Path dataDir;

    @Option(
            names = "--history-max",
            paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_HISTORY_MAX,
            description = "Messages kept per room: those among its last N event numbers, joins and leaves"
                    + " included, so at most N (default: ${DEFAULT-VALUE}).")
    int historyMax;

    @Option(
            names = "--history-max-age",
            paramLabel = "AGE",
            converter = HistoryAgeOption.class,
            description = "Delete stored messages older than AGE: 30d, 12h, 2w, 1d12h, or seconds; off keeps any age"
                    + " (default: off). Reads leave them out at once; the database drops them within a minute.")
    Duration historyMaxAge;

    @Option(
            names = "--history-on-join",
            paramLabel = "N",
            defaultValue = "" + CoreConfig.DEFAULT_HISTORY_ON_JOIN,
            description = "Messages replayed to a member joining a room, 0-" + CoreConfig.MAX_HISTORY_PAGE
                    + " (default: ${DEFAULT-VALUE}).")
    int historyOnJoin;

    @Option(names = "--no-history", description = "Store no messages and replay none.")
    boolean noHistory;

    @Option(
            names = "--admin-key-file",
            paramLabel = "FILE",
            description = "Administrator key file; created with a random key if missing "
                    + "(default: $HOME/.openchat/admin.key).")
    Path adminKeyFile;

    @Option(
            names = "--lang",
            paramLabel = "LANG",
            defaultValue = "ko",
            description = "Language of the console and answers: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Language language;

    @Option(
            names = "--ping-interval",
            paramLabel = "SECONDS",
            defaultValue = "" + ServerConfig.DEFAULT_PING_SECONDS,
            description = "Silence before the server pings a connection (default: ${DEFAULT-VALUE}).")
    long pingSeconds;

    @Option(
            names = "--idle-timeout",
            paramLabel = "SECONDS",
            defaultValue = "" + ServerConfig.DEFAULT_IDLE_SECONDS,
            description = "Silence before a connection is dropped (default: ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Option(
            names = "--join-deadline",
            paramLabel = "SECONDS",
            defaultValue = "" + ServerConfig.DEFAULT_JOIN_DEADLINE_SECONDS,
            description =
                    "Time to join after connecting, and for one header section to arrive (default: ${DEFAULT-VALUE}).")
    long joinDeadlineSeconds;

    @Option(
            names = "--flood-burst",
            paramLabel = "N",
            defaultValue = "" + FloodControl.DEFAULT_BURST,
            description = "Messages a member may send at once (default: ${DEFAULT-VALUE}).")
    int floodBurst;

    @Option(
            names = "--flood-rate",
            paramLabel = "PER_SECOND",
            defaultValue = "" + FloodControl.DEFAULT_PER_SECOND,
            converter = DecimalOption.class,
            description = "Messages per second a member may send after the burst, " + FloodControl.MIN_PER_SECOND + "-"
                    + FloodControl.MAX_PER_SECOND + " (default: ${DEFAULT-VALUE}).")
    double floodRate;

    @Option(names = "--no-flood-control", description = "Switch flood control off (load tests).")
    boolean noFloodControl;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS,
            description = "Open connections in all (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(
            names = "--max-connections-per-ip",
            paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
            description = "Open connections from one IP address (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerIp;

    @Option(
            names = "--presence-limit",
            paramLabel = "N",
            defaultValue = "" + CoreConfig.DEFAULT_PRESENCE_LIMIT,
            description = "Announce joins and leaves at once while the room holds at most N members; beyond "
                    + "that a join is announced when the member first speaks (default: ${DEFAULT-VALUE}).")
    int presenceLimit;

    @Option(
            names = "--no-console-chat",
            description = "Do not print every chat line on the console (joins, leaves and kicks still are).")
    boolean noConsoleChat;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "TLS certificate chain (PEM); needs --tls-key.")
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "TLS private key (PEM, unencrypted: PKCS#8, PKCS#1 or SEC 1).")
    Path tlsKey;

    @Option(
            names = "--tls-self-signed",
            description = "TLS with a certificate made at start, for development; prints its SHA-256 fingerprint.")
    boolean tlsSelfSigned;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = config();
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AdminKey adminKey;
        try {
            adminKey = AdminKey.loadOrCreate(config.adminKeyFile());
        } catch (IOException e) {
            System.err.println("openchat: cannot use the administrator key file: " + e.getMessage());
            return 1;
        }
        ChatServer server;
        try {
            server = new ChatServer(config, adminKey, console);
        } catch (IOException | HistoryUnavailableException e) {
            System.err.println("openchat: " + e.getMessage());
            return 1;
        }
        try {
            server.start();
        } catch (ChatServer.CannotListen e) {
            System.err.println("openchat: " + e.getMessage());
            return 1;
        }
        StopSignals.onStop(signal -> server.shutdown(signal));
        try {
            server.terminated().get();
            return 0;
        } catch (ExecutionException e) {
            return 1;
        }
    }

    /** A server command on no arguments but {@code defaults}, parsed as this one: how a file's values are tried. */
    private ServerCommand probe(IDefaultValueProvider defaults) {
        ServerCommand probe = new ServerCommand();
        new CommandLine(probe)
                .setCaseInsensitiveEnumValuesAllowed(spec.commandLine().isCaseInsensitiveEnumValuesAllowed())
                .setDefaultValueProvider(defaults)
                .parseArgs();
        return probe;
    }

    /**
     * A {@code --host} that is neither an address nor a name this machine resolves is a usage error (999.1.1.1, a
     * typo of a name), said before anything starts; an address that is not this machine's fails when listening.
     */
    private void requireResolvable(String host) {
        if (host == null) {
            return;
        }
        try {
            java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--host: '" + host + "' is neither an IP address nor a host name this machine resolves");
        }
    }

    /** The server's configuration from the options; a value the config refuses is a usage error. */
    ServerConfig config() {
        requireResolvable(host);
        try {
            ServerConfig.Builder config = ServerConfig.builder()
                    .host(host)
                    .port(port)
                    .ircPort(ircPort)
                    .ircTlsPort(ircTlsPort == null ? ServerConfig.DEFAULT_IRC_TLS_PORT : ircTlsPort)
                    .httpPort(httpPort)
                    .allowedOrigins(allowedOrigins)
                    .metricsAllow(metricsAllow)
                    .maxUsers(maxUsers)
                    .maxRooms(maxRooms)
                    .history(!noHistory)
                    .historyMax(historyMax)
                    .historyMaxAge(historyMaxAge)
                    .historyOnJoin(historyOnJoin)
                    .locale(language.locale())
                    .heartbeat(Duration.ofSeconds(pingSeconds), Duration.ofSeconds(idleSeconds))
                    .joinDeadline(Duration.ofSeconds(joinDeadlineSeconds))
                    .headerDeadline(Duration.ofSeconds(joinDeadlineSeconds))
                    .floodControl(new FloodControl(!noFloodControl, floodBurst, floodRate))
                    .maxConnections(maxConnections)
                    .maxConnectionsPerAddress(maxConnectionsPerIp)
                    .consoleChat(!noConsoleChat)
                    .presenceLimit(presenceLimit);
            if (adminKeyFile != null) {
                config.adminKeyFile(adminKeyFile);
            }
            if (dataDir != null) {
                config.dataDir(dataDir);
            }
            config.cluster(cluster).nodeId(nodeId);
            TlsSettings tls = tlsSelfSigned || tlsCert != null || tlsKey != null
                    ? new TlsSettings(tlsCert, tlsKey, tlsSelfSigned)
                    : TlsSettings.OFF;
            if (!tls.enabled() && ircTlsPort != null && ircTlsPort != ServerConfig.OFF) {
                throw new IllegalArgumentException(
                        "--irc-tls-port needs TLS: add --tls-cert and --tls-key, or --tls-self-signed");
            }
            return config.tls(tls).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
