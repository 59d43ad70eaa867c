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
import openchat.server.config.Listener;
import openchat.server.config.ProxyHeader;
import openchat.server.config.Sentence;
import openchat.server.config.ServerConfig;
import openchat.server.config.TlsSettings;
import openchat.server.history.HistoryUnavailableException;
import openchat.server.os.CompilerPriority;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openchat server}: runs the chat server until an administrator, SIGTERM or Ctrl-C stops it.
 *
 * <p>The descriptions of the command and its options are in {@code openchat/app/help_ko.properties} and
 * {@code help_en.properties}, under {@code openchat.server.<option>}.
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = OpenchatCommand.Version.class)
final class ServerCommand implements Callable<Integer>, ConfigFile.Speaking {

    @Spec
    CommandSpec spec;

    /**
     * A YAML file with a key for any of the options below ({@link ConfigFile}); read and checked here, as picocli
     * meets the option, then the provider of every option the command line leaves out.
     */
    @Option(names = ConfigFile.CONFIG_OPTION, paramLabel = "FILE")
    void configFile(Path file) {
        // Before reading: a file that cannot be read whole still says its language.
        fileLanguage = ConfigFile.languageLine(file);
        configFile = file.toAbsolutePath().normalize();
        ConfigFile config = ConfigFile.read(file, spec);
        ConfigFile.Entry lang = config.entries().get("lang");
        if (lang != null) {
            fileLanguage = CliText.askedIn(java.util.List.of("--lang", lang.value()));
        }
        config.check(defaults -> probe(defaults), defaults -> probe(defaults).config());
        spec.defaultValueProvider(config);
    }

    /** The config file given, absolute; null without one. */
    private Path configFile;

    /** The language the config file asks for ({@code lang: en}), for the usage errors found in it or after it. */
    private java.util.Optional<Language> fileLanguage = java.util.Optional.empty();

    @Override
    public java.util.Optional<Language> fileLanguage() {
        return fileLanguage;
    }

    /** The addresses every listener binds unless it has its own list below; none: every interface. */
    @Option(names = "--host", paramLabel = "ADDRESS", split = ",")
    java.util.List<String> host = new java.util.ArrayList<>();

    @Option(names = "--ocp-host", paramLabel = "ADDRESS", split = ",")
    java.util.List<String> ocpHost = new java.util.ArrayList<>();

    @Option(names = "--irc-host", paramLabel = "ADDRESS", split = ",")
    java.util.List<String> ircHost = new java.util.ArrayList<>();

    @Option(names = "--irc-tls-host", paramLabel = "ADDRESS", split = ",")
    java.util.List<String> ircTlsHost = new java.util.ArrayList<>();

