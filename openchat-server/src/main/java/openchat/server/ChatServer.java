package openchat.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import openchat.cluster.ClusterSettings;
import openchat.cluster.NodeIdInUseException;
import openchat.cluster.RedisClusterLink;
import openchat.core.AddressKey;
import openchat.core.Chat;
import openchat.core.ChatCore;
import openchat.core.ClusterChat;
import openchat.core.CoreConfig;
import openchat.core.DisplayText;
import openchat.core.HistoryAge;
import openchat.core.HistoryStore;
import openchat.core.Member;
import openchat.core.Names;
import openchat.core.RegisteredRoom;
import openchat.server.config.AdminKey;
import openchat.server.config.Listener;
import openchat.server.config.Motd;
import openchat.server.config.OwnerOnlyFiles;
import openchat.server.config.Sentence;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.config.StartRefusal;
import openchat.server.history.MessagesOff;
import openchat.server.history.SqliteHistoryStore;
import openchat.server.http.HttpListener;
import openchat.server.irc.IrcListener;
import openchat.server.irc.IrcReplayMarks;
import openchat.server.metrics.CountingListener;
import openchat.server.metrics.ServerMetrics;
import openchat.server.net.AcceptFailures;
import openchat.server.net.ChannelFanout;
import openchat.server.net.ConnectThrottle;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.ReadClock;
import openchat.server.ocp.OcpListener;
import openchat.server.os.FileDescriptors;
import openchat.transport.NettyTransport;
import openchat.transport.SocketErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat server: the chat core, its history store, and the OCP and IRC listeners in front of them.
 * {@link #start} binds; {@link #shutdown} tells every member, closes every connection, writes out the
 * history and stops, once.
 */
public final class ChatServer {
    /** When a private message or invitation that may be lost was sent, as its sender is told. */
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private static final Logger log = LoggerFactory.getLogger(ChatServer.class);
    private static final long CLOSE_GRACE_MILLIS = 3000;
    /** How big each read's buffer is, guessed from the reads before: Netty's default, shared by the connections. */
    private static final AdaptiveRecvByteBufAllocator RECEIVE_BUFFERS = new AdaptiveRecvByteBufAllocator();
    /** How long before its end a certificate's expiry is warned of, at start and on SIGHUP. */
    private static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    /** The listeners' names in {@code start.listenPrivileged}, as {@code start.listen.*} put them before the address. */
    private static final Map<String, String> LISTENER_NAMES =
            Map.of("ocp", "OCP ", "irc", "IRC ", "ircTls", "IRC over TLS ", "http", "HTTP ");

    private static final DateTimeFormatter EXPIRY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private final ServerConfig config;
    private final ServerText text;
    private final ServerConsole console;
    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup acceptor = transport.eventLoopGroup(1, "openchat-accept");
    private final EventLoopGroup workers = transport.eventLoopGroup(0, "openchat-io");
    private final ChannelGroup connections = new DefaultChannelGroup("openchat", GlobalEventExecutor.INSTANCE);
    private final Chat<Channel> core;
    /** The link to the cluster's store; null for a server on its own. */
    private final RedisClusterLink cluster;

    private final HistoryStore history;
    /** How far each IRC client was shown its rooms when it quit, or when a clean stop closed it: IrcReplayMarks. */
    private final IrcReplayMarks replayMarks;
    /** The database of a single server (bans, topics, and the history unless --no-history); null on a cluster. */
    private final SqliteHistoryStore database;
    /** Delivers the core's events; the IRC sessions write their answers in order with them. */
    private final ChannelFanout fanout;

    /** Read again on SIGHUP ({@link #reload}). */
    private volatile AdminKey adminKey;
    /** Null without TLS; built again on SIGHUP ({@link #reload}): new connections get the new certificate. */
    private volatile ServerTls tls;
    /** What a reload says besides ({@link #alsoOnReload}). */
    private volatile java.util.function.Supplier<String> alsoOnReload = () -> null;
    /** {@link Motd#NONE} without {@code --motd}; read again on SIGHUP ({@link #reload}): new connections get it. */
    private volatile Motd motd;

    private final Clock clock;
    private final AtomicBoolean stopping = new AtomicBoolean();
    /**
     * Where the registrations that lapsed are looked for ({@link #lapseRegistrations}), and the fanout's idle grouping
     * dropped ({@link ChannelFanout#forgetIdleGrouping}), off the event loops.
     */
    private final ScheduledExecutorService lapses = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "openchat-housekeeping");
        thread.setDaemon(true);
        return thread;
    });

    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ConnectionLimiter limits;
    private final ServerMetrics metrics;
    /** How many files the process may have open, when the JVM can tell: the start warns when it is too few. */
    private final OptionalLong descriptorLimit = FileDescriptors.limit();
    /** On every listening socket: an accept refused for want of file descriptors, said and counted. */
    private final AcceptFailures acceptFailures;

    /** Each listener's sockets, one per address it binds, the first on the address listed first; none while off. */
    private volatile List<Channel> listeners = List.of();

    private volatile List<Channel> ircListeners = List.of();
    private volatile List<Channel> ircTlsListeners = List.of();
    private volatile List<Channel> httpListeners = List.of();

    /**
     * Builds the server and opens its history; fails when TLS is asked for and cannot be set up, or the
     * history cannot be opened (another server uses the data directory, it is not writable, the database is
     * damaged): the exception's message says which, for a person.
     */
    public ChatServer(ServerConfig config, AdminKey adminKey, PrintStream consoleOut, Clock clock) throws IOException {
        this.config = config;
        this.tls = config.tls().enabled() ? ServerTls.from(config.tls(), config.dataDir()) : null;
        this.motd = config.motdFile() == null ? Motd.NONE : Motd.load(config.motdFile(), secrets(adminKey));
        this.adminKey = adminKey;
        this.clock = clock;
        this.text = new ServerText(config.locale());
        this.database = config.clustered()
                ? null
                : SqliteHistoryStore.open(
                        config.dataDir(), config.historyMax(), HistoryAge.of(config.historyMaxAge(), clock));
        this.history = database == null ? HistoryStore.NONE : config.history() ? database : new MessagesOff(database);
        this.replayMarks = database == null
                ? new IrcReplayMarks()
                : IrcReplayMarks.kept(config.dataDir().resolve(IrcReplayMarks.FILE_NAME));
        this.console = new ServerConsole(
                consoleOut,
                text,
                clock.getZone(),
                config.consoleChat(),
                config.consoleTimestamps() ? clock : null,
                config.consoleAddresses());
        this.limits = new ConnectionLimiter(
                config.maxConnections(),
                config.maxConnectionsPerAddress(),
                ServerConfig.MAX_WEB_CONNECTIONS_PER_ADDRESS,
                ConnectThrottle.of(config, clock, this::throttled));
        this.metrics = new ServerMetrics(connections, limits, workers, OcpListener::status, ServerVersion.number());
        this.fanout = new ChannelFanout(ByteBufAllocator.DEFAULT, OcpListener.events(), metrics::delivered);
        this.acceptFailures =
                new AcceptFailures(config.maxConnections(), descriptorLimit, metrics::refusedForDescriptors);
        CountingListener listener = new CountingListener(console, metrics);
        // The core's time: one reading per read a connection's lines came in (the pipelines mark each read).
        Clock coreClock = new ReadClock(clock);
        if (config.clustered()) {
            this.cluster = connectCluster(
                    config,
                    clock,
                    new RedisClusterLink.LeaveTexts(text.get("cluster.nodeGone"), text.get("cluster.nodeStopped")));
            ClusterChat<Channel> node = new ClusterChat<>(
                    config.core(),
                    fanout,
                    listener,
                    cluster,
                    coreClock,
                    this::isAdministratorKey,
                    new ClusterChat.Texts(
                            text.get("cluster.readOnly"),
                            text.get("cluster.writable"),
                            text.get("cluster.lost"),
                            text.get("cluster.doneAfterAll"),
                            sent -> text.get(
                                    "cluster.privateMayBeLost", sent.to(), TIME_OF_DAY.format(sent.at()), sent.text()),
                            sent -> text.get(
                                    "cluster.invitationMayBeLost",
                                    sent.to(),
                                    TIME_OF_DAY.format(sent.at()),
                                    sent.room())),
                    this::stopOrdered);
            this.core = node;
            try {
                node.start();
            } catch (RuntimeException e) {
                cluster.close();
                String url = ClusterSettings.redacted(config.cluster());
                throw new StartRefusal(
                        e instanceof NodeIdInUseException inUse
                                ? Sentence.of(
                                        "start.clusterNodeIdInUse",
                                        url,
                                        inUse.node(),
                                        inUse.silence().toSeconds())
                                : Sentence.of("start.clusterJoin", url, e.getMessage()),
                        e);
            }
        } else {
            this.cluster = null;
            this.core = new ChatCore<>(
                    config.core(),
                    fanout,
                    listener,
                    history,
                    coreClock,
                    this::isAdministratorKey,
                    database.bans(),
                    database.roomKeys());
        }
        metrics.watch(core);
        metrics.watchHealth(history::writable, cluster == null ? null : cluster::reachable);
        if (database != null) {
            database.onCommit(metrics::historyCommitted);
            metrics.watchHistoryWriter(database::failedWrites, database::droppedMessages, database::appendsHeld);
        }
    }

    /** {@code address} starts being throttled for opening new connections too fast: one console line for it. */
    private void throttled(AddressKey address) {
        console.println(text.get(
                "console.connectThrottled",
                address.toString(),
                String.valueOf(config.connectBurst()),
                java.math.BigDecimal.valueOf(config.connectPerMinute())
                        .stripTrailingZeros()
                        .toPlainString()));
    }

    /** Connects to the cluster's Redis, or says for a person why it cannot. */
    private static RedisClusterLink connectCluster(
            ServerConfig config, Clock clock, RedisClusterLink.LeaveTexts leaveTexts) throws IOException {
        String node = config.nodeId() != null ? config.nodeId() : defaultNodeId(config.port());
        ClusterSettings settings = ClusterSettings.of(
                config.cluster(),
                node,
                config.core().roomCapacity(),
                config.core().maxRooms(),
                config.history() ? config.historyMax() : 0,
                config.historyMaxAge());
        try {
            return new RedisClusterLink(settings, clock, leaveTexts);
        } catch (RuntimeException e) {
            if (!reasonLost(e)) {
                throw new StartRefusal(unreachable(config.cluster(), e), e);
            }
            try {
                return new RedisClusterLink(settings, clock, leaveTexts);
            } catch (RuntimeException again) {
                throw new StartRefusal(unreachable(config.cluster(), again), again);
            }
        }
    }

    /**
     * Whether Lettuce lost the reason a connection failed: when Redis refuses its handshake (a database it does not
     * have, a wrong password) and closes the connection before Lettuce's connect listener has run, which a busy machine
     * makes happen, the listener finds its handshake handler gone and says only that. A second try tells the reason.
     */
    private static boolean reasonLost(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IllegalStateException
                    && "RedisHandshakeHandler not registered".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why the cluster's Redis cannot be reached, for a person: what Redis or the network said, in words the server's
     * language has for the usual causes (Lettuce's own sentence, "Unable to connect to HOST/<unresolved>:PORT", says
     * none of them).
     */
    private static Sentence unreachable(String url, RuntimeException e) {
        String shown = ClusterSettings.redacted(url);
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String said = String.valueOf(root.getMessage());
        if (said.contains("DB index is out of range")) {
            return Sentence.of("start.clusterDatabase", shown, ClusterSettings.database(url));
        }
        if (said.startsWith("NOAUTH") || said.startsWith("WRONGPASS") || said.contains("invalid password")) {
            return Sentence.of("start.clusterPassword", shown);
        }
        if (root instanceof java.net.ConnectException) {
            return Sentence.of("start.clusterRefused", shown);
        }
        return Sentence.of("start.clusterReach", shown, said);
    }

    /** HOST:PORT; with port 0 (a test's), a random suffix instead of the port, since the port is not known yet. */
    private static String defaultNodeId(int port) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "localhost";
        }
        return host + ":"
                + (port != 0
                        ? String.valueOf(port)
                        : "0-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    }

    public ChatServer(ServerConfig config, AdminKey adminKey, PrintStream consoleOut) throws IOException {
        this(config, adminKey, consoleOut, Clock.systemDefaultZone());
    }

    /**
     * Binds the listening sockets (OCP; IRC unless off; IRC over TLS when TLS is on; HTTP unless off, HTTPS with
     * TLS) and prints where they listen; returns the OCP listener's address.
     */
    public synchronized InetSocketAddress start() throws InterruptedException {
        OcpListener ocp = new OcpListener(
                config, core, fanout, text, connections, limits, this::stopOrder, metrics::refused, () -> motd);
        IrcListener irc = new IrcListener(
                config,
                core,
                fanout,
                text,
                connections,
                limits,
                this::isAdministratorKey,
                () -> portOrOff(ircTlsListeners),
                ServerVersion.text(),
                this::stopOrder,
                metrics::refused,
                () -> motd,
                this::reload,
                replayMarks,
                console.feed());
        HttpListener http = new HttpListener(config, text, connections, limits, metrics, this::problems, ocp, irc);
        // Each connection asks for the context as it is then: SIGHUP may have built another.
        Supplier<SslContext> tlsContext = tls == null ? null : () -> tls.context();
        try {
            listeners = bind(
                    Listener.OCP, config.port(), ocp.initializer(tlsContext, this::ircPortOrOff, this::httpPortOrOff));
            if (config.ircPort() != ServerConfig.OFF) {
                ircListeners = bind(Listener.IRC, config.ircPort(), irc.initializer(null));
            }
            if (tls != null && config.ircTlsPort() != ServerConfig.OFF) {
                ircTlsListeners = bind(Listener.IRC_TLS, config.ircTlsPort(), irc.initializer(tlsContext));
            }
            if (config.httpPort() != ServerConfig.OFF) {
                httpListeners = bind(Listener.HTTP, config.httpPort(), http.initializer(tlsContext));
            }
        } catch (Exception e) {
            closeListeners();
            stopLoops();
            history.close();
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
        long sweep = CoreConfig.REGISTRATION_LAPSE_SWEEP.toMillis();
        lapses.scheduleWithFixedDelay(this::lapseRegistrations, sweep, sweep, TimeUnit.MILLISECONDS);
        long groupings = ChannelFanout.GROUPING_SWEEP.toMillis();
        lapses.scheduleWithFixedDelay(fanout::forgetIdleGrouping, groupings, groupings, TimeUnit.MILLISECONDS);
        InetSocketAddress bound = address();
        // One line per listener, naming every address it binds. Each TLS listener's line says so: the OCP port takes
        // TLS alone when TLS is on, and so does the HTTP port.
        console.println(text.get(
                tls == null ? "console.listening" : "console.listeningTls",
                where(Listener.OCP, bound.getPort()),
                String.valueOf(config.maxUsers())));
        if (!ircListeners.isEmpty()) {
            console.println(
                    text.get("console.irc", where(Listener.IRC, ircAddress().getPort())));
        }
        if (!ircTlsListeners.isEmpty()) {
            // With the plain port off, an operator who meant no IRC at all learns of the TLS one it did not turn off.
            console.println(text.get(
                    ircListeners.isEmpty() ? "console.ircTlsOnly" : "console.ircTls",
                    where(Listener.IRC_TLS, ircTlsAddress().getPort())));
        }
        if (!httpListeners.isEmpty()) {
            console.println(webPageLine(
                    text,
                    tls != null,
                    config.hosts(Listener.HTTP),
                    httpAddress().getPort(),
                    MachineAddresses::ofThisMachine));
        }
        warnIfFewDescriptors();
        // A key made just now is said apart: a mistyped --admin-key-file would otherwise pass for the key meant.
        console.println(text.get(adminKey.created() ? "console.adminKeyCreated" : "console.adminKey", adminKey.file()));
        warnIfOpen(adminKey);
        if (motd.configured()) {
            console.println(text.get(
                    "console.motd", motd.file(), String.valueOf(motd.lines().size())));
        }
        if (!config.history()) {
            console.println(text.get("console.noHistory"));
        } else if (cluster != null) {
            console.println(
                    config.historyMaxAge() == null
                            ? text.get("console.historyCluster", config.historyMax())
                            : text.get(
                                    "console.historyClusterAged",
                                    config.historyMax(),
                                    inWords(config.historyMaxAge())));
        } else {
            console.println(
                    config.historyMaxAge() == null
                            ? text.get("console.history", config.dataDir(), config.historyMax())
                            : text.get(
                                    "console.historyAged",
                                    config.dataDir(),
                                    config.historyMax(),
                                    inWords(config.historyMaxAge())));
        }
        if (config.history()
                && config.historyMaxAge() != null
                && config.historyMaxAge().compareTo(Duration.ofHours(1)) < 0) {
            console.println(text.get("console.historyAgeShort", inWords(config.historyMaxAge())));
        }
        if (database != null) {
            database.convertedBackup()
                    .ifPresent(backup -> console.println(text.get("console.historyConverted", backup)));
            // As of the key file: the directory holds every room's history, the bans and the topics.
            OwnerOnlyFiles.openPermissions(config.dataDir())
                    .ifPresent(permissions ->
                            console.println(text.get("console.dataDirOpen", config.dataDir(), permissions)));
        }
        if (database != null && database.roomKeys().count() > 0) {
            // After a restart, the operator sees at a glance that the registrations were read back.
            console.println(
                    text.get("console.registeredRooms", database.roomKeys().count()));
        }
        if (database != null && database.numbersSkippedAtOpen() > 0) {
            console.println(text.get(
                    "console.historyUnclosed", config.dataDir(), String.valueOf(database.numbersSkippedAtOpen())));
        }
        if (tls != null) {
            console.println(text.get("console.tls", tls.fingerprint()));
            // The line above says the fingerprint; a pin of an older one breaks only if there was an older one.
            switch (tls.made()) {
                case FIRST -> console.println(text.get("console.tlsMadeNow", tls.certificate()));
                case REPLACED -> console.println(text.get("console.tlsReplaced", tls.certificate()));
                case NOTHING -> {}
            }
            warnIfExpiring(tls);
            warnIfOpen(tls);
        }
        List<String> inClear = new ArrayList<>();
        for (Listener open : inClearBeyondThisMachine(config)) {
            inClear.add(open.name() + " " + where(open, port(open))); // OCP, IRC, HTTP
        }
        if (!inClear.isEmpty()) {
            // With TLS on, only the plain IRC port can be left: say that one, and how to close it.
            console.println(text.get(
                    tls == null ? "console.noTlsBeyondLoopback" : "console.plainBesideTls",
                    String.join("; ", inClear)));
        }
        if (cluster != null) {
            console.println(text.get("console.cluster", cluster.node(), ClusterSettings.redacted(config.cluster())));
        }
        return bound;
    }

    /**
     * The listeners that take connections without TLS where other machines reach them: on every interface (no
     * {@code --host}) or on an address of their own list that is not loopback. Through them every line crosses the
     * network in clear, and without TLS the administrator's key too. With TLS on, the OCP and HTTP ports take TLS
     * alone and only the plain IRC port beside the IRC TLS port can be one; a listener that is off is not one of them.
     */
    static List<Listener> inClearBeyondThisMachine(ServerConfig config) {
        List<Listener> inClear = new ArrayList<>();
        for (Listener listener :
                config.tls().enabled() ? List.of(Listener.IRC) : List.of(Listener.OCP, Listener.IRC, Listener.HTTP)) {
            boolean on =
                    switch (listener) {
                        case IRC -> config.ircPort() != ServerConfig.OFF;
                        case HTTP -> config.httpPort() != ServerConfig.OFF;
                        default -> true;
                    };
            if (on && beyondLoopback(config.hosts(listener))) {
                inClear.add(listener);
            }
        }
        return inClear;
    }

    /** Whether any of {@code hosts} (empty: every interface) is reached from other machines. */
    private static boolean beyondLoopback(List<String> hosts) {
        if (hosts.isEmpty()) {
            return true;
        }
        for (String host : hosts) {
            try {
                if (!java.net.InetAddress.getByName(host).isLoopbackAddress()) {
                    return true;
                }
            } catch (java.net.UnknownHostException e) {
                return true; // it listens there all the same, or fails to: say it
            }
        }
        return false;
    }

    /**
     * Where {@code listener} listens, as its start line says it: each of its addresses with {@code port}, in the
     * order given ({@code 127.0.0.1:6667, [::1]:6667}); {@code 0.0.0.0} for every interface.
     */
    private String where(Listener listener, int port) {
        List<String> hosts = config.hosts(listener);
        return (hosts.isEmpty() ? List.of("0.0.0.0") : hosts)
                .stream().map(host -> hostAndPort(host, port)).collect(Collectors.joining(", "));
    }

    /**
     * {@code host:port} as a URL or a client takes it: an IPv6 address in brackets ({@code [::1]:8080}), since its
     * own colons would otherwise run into the port's.
     */
    static String hostAndPort(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code age} in the console's words, largest units first: "30 days", "1 day 12 hours", "6 minutes". */
    private String inWords(Duration age) {
        long seconds = age.toSeconds();
        List<String> parts = new ArrayList<>();
        long[] amounts = {seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60};
        String[] units = {"age.days", "age.hours", "age.minutes", "age.seconds"};
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                parts.add(text.get(units[i], amounts[i], String.valueOf(amounts[i])));
            }
        }
        return String.join(" ", parts);
    }

    /**
     * SIGHUP: reads the administrator key file, the TLS certificate and key and the message of the day again, each
     * all or nothing: what
     * cannot be read (missing, unreadable, invalid) is said with the start-up check's sentence, and the server keeps
     * what it had. Connections already open keep their TLS session; new ones get the new certificate. Prints one
     * line naming what was read again, then what {@link #alsoOnReload} adds; returns the lines it printed (IRC's
     * REHASH tells them to the administrator).
     */
    public synchronized List<String> reload() {
        List<String> said = new ArrayList<>();
        List<String> reloaded = new ArrayList<>();
        try {
            AdminKey again = AdminKey.load(adminKey.file());
            adminKey = again;
            reloaded.add(text.get("console.reloaded.adminKey", again.file()));
            warnIfOpen(again);
        } catch (IOException e) {
            say(said, text.get("console.reloadFailed.adminKey", Sentence.of(e).in(text)));
        }
        if (tls != null) {
            try {
                ServerTls again = ServerTls.reread(config.tls(), config.dataDir());
                tls = again;
                reloaded.add(text.get("console.reloaded.tls", again.certificate(), again.fingerprint()));
                warnIfExpiring(again);
                warnIfOpen(again);
            } catch (IOException e) {
                say(said, text.get("console.reloadFailed.tls", Sentence.of(e).in(text)));
            }
        }
        if (motd.configured()) {
            try {
                Motd again = Motd.load(motd.file(), secrets(adminKey));
                motd = again;
                reloaded.add(text.get(
                        "console.reloaded.motd",
                        again.file(),
                        String.valueOf(again.lines().size())));
            } catch (IOException e) {
                say(said, text.get("console.reloadFailed.motd", Sentence.of(e).in(text)));
            }
        }
        say(
                said,
                reloaded.isEmpty()
                        ? text.get("console.reloadedNothing")
                        : text.get("console.reloaded", String.join(", ", reloaded)));
        String more = alsoOnReload.get();
        if (more != null) {
            say(said, more);
        }
        return said;
    }

    private void say(List<String> said, String line) {
        console.println(line);
        said.add(line);
    }

    /**
     * What a reload also says, after what it read again: the command line's report on its config file (what changed
     * in it, which takes effect at the next start); null for nothing.
     */
    public void alsoOnReload(java.util.function.Supplier<String> line) {
        alsoOnReload = line;
    }

    /** The files the server keeps secret, which no file it shows to members may be: the keys. */
    private List<Path> secrets(AdminKey key) {
        List<Path> secrets = new ArrayList<>();
        secrets.add(key.file());
        if (config.tls().key() != null) {
            secrets.add(config.tls().key());
        }
        secrets.add(config.dataDir().resolve(ServerTls.SELF_SIGNED_KEY));
        return secrets;
    }

    /** Whether {@code presented} is the administrator's key as last read. */
    private boolean isAdministratorKey(String presented) {
        return adminKey.matches(presented);
    }

    /** Warns, as ssh does of a key file, when the administrator key file's group or others may read it. */
    private void warnIfOpen(AdminKey key) {
        warnIfOpen("console.adminKeyOpen", key.file(), key.openPermissions());
    }

    /** Warns the same way when the TLS private key's group or others may read it: they could pass for the server. */
    private void warnIfOpen(ServerTls loaded) {
        warnIfOpen("console.tlsKeyOpen", loaded.key(), OwnerOnlyFiles.openPermissions(loaded.key()));
    }

    /** Says {@code warning} of the secret {@code file} when it has {@code openPermissions} (as {@code ls} shows them). */
    private void warnIfOpen(String warning, Path file, Optional<String> openPermissions) {
        openPermissions.ifPresent(permissions -> console.println(text.get(warning, file, permissions)));
    }

    /**
     * Warns when the process may open fewer files than {@code --max-connections} and the server's own files
     * ({@link ServerConfig#FILE_DESCRIPTOR_HEADROOM}) take: past the limit, accepting fails ("Too many open files")
     * before the cap refuses anyone with its answer. Says the limit, the option, about how many connections the
     * descriptors still free allow, and how to raise the limit.
     */
    private void warnIfFewDescriptors() {
        if (descriptorLimit.isEmpty()) {
            return;
        }
        long limit = descriptorLimit.getAsLong();
        long needed = (long) config.maxConnections() + ServerConfig.FILE_DESCRIPTOR_HEADROOM;
        if (limit < needed) {
            console.println(text.get(
                    "console.fewFileDescriptors",
                    String.valueOf(limit),
                    String.valueOf(config.maxConnections()),
                    // what the listeners, the database and the JVM's own files left, as they are now
                    String.valueOf(
                            Math.max(0, limit - FileDescriptors.open().orElse(ServerConfig.FILE_DESCRIPTOR_HEADROOM))),
                    String.valueOf(needed)));
        }
    }

    /** Warns when the certificate has expired or expires within {@link #EXPIRY_WARNING}, saying when. */
    private void warnIfExpiring(ServerTls loaded) {
        Instant now = clock.instant();
        String when = EXPIRY_TIME.withZone(clock.getZone()).format(loaded.notAfter());
        if (!loaded.notAfter().isAfter(now)) {
            console.println(text.get("console.tlsExpired", loaded.certificate(), when));
        } else if (loaded.notAfter().isBefore(now.plus(EXPIRY_WARNING))) {
            console.println(text.get("console.tlsExpiresSoon", loaded.certificate(), when));
        }
    }

    /**
     * Binds one listener on each of its addresses ({@link ServerConfig#hosts(Listener)}; none listed: every
     * interface), all on one port: port 0 picks a free one for the first address, which the others then take too.
     * A list of both families binds each address on a socket of its own family
     * ({@link NettyTransport#serverChannelOfFamily}), so that {@code 0.0.0.0} and {@code ::} bind side by side; a list
     * of one family binds as a single address always did ({@code 0.0.0.0} alone takes IPv6 too, as {@code ::} alone
     * takes IPv4).
     *
     * @throws CannotListen when an address's port is taken or the address is not this machine's; its message names
     *     the listener, the address and the port; the addresses bound before it are closed again
     */
    private List<Channel> bind(Listener which, int port, ChannelInitializer<Channel> pipeline)
            throws InterruptedException {
        List<String> hosts = config.hosts(which);
        List<Channel> bound = new ArrayList<>();
        try {
            if (hosts.isEmpty()) {
                bound.add(bind(which, null, new InetSocketAddress(port), false, pipeline));
            }
            boolean bothFamilies =
                    hosts.stream().map(ChatServer::isIpv6).distinct().count() > 1;
            int next = port;
            for (String host : hosts) {
                Channel channel = bind(which, host, new InetSocketAddress(host, next), bothFamilies, pipeline);
                bound.add(channel);
                next = ((InetSocketAddress) channel.localAddress()).getPort();
            }
            return List.copyOf(bound);
        } catch (InterruptedException | RuntimeException e) {
            for (Channel open : bound) {
                open.close().syncUninterruptibly();
            }
            throw e;
        }
    }

    private static boolean isIpv6(String host) {
        try {
            return java.net.InetAddress.getByName(host) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false; // its bind fails, saying so
        }
    }

    /**
     * Binds one listening socket at {@code bindTo}, on a socket of the address's own family if {@code ownFamily};
     * {@code host} as the refusal names it (null: every address).
     */
    private Channel bind(
            Listener which,
            String host,
            InetSocketAddress bindTo,
            boolean ownFamily,
            ChannelInitializer<Channel> pipeline)
            throws InterruptedException {
        if (bindTo.isUnresolved()) {
            throw new CannotListen(
                    cannotListen(which.key(), host, bindTo.getPort(), new java.net.UnknownHostException(host)), null);
        }
        ServerBootstrap bootstrap = new ServerBootstrap().group(acceptor, workers);
        if (ownFamily) {
            bootstrap.channelFactory(
                    transport.serverChannelOfFamily(bindTo.getAddress() instanceof java.net.Inet6Address));
        } else {
            bootstrap.channel(transport.serverChannel());
        }
        bootstrap
                .option(ChannelOption.SO_BACKLOG, 1024)
                // A restarted server binds its port at once, while the old connections sit in TIME_WAIT.
                .option(ChannelOption.SO_REUSEADDR, true)
                .handler(acceptFailures)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // One for every connection (each still has its own handle): Netty makes one per channel otherwise.
                .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECEIVE_BUFFERS)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(config.maxBacklog() / 2, config.maxBacklog()))
                .childHandler(pipeline);
        try {
            return bootstrap.bind(bindTo).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows the bind's IOException undeclared
            throw new CannotListen(cannotListen(which.key(), host, bindTo.getPort(), e), e);
        }
    }

    /**
     * Why listener {@code what} could not bind {@code host} ({@code null}: every address) and {@code port}. A port
     * under 1024 refused for want of privilege gets how to have it (root, or the capability on this JVM's
     * {@code java}), or to listen higher behind a proxy, as the system's "Permission denied" does not say.
     */
    static Sentence cannotListen(String what, String host, int port, Throwable failure) {
        String address = hostAndPort(host == null ? "*" : host, port);
        String reason = SocketErrors.reason(failure);
        if (port > 0 && port < 1024 && reason.contains("Permission denied")) {
            return Sentence.of("start.listenPrivileged", LISTENER_NAMES.get(what) + address, reason, javaCommand());
        }
        return Sentence.of("start.listen." + what, address, reason);
    }

    /** This JVM's {@code java}, links resolved (setcap takes the file itself). */
    private static String javaCommand() {
        Path command = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return command.toRealPath().toString();
        } catch (IOException e) {
            return command.toString();
        }
    }

    /** A listener could not bind: its message names the listener, the address and the reason, for a person. */
    public static final class CannotListen extends RuntimeException implements Sentence.Worded {
        private final transient Sentence sentence;

        CannotListen(Sentence sentence, Throwable cause) {
            super(sentence.english(), cause);
            this.sentence = sentence;
        }

        @Override
        public Sentence sentence() {
            return sentence;
        }
    }

    private void closeListeners() {
        for (List<Channel> sockets : List.of(listeners, ircListeners, ircTlsListeners, httpListeners)) {
            for (Channel open : sockets) {
                open.close().syncUninterruptibly();
            }
        }
    }

    /** The OCP listener's address: the first it binds. */
    public InetSocketAddress address() {
        return first(listeners);
    }

    /** Every address {@code listener} is bound to, in the order of its list; empty when it is off. */
    public List<InetSocketAddress> addresses(Listener listener) {
        List<Channel> sockets =
                switch (listener) {
                    case OCP -> listeners;
                    case IRC -> ircListeners;
                    case IRC_TLS -> ircTlsListeners;
                    case HTTP -> httpListeners;
                };
        return sockets.stream()
                .map(socket -> (InetSocketAddress) socket.localAddress())
                .toList();
    }

    /** {@code listener}'s port, which all its addresses share. */
    private int port(Listener listener) {
        return addresses(listener).get(0).getPort();
    }

    /** The IRC listener's port, to name to an IRC client that reached the OCP port; {@link ServerConfig#OFF}. */
    private int ircPortOrOff() {
        return portOrOff(ircListeners);
    }

    /** The HTTP listener's port, to name to a browser that reached the OCP port; {@link ServerConfig#OFF}. */
    private int httpPortOrOff() {
        return portOrOff(httpListeners);
    }

    private static int portOrOff(List<Channel> sockets) {
        return sockets.isEmpty()
                ? ServerConfig.OFF
                : ((InetSocketAddress) sockets.get(0).localAddress()).getPort();
    }

    private static InetSocketAddress first(List<Channel> sockets) {
        return sockets.isEmpty() ? null : (InetSocketAddress) sockets.get(0).localAddress();
    }

    /** The IRC listener's address (its first); null when it is off. */
    public InetSocketAddress ircAddress() {
        return first(ircListeners);
    }

    /** The HTTP listener's address (its first); null when it is off. */
    public InetSocketAddress httpAddress() {
        return first(httpListeners);
    }

    /**
     * What is wrong with the server now, for {@code /healthz}: a listener that is not open, or a history store that
     * cannot write. Empty when all is well.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String[] names = {"OCP", "IRC", "IRC over TLS", "HTTP"};
        List<List<Channel>> sockets = List.of(listeners, ircListeners, ircTlsListeners, httpListeners);
        for (int i = 0; i < names.length; i++) {
            if (sockets.get(i).stream().anyMatch(socket -> !socket.isActive())) {
                problems.add(names[i] + " listener is closed");
            }
        }
        if (stopping.get()) {
            problems.add("stopping");
        }
        if (cluster != null && !cluster.reachable()) {
            problems.add("the cluster's Redis cannot be reached at " + ClusterSettings.redacted(config.cluster()));
        }
        if (!history.writable()) {
            problems.add("history cannot be written to " + config.dataDir());
        }
        return problems;
    }

    /** The IRC-over-TLS listener's address (its first); null when it is off (or TLS is). */
    public InetSocketAddress ircTlsAddress() {
        return first(ircTlsListeners);
    }

    /** The TLS certificate's SHA-256 fingerprint, or null without TLS. */
    public String tlsFingerprint() {
        return tls == null ? null : tls.fingerprint();
    }

    /**
     * The start line of the web page: a URL to open for each address it listens on, every interface shown as this
     * machine's name for itself ({@code localhost}) and then, for other machines, as {@code machine}'s addresses of the
     * families it takes (or, with none found, a hint to use this machine's address).
     */
    static String webPageLine(
            ServerText text, boolean tls, List<String> hosts, int port, Supplier<List<InetAddress>> machine) {
        String scheme = tls ? "https://" : "http://";
        List<String> shown = hosts.isEmpty() ? List.of("localhost") : hosts;
        String here = shown.stream()
                .map(host -> anyAddress(host) ? "localhost" : host)
                .distinct()
                .map(host -> scheme + hostAndPort(host, port) + "/")
                .collect(Collectors.joining(", "));
        String line = text.get(tls ? "console.httpTls" : "console.http", here);
        // With no --host the socket takes both families, as "::" alone does; "0.0.0.0" takes IPv4 alone.
        boolean ipv4 = hosts.isEmpty() || hosts.stream().anyMatch(ChatServer::anyAddress);
        boolean ipv6 = hosts.isEmpty() || hosts.stream().anyMatch(host -> anyAddress(host) && host.contains(":"));
        if (!ipv4) {
            return line;
        }
        List<String> elsewhere = MachineAddresses.shown(machine.get(), ipv4, ipv6);
        return line
                + (elsewhere.isEmpty()
                        ? text.get("console.httpElsewhereUnknown")
                        : text.get(
                                "console.httpElsewhere",
                                elsewhere.stream()
                                        .map(host -> scheme + hostAndPort(host, port) + "/")
                                        .collect(Collectors.joining(", "))));
    }

    /** Whether {@code host} is written as every interface ({@code 0.0.0.0}, {@code ::}): no address to open a page at. */
    private static boolean anyAddress(String host) {
        java.net.InetAddress literal = io.netty.util.NetUtil.createInetAddressFromIpAddressString(host);
        return literal != null && literal.isAnyLocalAddress();
    }

    /** The chat core: for tests and for adapters added later. */
    public Chat<Channel> core() {
        return core;
    }

    /** Every open connection, joined or not. */
    public ChannelGroup connections() {
        return connections;
    }

    /** The connection caps and their counts, across listeners. */
    public ConnectionLimiter connectionLimits() {
        return limits;
    }

    /**
     * The administrator's order to stop: a server on its own stops; a cluster node tells every node (itself
     * included) to stop, or stops alone when the cluster's store cannot be reached.
     */
    private void stopOrder(String reason) {
        if (cluster != null) {
            try {
                cluster.stopCluster(reason);
                return;
            } catch (RuntimeException e) {
                log.warn("could not tell the other nodes to stop ({}); stopping this one", e.getMessage());
            }
        }
        stopOrdered(reason);
    }

    /**
     * Stops on the administrator's order. {@code reason} is its name, or its name and words ({@code 채팅관리자: 점검},
     * as the OCP and IRC commands and the cluster's stop order carry it): with words, everyone is told them too, on
     * one line as every protocol carries a reason; without, everyone is told what a stop always said.
     */
    private void stopOrdered(String reason) {
        boolean withWords = reason.contains(": ");
        shutdown(reason, withWords ? DisplayText.oneLine(reason, Chat.MAX_TOPIC_LENGTH) : "", true);
    }

    /**
     * Stops on its own (a signal): {@code reason} goes to the console only. Members are told (SHUTDOWN event, by no
     * one), then every connection and the listening sockets close. A cluster node stops alone, and its members are
     * told to connect again, since the other nodes go on ({@link Chat#closeNode}). Returns at once;
     * {@link #terminated()} completes when all is closed. Only the first stop acts.
     */
    public void shutdown(String reason) {
        shutdown(reason, "", false);
    }

    private void shutdown(String reason, String toldToMembers, boolean ordered) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Thread stopper = new Thread(() -> stop(reason, toldToMembers, ordered), "openchat-shutdown");
        stopper.setDaemon(false);
        stopper.start();
    }

    /**
     * After the server stopped: how many messages the history could not write before it closed (its database could
     * not take them: a full disk, say), which are lost; 0 normally, and on a cluster.
     */
    public long historyLost() {
        return database == null ? 0 : database.lostAtClose();
    }

    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    private void stop(String reason, String toldToMembers, boolean ordered) {
        try {
            console.println(text.get("console.shutdown", reason));
            closeListeners();
            if (database != null) {
                replayMarks.serverStopping(); // each IRC client closed next leaves its mark, kept for the next start
            }
            List<Member<Channel>> told = ordered
                    ? core.close(text.get("shutdown.notice"), toldToMembers, Names.ADMINISTRATOR)
                    : core.closeNode(text.get("shutdown.notice"), text.get("cluster.nodeStopping"));
            Set<Channel> memberLinks = told.stream().map(Member::link).collect(Collectors.toSet());
            connections.stream().filter(c -> !memberLinks.contains(c)).forEach(Channel::close);
            if (!connections.newCloseFuture().awaitUninterruptibly(CLOSE_GRACE_MILLIS)) {
                log.warn("some connections did not close within {} ms; closing them now", CLOSE_GRACE_MILLIS);
                connections.close().awaitUninterruptibly(CLOSE_GRACE_MILLIS);
            }
            stopLoops();
            keepReplayMarks();
            history.close(); // writes out every message still queued
            if (historyLost() > 0) {
                console.println(text.get("console.historyLost", String.valueOf(historyLost()), config.dataDir()));
            }
            console.println(text.get("console.stopped"));
            console.close();
            terminated.complete(null);
        } catch (RuntimeException e) {
            log.error("error while stopping", e);
            history.close();
            console.close();
            terminated.completeExceptionally(e);
        }
    }

    /**
     * Drops the registrations that lapsed ({@link Chat#lapseRegistrations}), each said on the console; every {@link
     * CoreConfig#REGISTRATION_LAPSE_SWEEP}, from the first one after the start, so that a server that was down a long
     * time gives the owners that long to come back. A cluster node that cannot reach Redis tries at the next sweep.
     */
    public List<RegisteredRoom> lapseRegistrations() {
        try {
            return core.lapseRegistrations();
        } catch (RuntimeException e) {
            log.warn("could not look for lapsed registrations: {}", e.getMessage());
            return List.of();
        }
    }

    /** After every connection closed: how far each IRC client was shown its rooms, for the next start. */
    private void keepReplayMarks() {
        if (database == null) {
            return;
        }
        Path file = config.dataDir().resolve(IrcReplayMarks.FILE_NAME);
        try {
            replayMarks.keep(file);
        } catch (IOException e) {
            log.warn(
                    "could not keep the IRC replay marks in {} ({}): after the restart every IRC client gets the full"
                            + " replay",
                    file,
                    e.toString());
        }
    }

    private void stopLoops() {
        lapses.shutdownNow();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
