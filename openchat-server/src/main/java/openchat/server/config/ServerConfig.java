package openchat.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import openchat.core.CoreConfig;
import openchat.core.FloodControl;
import openchat.core.OpenchatHome;
import openchat.protocol.OcpDecoderConfig;
import openchat.protocol.OcpMessage;

/**
 * Every limit and default of the server, in one place: the network's here, the chat core's in
 * {@link CoreConfig} (which this holds).
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>hosts</td><td>all interfaces</td><td>addresses every listener binds, each on its own port
 *       ({@link ListenAddresses}); an IPv6 one beside IPv4 ones takes IPv6 alone</td></tr>
 *   <tr><td>listenerHosts</td><td>none</td><td>a listener's own addresses instead of {@code hosts}
 *       ({@code --ocp-host}, {@code --irc-host}, {@code --irc-tls-host}, {@code --http-host}): the web port on
 *       127.0.0.1 behind a proxy, IRC on the public address</td></tr>
 *   <tr><td>port</td><td>3000</td><td>TCP port, as the original chat; 0 picks a free one</td></tr>
 *   <tr><td>core</td><td>{@link CoreConfig#DEFAULT}</td><td>room capacity, rooms, presence, history on join,
 *       flood control, administrator lockout</td></tr>
 *   <tr><td>adminKeyFile</td><td>$HOME/.openchat/admin.key</td><td>created on first start, mode 600</td></tr>
 *   <tr><td>motdFile</td><td>none</td><td>the message of the day ({@link Motd}): UTF-8 text of at most
 *       {@link #MAX_MOTD_BYTES} bytes, shown to every member as it connects; read again on SIGHUP</td></tr>
 *   <tr><td>dataDir</td><td>$HOME/.openchat</td><td>where the history database lives</td></tr>
 *   <tr><td>history</td><td>on</td><td>store room messages (off: nothing written, nothing replayed)</td></tr>
 *   <tr><td>historyMax</td><td>10000</td><td>messages kept per room: those among its last N event numbers</td></tr>
 *   <tr><td>historyMaxAge</td><td>none</td><td>how old a stored message may grow before it is deleted (null: any
 *       age)</td></tr>
 *   <tr><td>locale</td><td>ko</td><td>language of the console and of answer bodies</td></tr>
 *   <tr><td>maxHeaderSize</td><td>8192 bytes</td><td>a message's header section; over it 431</td></tr>
 *   <tr><td>maxBodySize</td><td>4096 bytes</td><td>a message's body; over it 413</td></tr>
 *   <tr><td>pingInterval</td><td>30 s</td><td>silence after which the server sends PING</td></tr>
 *   <tr><td>idleTimeout</td><td>90 s</td><td>silence after which the connection is dropped</td></tr>
 *   <tr><td>maxBacklog</td><td>1 MiB</td><td>unsent bytes held for one member; over it for 0.1 s, the member is dropped</td></tr>
 *   <tr><td>joinDeadline</td><td>10 s</td><td>time to join after connecting; then 408 and close</td></tr>
 *   <tr><td>headerDeadline</td><td>10 s</td><td>a message's time from the read that brought its first byte to its
 *       end: an OCP header section (then 408), an IRC line ({@code ERROR}), a WebSocket message (Close 1008); then
 *       close. For a line or a WebSocket message, time the server spends not reading the connection (fakelag) does
 *       not count</td></tr>
 *   <tr><td>maxConnections</td><td>10000</td><td>open connections in all; over it 503 and close</td></tr>
 *   <tr><td>{@link #FILE_DESCRIPTOR_HEADROOM}</td><td>64</td><td>file descriptors kept for the server's own files
 *       besides maxConnections: a process limit ({@code ulimit -n}) below their sum is warned of at start</td></tr>
 *   <tr><td>maxConnectionsPerAddress</td><td>20</td><td>open chat connections (OCP, IRC, WebSocket) from one IP
 *       address (an IPv6 one by its /64); over it 503</td></tr>
 *   <tr><td>connectBurst, connectPerMinute</td><td>20, 3</td><td>new chat connections (OCP, IRC, a WebSocket on
 *       {@code /ws}) one IP address (an IPv6 one by its /64) may open at once, then per minute; over it OCP 429 with
 *       {@code Retry-After}, IRC {@code ERROR}, WebSocket Close 1013, each saying when to come back
 *       ({@code ConnectThrottle}); a rate of {@link #CONNECT_RATE_OFF}: no throttle</td></tr>
 *   <tr><td>connectExempt</td><td>127.0.0.0/8, ::1/128</td><td>addresses the new connections' throttle does not
 *       count: this machine's (a bot, a bouncer, a TLS proxy beside the server), as ergo exempts localhost</td></tr>
 *   <tr><td>{@link #MAX_WEB_CONNECTIONS_PER_ADDRESS}</td><td>64</td><td>open web connections (HTTP, not WebSocket)
 *       from one IP address (an IPv6 /64); over it 503</td></tr>
 *   <tr><td>{@link #WEB_SHARE_PERCENT}</td><td>25 %</td><td>of maxConnections that web connections may take in
 *       all; over it a newcomer closes the longest-idle one, or gets 503 if none is idle</td></tr>
 *   <tr><td>{@link #WEB_KEEP_ALIVE}</td><td>20 s</td><td>a web connection's wait for its next whole request</td></tr>
 *   <tr><td>consoleChat</td><td>on</td><td>print every chat line on the console, as the original did</td></tr>
 *   <tr><td>consoleTimestamps</td><td>off</td><td>start every status line with its date and time, as chat lines
 *       (a console written to a file; a journal stamps each line itself)</td></tr>
 *   <tr><td>consoleAddresses</td><td>off</td><td>end every {@code [CONNECT]} line with the address the member came
 *       from and how ({@code ocp}, {@code irc}, {@code websocket}, and {@code tls}), to find a name's address after
 *       it left</td></tr>
 *   <tr><td>tls</td><td>off</td><td>{@link TlsSettings}: PEM certificate and key, or self-signed</td></tr>
 *   <tr><td>ircPort</td><td>6667</td><td>the IRC listener's TCP port; {@link #OFF} disables it</td></tr>
 *   <tr><td>ircTlsPort</td><td>6697</td><td>the IRC listener's TLS port, when TLS is configured; {@link #OFF}
 *       disables it</td></tr>
 *   <tr><td>httpPort</td><td>8080</td><td>the HTTP listener: the web page, WebSocket {@code /ws}, {@code /metrics},
 *       {@code /healthz}; {@link #OFF} disables it</td></tr>
 *   <tr><td>allowedOrigins</td><td>none</td><td>web origins besides the server's own that may open {@code /ws}</td></tr>
 *   <tr><td>metricsAllow</td><td>127.0.0.0/8, ::1/128</td><td>addresses that may read {@code /metrics}</td></tr>
 *   <tr><td>trustedProxies</td><td>none</td><td>reverse proxies (CIDR) whose {@code X-Forwarded-For} or
 *       {@code Forwarded} names a web connection's client, for every per-address rule</td></tr>
 *   <tr><td>proxyHeader</td><td>x-forwarded-for</td><td>{@link ProxyHeader}: the one header those proxies write; the
 *       other is never read</td></tr>
 *   <tr><td>maxHeldRequests</td><td>50</td><td>requests (IRC lines) a client sent past its allowance that wait
 *       their turn (fakelag: {@link openchat.server.net.RequestPace}, and over IRC the chat and read rates too); past
 *       them, the connection closes for flooding (OCP 429, IRC {@code ERROR})</td></tr>
 *   <tr><td>ghostProbe</td><td>5 s</td><td>a name asked for again while its holder here has read nothing for as long:
 *       the holder is sent PING and given as long to answer, or closed as gone and its name given to the newcomer
 *       ({@link openchat.server.net.GhostCheck}); fixed (no option), shorter in tests</td></tr>
 *   <tr><td>cluster</td><td>off</td><td>{@code redis://HOST:PORT[/DB]}: share rooms, order, history and names with the
 *       other nodes on that Redis (docs/CLUSTER.md)</td></tr>
 *   <tr><td>nodeId</td><td>HOST:PORT</td><td>this node's id in the cluster: the host name and the OCP port</td></tr>
 *   <tr><td>serverName</td><td>openchat</td><td>the server's name on IRC: the source of numerics and server notices, the
 *       host of every member's address, WHOIS 312; a host name of at most {@link #MAX_SERVER_NAME_LENGTH} characters
 *       with a dot in it ({@link #serverNameProblem})</td></tr>
 *   <tr><td>networkName</td><td>openchat</td><td>the network's name: IRC's welcome (001) and ISUPPORT's
 *       {@code NETWORK}, the web page's title; at most {@link #MAX_NETWORK_NAME_LENGTH} letters, digits, {@code -},
 *       {@code _} and {@code .} ({@link #networkNameProblem}); the same on every node of a cluster</td></tr>
 * </table>
 */