    @Option(names = "--http-host", paramLabel = "ADDRESS", split = ",")
    java.util.List<String> httpHost = new java.util.ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT)
    int port;

    @Option(
            names = "--irc-port",
            paramLabel = "PORT",
            defaultValue = "" + ServerConfig.DEFAULT_IRC_PORT,
            converter = ListenerPort.class)
    int ircPort;

    /**
     * Null unless given, on the command line or in the file: a port given without TLS is refused, as nothing would
     * listen on it, while the default is quietly unused (so it has no picocli default, which would look given).
     */
    @Option(names = "--irc-tls-port", paramLabel = "PORT", converter = ListenerPort.class)
    Integer ircTlsPort;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "" + ServerConfig.DEFAULT_HTTP_PORT,
            converter = ListenerPort.class)
    int httpPort;

    @Option(names = "--allowed-origins", paramLabel = "ORIGIN", split = ",")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(
            names = "--metrics-allow",
            paramLabel = "CIDR",
            split = ",",
            defaultValue = ServerConfig.DEFAULT_METRICS_ALLOW_TEXT)
    java.util.List<String> metricsAllow;

    @Option(names = "--trusted-proxies", paramLabel = "CIDR", split = ",")
    java.util.List<String> trustedProxies = new java.util.ArrayList<>();

    @Option(
            names = "--proxy-header",
            paramLabel = "x-forwarded-for|forwarded",
            defaultValue = ProxyHeader.DEFAULT_TEXT,
            converter = ProxyHeaderOption.class)
    ProxyHeader proxyHeader;

    @Option(names = "--max-users", paramLabel = "N", defaultValue = "" + CoreConfig.DEFAULT_ROOM_CAPACITY)
    int maxUsers;

    @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "" + CoreConfig.DEFAULT_MAX_ROOMS)
    int maxRooms;

    @Option(names = "--cluster", paramLabel = "redis://HOST:PORT[/DB]")
    String cluster;

    @Option(names = "--node-id", paramLabel = "ID")
    String nodeId;

    @Option(names = "--server-name", paramLabel = "NAME", defaultValue = ServerConfig.DEFAULT_SERVER_NAME)
    String serverName;

    @Option(names = "--network-name", paramLabel = "NAME", defaultValue = ServerConfig.DEFAULT_NETWORK_NAME)
    String networkName;

    @Option(names = "--data-dir", paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--history-max", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_HISTORY_MAX)
    int historyMax;

    @Option(names = "--history-max-age", paramLabel = "AGE", converter = HistoryAgeOption.class)
    Duration historyMaxAge;

    @Option(names = "--history-on-join", paramLabel = "N", defaultValue = "" + CoreConfig.DEFAULT_HISTORY_ON_JOIN)
    int historyOnJoin;

    @Option(names = "--no-history")
    boolean noHistory;

    @Option(names = "--admin-key-file", paramLabel = "FILE")
    Path adminKeyFile;

    @Option(names = "--motd", paramLabel = "FILE")
    Path motd;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ko")
    Language language;

    @Option(names = "--ping-interval", paramLabel = "SECONDS", defaultValue = "" + ServerConfig.DEFAULT_PING_SECONDS)
    long pingSeconds;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "" + ServerConfig.DEFAULT_IDLE_SECONDS)
    long idleSeconds;

    @Option(
            names = "--join-deadline",
            paramLabel = "SECONDS",
            defaultValue = "" + ServerConfig.DEFAULT_JOIN_DEADLINE_SECONDS)
    long joinDeadlineSeconds;

    @Option(names = "--flood-burst", paramLabel = "N", defaultValue = "" + FloodControl.DEFAULT_BURST)
    int floodBurst;

    @Option(
            names = "--flood-rate",
            paramLabel = "PER_SECOND",
            defaultValue = "" + FloodControl.DEFAULT_PER_SECOND,
            converter = DecimalOption.class)
    double floodRate;

    @Option(names = "--no-flood-control")
    boolean noFloodControl;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS)
    int maxConnections;

    @Option(
            names = "--max-connections-per-ip",
            paramLabel = "N",
            defaultValue = "" + ServerConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS)
    int maxConnectionsPerIp;

    @Option(names = "--connect-burst", paramLabel = "N", defaultValue = "" + ServerConfig.DEFAULT_CONNECT_BURST)
    int connectBurst;

    @Option(
            names = "--connect-rate",
            paramLabel = "PER_MINUTE|off",
            defaultValue = "" + ServerConfig.DEFAULT_CONNECT_PER_MINUTE,
            converter = ConnectRateOption.class)
    double connectRate;

    @Option(
            names = "--connect-exempt",
            paramLabel = "CIDR",
            split = ",",
            defaultValue = ServerConfig.DEFAULT_CONNECT_EXEMPT_TEXT)
    java.util.List<String> connectExempt;

    @Option(names = "--presence-limit", paramLabel = "N", defaultValue = "" + CoreConfig.DEFAULT_PRESENCE_LIMIT)
    int presenceLimit;

    @Option(names = "--no-console-chat")
    boolean noConsoleChat;

    @Option(names = "--console-timestamps")
    boolean consoleTimestamps;

    @Option(names = "--console-addresses")
    boolean consoleAddresses;

    @Option(names = "--tls-cert", paramLabel = "FILE")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE")
    Path tlsKey;

    @Option(names = "--tls-self-signed")
    boolean tlsSelfSigned;

    @Override
    public Integer call() throws Exception {
        // Before anything else: a fresh server's first burst of clients should not wait for the JIT's C2.
        CompilerPriority.lower();
        language = OpenchatCommand.language(spec, language);
        ServerConfig config = config();
        CliText text = CliText.in(language);
        java.io.PrintWriter err = spec.commandLine().getErr();
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        // The first start line says which openchat runs, as ergo, InspIRCd and Prosody do, and from which file.
        String version = new OpenchatCommand.Version().getVersion()[0];
        console.println(configFile == null ? version : text.get("server.configFileInUse", configFile, version));
        AdminKey adminKey;
        try {
            adminKey = AdminKey.loadOrCreate(config.adminKeyFile());
        } catch (IOException e) {
            err.println("openchat: " + text.get("server.adminKeyFile", said(e, text)));
            err.flush();
            return 1;
        }
        ChatServer server;
        try {
            server = new ChatServer(config, adminKey, console);
        } catch (IOException | HistoryUnavailableException e) {
            err.println("openchat: " + said(e, text));
            err.flush();
            return 1;
        }
        // Before the listeners open: from the first line that says where the server listens, SIGHUP reloads.
        if (configFile != null) {
            server.alsoOnReload(() -> configFileChanges(text)); // IRC's REHASH says it too
        }
        StopSignals.onReload(server::reload);
        try {
            server.start();
        } catch (ChatServer.CannotListen e) {
            err.println("openchat: " + said(e, text));
            err.flush();
            return 1;
        }
        StopSignals.onStop(signal -> server.shutdown(signal));
        try {
            server.terminated().get();
            // Messages lost with the history: a service manager should not take this stop for a clean one.
            return server.historyLost() > 0 ? 1 : 0;
        } catch (ExecutionException e) {
            return 1;
        }
    }

    /**
     * On SIGHUP with {@code --config}: the config file read and checked again, and what changed in it since the start,
     * in one line for the console. The running server keeps its settings (SIGHUP reads again only the administrator
     * key, the TLS certificate and the message of the day): the line names the keys that changed, which take effect at
     * the next start, or says the file would now stop that start and why, so that neither is found out at a restart.
     */
    String configFileChanges(CliText text) {
        ServerCommand again;
        try {
            // The whole command line again (a --lang before "server" included), as the process was started.
            CommandLine root = OpenchatCommand.commandLine();
            root.parseArgs(
                    spec.root().commandLine().getParseResult().originalArgs().toArray(String[]::new));
            again = root.getSubcommands().get("server").getCommand();
            again.language = OpenchatCommand.language(again.spec, again.language); // as call() resolves it
            again.config();
        } catch (ConfigFile.ConfigFileException problem) {
            return text.get(
                    problem.unreadable() ? "server.reload.configUnreadable" : "server.reload.configBroken",
                    configFile,
                    problem.in(text));
        } catch (CliProblem problem) {
            return text.get("server.reload.configBroken", configFile, problem.in(text));
        } catch (CommandLine.ParameterException problem) {
            return text.get("server.reload.configBroken", configFile, problem.getMessage());
        }
        java.util.List<String> changed = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, CommandLine.Model.OptionSpec> option :
                ConfigFile.keyedOptions(spec).entrySet()) {
            Object before = option.getValue().getValue();
            Object after =
                    again.spec.findOption(option.getValue().longestName()).getValue();
            if (!java.util.Objects.equals(before, after)) {
                changed.add(option.getKey());
            }
        }
        return changed.isEmpty()
                ? text.get("server.reload.configSame", configFile)
                : text.get("server.reload.configChanged", configFile, String.join(", ", changed));
    }

    /** A start-up refusal in {@code text}'s language; what has no sentence (the JDK's words) as it is. */
    private static String said(Exception e, CliText text) {
        return text.said(Sentence.of(e));
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

    /** {@code path} as the start lines show it: a command line's relative path is in the working directory. */
    private static Path absolute(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize();
    }

    /**
     * The server's configuration from the options; a value the config refuses is a usage error: an address of a
     * {@code --host} list that is neither an address nor a name this machine resolves (999.1.1.1, a typo of a name) is
     * said before anything starts; an address that is not this machine's fails when listening.
     */
    ServerConfig config() {
        try {
            ServerConfig.Builder config = ServerConfig.builder()
                    .hosts(host)
                    .hosts(Listener.OCP, ocpHost)
                    .hosts(Listener.IRC, ircHost)
                    .hosts(Listener.IRC_TLS, ircTlsHost)
                    .hosts(Listener.HTTP, httpHost)
                    .port(port)
                    .ircPort(ircPort)
                    .ircTlsPort(ircTlsPort == null ? ServerConfig.DEFAULT_IRC_TLS_PORT : ircTlsPort)
                    .httpPort(httpPort)
                    .allowedOrigins(allowedOrigins)
                    .metricsAllow(metricsAllow)
                    .trustedProxies(trustedProxies)
                    .proxyHeader(proxyHeader)
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
                    .connectThrottle(connectBurst, connectRate)
                    .connectExempt(connectExempt)
                    .consoleChat(!noConsoleChat)
                    .consoleTimestamps(consoleTimestamps)
                    .consoleAddresses(consoleAddresses)
                    .presenceLimit(presenceLimit);
            if (adminKeyFile != null) {
                config.adminKeyFile(absolute(adminKeyFile));
            }
            if (dataDir != null) {
                config.dataDir(absolute(dataDir));
            }
            config.motdFile(absolute(motd));
            config.cluster(cluster).nodeId(nodeId);
            config.serverName(serverName).networkName(networkName);
            TlsSettings tls = tlsSelfSigned || tlsCert != null || tlsKey != null
                    ? new TlsSettings(absolute(tlsCert), absolute(tlsKey), tlsSelfSigned)
                    : TlsSettings.OFF;
            if (!tls.enabled() && ircTlsPort != null && ircTlsPort != ServerConfig.OFF) {
                throw new CliProblem(spec.commandLine(), "server.ircTlsPortNeedsTls");
            }
            return config.tls(tls).build();
        } catch (IllegalArgumentException e) {
            throw new CliProblem(spec.commandLine(), text -> text.said(Sentence.of(e)));
        }
    }
}