public record ServerConfig(
        java.util.List<String> hosts,
        java.util.Map<Listener, java.util.List<String>> listenerHosts,
        int port,
        CoreConfig core,
        Path adminKeyFile,
        Path motdFile,
        Path dataDir,
        boolean history,
        int historyMax,
        Duration historyMaxAge,
        Locale locale,
        OcpDecoderConfig decoder,
        Duration pingInterval,
        Duration idleTimeout,
        int maxBacklog,
        Duration joinDeadline,
        Duration headerDeadline,
        int maxConnections,
        int maxConnectionsPerAddress,
        int connectBurst,
        double connectPerMinute,
        java.util.List<String> connectExempt,
        TlsSettings tls,
        boolean consoleChat,
        boolean consoleTimestamps,
        boolean consoleAddresses,
        int ircPort,
        int ircTlsPort,
        int maxHeldRequests,
        Duration ghostProbe,
        int httpPort,
        java.util.List<String> allowedOrigins,
        java.util.List<String> metricsAllow,
        java.util.List<String> trustedProxies,
        ProxyHeader proxyHeader,
        String cluster,
        String nodeId,
        String serverName,
        String networkName) {

    /** A listener's port that means "no such listener". */
    public static final int OFF = -1;

    public static final int DEFAULT_PORT = OcpMessage.DEFAULT_PORT;
    public static final int DEFAULT_HISTORY_MAX = 10_000;
    /** The longest {@code --history-max-age}: ten years, as for a timed ban; longer is written by leaving it out. */
    public static final Duration LONGEST_AGE = openchat.core.BanDuration.LONGEST;

    public static final int DEFAULT_PING_SECONDS = 30;
    public static final int DEFAULT_IDLE_SECONDS = 90;
    public static final int DEFAULT_JOIN_DEADLINE_SECONDS = 10;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(DEFAULT_PING_SECONDS);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(DEFAULT_IDLE_SECONDS);
    public static final int DEFAULT_MAX_BACKLOG = 1024 * 1024;
    public static final Duration DEFAULT_JOIN_DEADLINE = Duration.ofSeconds(DEFAULT_JOIN_DEADLINE_SECONDS);
    /**
     * How long a message may take to arrive once its first byte has (an OCP header section, an IRC line, a WebSocket
     * message), as the join deadline and from the same option: the largest of them, 12 KiB, takes milliseconds over
     * any link that works, and a client that trickles one holds its connection for no more than this (a slowloris).
     */
    public static final Duration DEFAULT_HEADER_DEADLINE = Duration.ofSeconds(DEFAULT_JOIN_DEADLINE_SECONDS);
    /**
     * How long a connection the server ends with a last answer (a refusal, a malformed message, a flood, IRC's
     * {@code ERROR}) is still read, and what arrives dropped, so that the answer is not lost to a reset
     * ({@code LingeringClose}); the peer closing its side ends it sooner.
     */
    public static final Duration CLOSE_LINGER = Duration.ofSeconds(2);
    /**
     * What a lingering close drops at most before it closes at once: more than any client that stopped sending when
     * the server answered still has in flight (a window's worth), and little enough that a client that goes on
     * flooding after its last answer (a WebSocket PING flood closed with 1008 sends a gigabyte a second) costs no more
     * than a moment of the loop, not {@link #CLOSE_LINGER} of it.
     */
    public static final int CLOSE_LINGER_MAX_BYTES = 256 * 1024;

    /**
     * How many IRC clients that sent QUIT the server remembers where they had read up to in their rooms, so that the
     * same nick back from the same address is replayed only what it missed (IRC.md, "History"); past it, the quit
     * longest ago is forgotten and its nick gets the full replay. A few hundred bytes each.
     */
    public static final int IRC_REPLAY_MARKS = 2_000;

    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 20;
    /**
     * New chat connections one address (an IPv6 /64) may open at once before the throttle holds it to
     * {@link #DEFAULT_CONNECT_PER_MINUTE}: as many as it may hold open ({@link #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}),
     * so that every member behind one address comes back at once after a restart of the server or an outage of their
     * network.
     */
    public static final int DEFAULT_CONNECT_BURST = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    /**
     * New chat connections per minute one address may open once its burst is spent: one every 20 seconds. A person
     * reconnecting, or a household or an office where someone comes in every few minutes, never meets it; a script
     * that connects, joins and quits over and over (a security trial's 60 cycles in 3.3 s, each a join and a quit
     * line to every member of the room) gets its burst, then three a minute. ergo's default is of the same order: 32
     * connections per 10 minutes per address. Many people behind one address (a PC방, a school's NAT) may need more
     * ({@code --connect-rate}, {@code --connect-burst}) or the address exempt ({@code --connect-exempt}).
     */
    public static final int DEFAULT_CONNECT_PER_MINUTE = 3;
    /**
     * {@code connectPerMinute} that means no throttle at all ({@code --connect-rate off}): a rate without end holds
     * nothing back, and no number a person writes is taken for it ({@code --connect-rate 0} is refused, not off).
     */
    public static final double CONNECT_RATE_OFF = Double.POSITIVE_INFINITY;
    /** The slowest throttle: one new connection every ten minutes (ergo's window), so a wait stays one to act on. */
    public static final double MIN_CONNECT_PER_MINUTE = 0.1;
    /** The fastest: a hundred a second, beyond which the throttle holds back nothing; {@code off} says so. */
    public static final int MAX_CONNECT_PER_MINUTE = 6000;
    /**
     * Addresses the throttle leaves alone unless told otherwise: this machine's, as ergo exempts localhost (a bot, a
     * bouncer or a TLS proxy beside the server; the tests, which connect from 127.0.0.1 hundreds of times a second).
     */
    public static final String DEFAULT_CONNECT_EXEMPT_TEXT = "127.0.0.0/8,::1/128";

    public static final java.util.List<String> DEFAULT_CONNECT_EXEMPT =
            java.util.List.of(DEFAULT_CONNECT_EXEMPT_TEXT.split(","));
    /**
     * File descriptors the server keeps for itself besides its connections (the listening sockets, the history
     * database and its WAL, the JVM's jars, epoll's): the start warns when the process's limit ({@code ulimit -n})
     * is below {@code maxConnections} plus this.
     */
    public static final int FILE_DESCRIPTOR_HEADROOM = 64;
    /**
     * Web connections (the HTTP port's, until a WebSocket handshake makes one a chat connection) open from one
     * address (an IPv6 one by its /64); over it 503. They take no chat seat ({@code maxConnectionsPerAddress}). A
     * browser opens at most six to one server (per profile, shared by its tabs; the page's fourteen files come over
     * them), so 64 lets ten browsers behind one NAT load the page within one keep-alive time, and more in turn as
     * theirs close; a higher cap only let fewer addresses fill the web connections' share ({@link #WEB_SHARE_PERCENT})
     * with idle ones (256 let ten do it at the default {@code maxConnections}).
     */
    public static final int MAX_WEB_CONNECTIONS_PER_ADDRESS = 64;
    /**
     * The share of {@code maxConnections}, in percent, that web connections may take in all, so that chat connections
     * always keep the rest. A web connection over it closes the one that has waited longest for its next request and
     * takes its place, as nginx reuses idle keep-alive connections; only when none is waiting is it refused with 503
     * ({@code ConnectionLimiter}).
     */
    public static final int WEB_SHARE_PERCENT = 25;
    /**
     * How long a web connection may take to send its next whole request, from its opening or its last answer; then
     * it is closed. The keep-alive a browser gets (nginx's {@code keepalive_timeout}), and the bound on a request
     * that trickles in (slowloris; nginx's {@code client_header_timeout}).
     */
    public static final Duration WEB_KEEP_ALIVE = Duration.ofSeconds(20);
    /**
     * The frames one WebSocket message may come in (its first and its continuations); one more closes the connection
     * with 1009, as a message over the byte limit does. An empty fragment adds nothing to a message's bytes, so
     * without it a message could stay open forever, each empty fragment costing the server a frame's work. Clients
     * send a chat message in one frame, or in a few when a library cuts large ones (at 4 KiB, say: three for the
     * largest message the server takes); 128 leaves room for one that cuts the largest into 96-byte pieces.
     */
    public static final int MAX_WEB_SOCKET_FRAGMENTS = 128;

    public static final int DEFAULT_IRC_PORT = 6667;
    public static final int DEFAULT_IRC_TLS_PORT = 6697;
    public static final int DEFAULT_MAX_HELD_REQUESTS = 50;
    /**
     * A name asked for again (OCP CONNECT, IRC registration, a WebSocket's either) while the member holding it on this
     * server has read nothing for this long: the holder is sent PING and has this long to send anything back, or it
     * is closed as gone and the newcomer takes the name ({@link openchat.server.net.GhostCheck}). A holder that read
     * within it keeps the name at once, unasked. Half the join deadline, so that a newcomer's wait, at most this,
     * leaves it time; long enough for a live client's answer over a slow mobile link, short enough that a person
     * reconnecting after a silent drop waits seconds, not the idle timeout.
     */
    public static final Duration DEFAULT_GHOST_PROBE = Duration.ofSeconds(5);

    /**
     * The message of the day's longest text, in bytes of UTF-8: an OCP body's limit, so that every client reads it in
     * one NOTICE; about 40 lines of Korean or 60 of English.
     */
    public static final int MAX_MOTD_BYTES = OcpDecoderConfig.DEFAULT_MAX_BODY_SIZE;

    public static final int DEFAULT_HTTP_PORT = 8080;
    /** Loopback only, as Prosody restricts its metrics by default; comma-separated, as the option takes it. */
    public static final String DEFAULT_METRICS_ALLOW_TEXT = "127.0.0.0/8,::1/128";

    public static final java.util.List<String> DEFAULT_METRICS_ALLOW =
            java.util.List.of(DEFAULT_METRICS_ALLOW_TEXT.split(","));

    /**
     * The server's name on IRC when none is given: the core's, which no member may take in any spelling
     * ({@link openchat.core.Names#SERVER}).
     */
    public static final String DEFAULT_SERVER_NAME = openchat.core.Names.SERVER;
    /** A server name's longest, in characters: a host name's label, and RFC 2812's bound on a server's name. */
    public static final int MAX_SERVER_NAME_LENGTH = 63;
    /** The network's name on IRC when none is given (ISUPPORT's {@code NETWORK=openchat}, as it always was). */
    public static final String DEFAULT_NETWORK_NAME = "openchat";
    /** A network name's longest, in characters. */
    public static final int MAX_NETWORK_NAME_LENGTH = 32;

    private static final java.util.regex.Pattern HOST_NAME = java.util.regex.Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public ServerConfig {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(adminKeyFile, "adminKeyFile");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(decoder, "decoder");
        Objects.requireNonNull(tls, "tls");
        hosts = ListenAddresses.checked("--host", hosts);
        java.util.Map<Listener, java.util.List<String>> own = new java.util.EnumMap<>(Listener.class);
        listenerHosts.forEach((listener, list) -> {
            if (!list.isEmpty()) {
                own.put(listener, ListenAddresses.checked(listener.hostOption(), list));
            }
        });
        listenerHosts = java.util.Collections.unmodifiableMap(own);
        if (port < 0 || port > 65535) {
            throw new ConfigRefusal("refusal.port", port);
        }
        if (historyMax < 1) {
            throw new ConfigRefusal("refusal.historyMax", historyMax);
        }
        if (historyMaxAge != null && (historyMaxAge.toSeconds() < 1 || historyMaxAge.compareTo(LONGEST_AGE) > 0)) {
            throw new ConfigRefusal(
                    "refusal.historyMaxAge", openchat.core.BanDuration.text(LONGEST_AGE), seconds(historyMaxAge));
        }
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new ConfigRefusal("refusal.pingInterval", seconds(pingInterval));
        }
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new ConfigRefusal("refusal.idleTimeout", seconds(idleTimeout), seconds(pingInterval));
        }
        if (maxBacklog < 1024) {
            throw new IllegalArgumentException("maxBacklog must be at least 1024 bytes: " + maxBacklog);
        }
        if (joinDeadline.isNegative() || joinDeadline.isZero()) {
            throw new ConfigRefusal("refusal.joinDeadline", seconds(joinDeadline));
        }
        if (headerDeadline.isNegative() || headerDeadline.isZero()) {
            throw new IllegalArgumentException("headerDeadline must be positive: " + headerDeadline);
        }
        if (ircPort < OFF || ircPort > 65535 || ircTlsPort < OFF || ircTlsPort > 65535) {
            throw new IllegalArgumentException("IRC ports must be 0-65535 or off: " + ircPort + ", " + ircTlsPort);
        }
        if (httpPort < OFF || httpPort > 65535) {
            throw new ConfigRefusal("refusal.httpPort", httpPort);
        }
        requireOwnPorts(port, ircPort, tls.enabled() ? ircTlsPort : OFF, httpPort);
        // A list written as one value ("https://a.example, https://b.example") is split at the commas only.
        allowedOrigins = allowedOrigins.stream()
                .map(String::strip)
                .map(WebOrigin::normalize)
                .toList();
        metricsAllow = metricsAllow.stream().map(String::strip).toList();
        trustedProxies = trustedProxies.stream().map(String::strip).toList();
        // An empty entry is none: --connect-exempt '' exempts nothing, this machine included.
        connectExempt = connectExempt.stream()
                .map(String::strip)
                .filter(range -> !range.isEmpty())
                .toList();
        for (String range : java.util.stream.Stream.of(metricsAllow, trustedProxies, connectExempt)
                .flatMap(java.util.List::stream)
                .toList()) {
            openchat.core.AddressRange.parse(range); // throws IllegalArgumentException naming the bad range
        }
        if (cluster != null) {
            openchat.cluster.ClusterSettings.problem(cluster).ifPresent(problem -> {
                throw new IllegalArgumentException("--cluster: " + problem);
            });
        }
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(networkName, "networkName");
        serverNameProblem(serverName).ifPresent(problem -> {
            throw new ConfigRefusal(problem, serverName, MAX_SERVER_NAME_LENGTH);
        });
        networkNameProblem(networkName).ifPresent(problem -> {
            throw new ConfigRefusal(problem, networkName, MAX_NETWORK_NAME_LENGTH);
        });
        if (nodeId != null && (nodeId.isBlank() || nodeId.chars().anyMatch(c -> c <= ' ' || c == 0x7f))) {
            throw new ConfigRefusal("refusal.nodeId", nodeId);
        }
        if (maxHeldRequests < 1) {
            throw new IllegalArgumentException("maxHeldRequests must be at least 1: " + maxHeldRequests);
        }
        Objects.requireNonNull(ghostProbe, "ghostProbe");
        if (ghostProbe.isNegative() || ghostProbe.isZero()) {
            throw new IllegalArgumentException("ghostProbe must be positive: " + ghostProbe);
        }
        if (maxConnections < 1) {
            throw new ConfigRefusal("refusal.maxConnections", maxConnections);
        }
        if (maxConnectionsPerAddress < 1) {
            throw new ConfigRefusal("refusal.maxConnectionsPerIp", maxConnectionsPerAddress);
        }
        if (connectBurst < 1) {
            throw new ConfigRefusal("refusal.connectBurst", connectBurst);
        }
        if (connectPerMinute != CONNECT_RATE_OFF
                && !(connectPerMinute >= MIN_CONNECT_PER_MINUTE && connectPerMinute <= MAX_CONNECT_PER_MINUTE)) {
            throw new ConfigRefusal(
                    "refusal.connectRate",
                    decimal(MIN_CONNECT_PER_MINUTE),
                    decimal(MAX_CONNECT_PER_MINUTE),
                    decimal(connectPerMinute));
        }
    }

    /**
     * Refuses two listeners on one port ({@code --port} and {@code --http-port} both 8080): the second could not
     * bind, and "address already in use" would read as another program holding it. Ports 0 (each picks a free one)
     * and {@link #OFF} never clash; the TLS listener counts only when TLS is on, as it listens only then.
     */
    private static void requireOwnPorts(int ocp, int irc, int ircTls, int http) {
        String[] options = {"--port", "--irc-port", "--irc-tls-port", "--http-port"};
        int[] ports = {ocp, irc, ircTls, http};
        for (int i = 0; i < ports.length; i++) {
            for (int j = i + 1; j < ports.length; j++) {
                if (ports[i] > 0 && ports[i] == ports[j]) {
                    throw new ConfigRefusal("refusal.samePort", options[i], options[j], ports[i]);
                }
            }
        }
    }

    /**
     * What is wrong with {@code name} as the server's name, as the key of a refusal, or empty when nothing is. A server
     * name is a host name ({@code irc.example.org}): letters, digits and {@code -} in labels joined by single dots, no
     * label beginning or ending with {@code -}, at most {@link #MAX_SERVER_NAME_LENGTH} characters; so no space, and
     * none of {@code ! @ : *}, which would break every member's address. It holds a dot, as ngIRCd and InspIRCd
     * require: a nickname here never does ({@link openchat.core.Names#plainForm}), so no member can go by the
     * server's name. The one exception is the default, {@link #DEFAULT_SERVER_NAME}, which IRC clients have always
     * taken and the core keeps from every member.
     */
    public static java.util.Optional<String> serverNameProblem(String name) {
        if (name.equals(DEFAULT_SERVER_NAME)) {
            return java.util.Optional.empty();
        }
        if (name.isEmpty() || name.length() > MAX_SERVER_NAME_LENGTH) {
            return java.util.Optional.of("refusal.serverName.length");
        }
        if (!HOST_NAME.matcher(name).matches()) {
            return java.util.Optional.of("refusal.serverName.characters");
        }
        if (name.indexOf('.') < 0) {
            return java.util.Optional.of("refusal.serverName.dot");
        }
        return java.util.Optional.empty();
    }

    /**
     * What is wrong with {@code name} as the network's name, as the key of a refusal, or empty when nothing is: 1 to
     * {@link #MAX_NETWORK_NAME_LENGTH} letters (of any script: {@code 오픈챗} too, but none that shows as nothing, {@link
     * openchat.core.Names#isInvisible}), digits, {@code -}, {@code _} and {@code .}. ISUPPORT's {@code NETWORK=} carries it as it is, with nothing to escape.
     */
    public static java.util.Optional<String> networkNameProblem(String name) {
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NETWORK_NAME_LENGTH) {
            return java.util.Optional.of("refusal.networkName.length");
        }
        // A letter that shows as nothing (the Hangul filler) would make a name that looks like another.
        boolean fits = name.codePoints()
                .allMatch(c -> (Character.isLetterOrDigit(c) && !openchat.core.Names.isInvisible(c))
                        || c == '-'
                        || c == '_'
                        || c == '.');
        return fits ? java.util.Optional.empty() : java.util.Optional.of("refusal.networkName.characters");
    }

    /** A rate as a person writes it: {@code 0.1}, {@code 3}. */
    private static String decimal(double value) {
        return Double.isFinite(value)
                ? java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    /** Whether new chat connections are throttled per address ({@code --connect-rate} is not {@code off}). */
    public boolean connectThrottled() {
        return connectPerMinute != CONNECT_RATE_OFF;
    }

    /** A duration as the options take it: "90 s", or "1500 ms" when it is not whole seconds. */
    /** A duration in seconds, as its digits ({@code 90}, {@code 0.5}): each catalog writes the unit its own way. */
    private static String seconds(Duration duration) {
        return java.math.BigDecimal.valueOf(duration.toMillis(), 3)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** The addresses {@code listener} binds: its own list, else {@link #hosts}; empty: every interface. */
    public java.util.List<String> hosts(Listener listener) {
        return listenerHosts.getOrDefault(listener, hosts);
    }

    /** Members each room holds, the administrator included. */
    public int maxUsers() {
        return core.roomCapacity();
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
        Builder builder = new Builder().hosts(hosts);
        listenerHosts.forEach(builder::hosts);
        return builder.port(port)
                .core(core)
                .adminKeyFile(adminKeyFile)
                .motdFile(motdFile)
                .dataDir(dataDir)
                .history(history)
                .historyMax(historyMax)
                .historyMaxAge(historyMaxAge)
                .locale(locale)
                .decoder(decoder)
                .heartbeat(pingInterval, idleTimeout)
                .maxBacklog(maxBacklog)
                .joinDeadline(joinDeadline)
                .headerDeadline(headerDeadline)
                .maxConnections(maxConnections)
                .maxConnectionsPerAddress(maxConnectionsPerAddress)
                .connectThrottle(connectBurst, connectPerMinute)
                .connectExempt(connectExempt)
                .tls(tls)
                .consoleChat(consoleChat)
                .consoleTimestamps(consoleTimestamps)
                .consoleAddresses(consoleAddresses)
                .ircPort(ircPort)
                .ircTlsPort(ircTlsPort)
                .maxHeldRequests(maxHeldRequests)
                .ghostProbe(ghostProbe)
                .httpPort(httpPort)
                .allowedOrigins(allowedOrigins)
                .metricsAllow(metricsAllow)
                .trustedProxies(trustedProxies)
                .proxyHeader(proxyHeader)
                .cluster(cluster)
                .nodeId(nodeId)
                .serverName(serverName)
                .networkName(networkName);
    }

    /** Whether this server is a node of a cluster. */
    public boolean clustered() {
        return cluster != null;
    }

    /** Starts from the defaults; {@link #build} checks every value. */
    public static final class Builder {
        private java.util.List<String> hosts = java.util.List.of();
        private final java.util.Map<Listener, java.util.List<String>> listenerHosts =
                new java.util.EnumMap<>(Listener.class);
        private int port = DEFAULT_PORT;
        private CoreConfig.Builder core = CoreConfig.builder();
        private Path adminKeyFile = OpenchatHome.adminKeyFile();
        private Path motdFile;
        private Path dataDir = OpenchatHome.directory();
        private boolean history = true;
        private int historyMax = DEFAULT_HISTORY_MAX;
        private Duration historyMaxAge;
        private Locale locale = Locale.KOREAN;
        private OcpDecoderConfig decoder = OcpDecoderConfig.DEFAULT;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private int maxBacklog = DEFAULT_MAX_BACKLOG;
        private Duration joinDeadline = DEFAULT_JOIN_DEADLINE;
        private Duration headerDeadline = DEFAULT_HEADER_DEADLINE;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
        private int connectBurst = DEFAULT_CONNECT_BURST;
        private double connectPerMinute = DEFAULT_CONNECT_PER_MINUTE;
        private java.util.List<String> connectExempt = DEFAULT_CONNECT_EXEMPT;
        private TlsSettings tls = TlsSettings.OFF;
        private boolean consoleChat = true;
        private boolean consoleTimestamps;
        private boolean consoleAddresses;
        private int ircPort = DEFAULT_IRC_PORT;
        private int ircTlsPort = DEFAULT_IRC_TLS_PORT;
        private int maxHeldRequests = DEFAULT_MAX_HELD_REQUESTS;
        private Duration ghostProbe = DEFAULT_GHOST_PROBE;
        private int httpPort = DEFAULT_HTTP_PORT;
        private java.util.List<String> allowedOrigins = java.util.List.of();
        private java.util.List<String> metricsAllow = DEFAULT_METRICS_ALLOW;
        private java.util.List<String> trustedProxies = java.util.List.of();
        private ProxyHeader proxyHeader = ProxyHeader.X_FORWARDED_FOR;
        private String cluster;
        private String nodeId;
        private String serverName = DEFAULT_SERVER_NAME;
        private String networkName = DEFAULT_NETWORK_NAME;

        private Builder() {}

        /** The server's name on IRC ({@link #DEFAULT_SERVER_NAME} by default). */
        public Builder serverName(String value) {
            serverName = value;
            return this;
        }

        /** The network's name on IRC ({@link #DEFAULT_NETWORK_NAME} by default). */
        public Builder networkName(String value) {
            networkName = value;
            return this;
        }

        /** {@code redis://HOST:PORT[/DB]}, or null for a server on its own. */
        public Builder cluster(String value) {
            cluster = value;
            return this;
        }

        /** This node's id in the cluster; null for HOST:PORT. */
        public Builder nodeId(String value) {
            nodeId = value;
            return this;
        }

        /** One address every listener binds; null: all interfaces. */
        public Builder host(String value) {
            return hosts(value == null ? java.util.List.of() : java.util.List.of(value));
        }

        /** The addresses every listener binds, unless it has its own; empty: all interfaces. */
        public Builder hosts(java.util.List<String> value) {
            hosts = value;
            return this;
        }

        /** {@code listener}'s own addresses; empty: those of {@link #hosts(java.util.List)}. */
        public Builder hosts(Listener listener, java.util.List<String> value) {
            listenerHosts.put(listener, value);
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder core(CoreConfig value) {
            core = value.toBuilder();
            return this;
        }

        public Builder maxUsers(int value) {
            core.roomCapacity(value);
            return this;
        }

        public Builder maxRooms(int value) {
            core.maxRooms(value);
            return this;
        }

        public Builder maxRoomsPerMember(int value) {
            core.maxRoomsPerMember(value);
            return this;
        }

        public Builder presenceLimit(int value) {
            core.presenceLimit(value);
            return this;
        }

        public Builder historyOnJoin(int value) {
            core.historyOnJoin(value);
            return this;
        }

        public Builder maxNameLength(int value) {
            core.maxNameLength(value);
            return this;
        }

        public Builder floodControl(FloodControl value) {
            core.floodControl(value);
            return this;
        }

        /** {@code failures} wrong keys within {@code lockout} lock the address out for {@code lockout}. */
        public Builder adminLockout(int failures, Duration lockout) {
            core.adminLockout(failures, lockout);
            return this;
        }

        public Builder adminKeyFile(Path value) {
            adminKeyFile = value;
            return this;
        }

        /** The message of the day's file; null (the default): none. */
        public Builder motdFile(Path value) {
            motdFile = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        /** Off: nothing is stored, nothing replayed ({@code --no-history}). */
        public Builder history(boolean value) {
            history = value;
            return this;
        }

        public Builder historyMax(int value) {
            historyMax = value;
            return this;
        }

        /** Null: messages of any age are kept (the default). */
        public Builder historyMaxAge(Duration value) {
            historyMaxAge = value;
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

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        public Builder maxConnectionsPerAddress(int value) {
            maxConnectionsPerAddress = value;
            return this;
        }

        /**
         * New chat connections one address may open at once, then per minute; a rate of {@link #CONNECT_RATE_OFF}:
         * no throttle.
         */
        public Builder connectThrottle(int burst, double perMinute) {
            connectBurst = burst;
            connectPerMinute = perMinute;
            return this;
        }

        /** No throttle on new connections ({@code --connect-rate off}). */
        public Builder noConnectThrottle() {
            connectPerMinute = CONNECT_RATE_OFF;
            return this;
        }

        /** Address ranges (CIDR) the throttle on new connections does not count; empty: none, loopback included. */
        public Builder connectExempt(java.util.List<String> value) {
            connectExempt = value;
            return this;
        }

        public Builder tls(TlsSettings value) {
            tls = value;
            return this;
        }

        /** Off: the console still shows joins, leaves and kicks, but not every chat line (load tests). */
        public Builder consoleChat(boolean value) {
            consoleChat = value;
            return this;
        }

        /** On: every status line starts with its date and time ({@code --console-timestamps}). */
        public Builder consoleTimestamps(boolean value) {
            consoleTimestamps = value;
            return this;
        }

        /** On: every {@code [CONNECT]} line ends with the member's address and transport ({@code --console-addresses}). */
        public Builder consoleAddresses(boolean value) {
            consoleAddresses = value;
            return this;
        }

        /** The IRC listener's port; {@link #OFF}: none. */
        public Builder ircPort(int value) {
            ircPort = value;
            return this;
        }

        /** The IRC-over-TLS listener's port, used when TLS is configured; {@link #OFF}: none. */
        public Builder ircTlsPort(int value) {
            ircTlsPort = value;
            return this;
        }

        public Builder maxHeldRequests(int value) {
            maxHeldRequests = value;
            return this;
        }

        /** How long a name's silent holder is given to answer a PING ({@link #DEFAULT_GHOST_PROBE}); tests shorten it. */
        public Builder ghostProbe(Duration value) {
            ghostProbe = value;
            return this;
        }

        /** The HTTP listener's port; {@link #OFF}: none. */
        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        /** Origins besides the server's own whose pages may open the WebSocket; {@code *}: any. */
        public Builder allowedOrigins(java.util.List<String> value) {
            allowedOrigins = value;
            return this;
        }

        /** Address ranges (CIDR) that may read {@code /metrics}. */
        public Builder metricsAllow(java.util.List<String> value) {
            metricsAllow = value;
            return this;
        }

        /**
         * Address ranges (CIDR) of the reverse proxies in front of the HTTP listener: a request from one is for the
         * client the {@link #proxyHeader} names. None by default: the headers are ignored.
         */
        public Builder trustedProxies(java.util.List<String> value) {
            trustedProxies = value;
            return this;
        }

        /** Which header the trusted proxies name their client in; {@code X-Forwarded-For} by default. */
        public Builder proxyHeader(ProxyHeader value) {
            proxyHeader = java.util.Objects.requireNonNull(value);
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(
                    hosts,
                    listenerHosts,
                    port,
                    core.build(),
                    adminKeyFile,
                    motdFile,
                    dataDir,
                    history,
                    historyMax,
                    historyMaxAge,
                    locale,
                    decoder,
                    pingInterval,
                    idleTimeout,
                    maxBacklog,
                    joinDeadline,
                    headerDeadline,
                    maxConnections,
                    maxConnectionsPerAddress,
                    connectBurst,
                    connectPerMinute,
                    connectExempt,
                    tls,
                    consoleChat,
                    consoleTimestamps,
                    consoleAddresses,
                    ircPort,
                    ircTlsPort,
                    maxHeldRequests,
                    ghostProbe,
                    httpPort,
                    allowedOrigins,
                    metricsAllow,
                    trustedProxies,
                    proxyHeader,
                    cluster,
                    nodeId,
                    serverName,
                    networkName);
        }
    }
}
