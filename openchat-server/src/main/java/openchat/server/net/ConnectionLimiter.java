package openchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import openchat.core.AddressKey;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps open connections across every listener of the server: one over a cap gets its protocol's refusal and is
 * closed at once. Each listener puts a guard in its pipelines, with its protocol's refusal; the guards share the
 * counts. A guard sits after TLS, so the refusal is encrypted: on a TLS connection it keeps reading (the handshake
 * needs the client's bytes; the refusal is written as soon as the handshake is done) but passes nothing on; on plain
 * TCP it stops reading.
 *
 * <p>Every connection counts against the cap in all ({@code --max-connections}: the server's file descriptors). From
 * one address, a chat connection (OCP, IRC, a WebSocket on {@code /ws}) takes one of the chat seats
 * ({@code --max-connections-per-ip}), and a web connection (the HTTP port: the page, its files, {@code /healthz},
 * {@code /metrics}) one of the web places ({@link openchat.server.config.ServerConfig#MAX_WEB_CONNECTIONS_PER_ADDRESS}),
 * so that a browser's idle keep-alive connections (about six per tab) never keep anyone out of the chat, and chat
 * connections never keep a monitor from {@code /healthz}. A web connection whose WebSocket handshake request is
 * handed on to the handshake moves to a chat seat ({@link #becomeChat}), before the handshake's answer is written: a
 * client that has read that answer holds its seat.
 *
 * <p>Web connections in all may take at most a share of the cap in all ({@link ServerConfig#WEB_SHARE_PERCENT}), so
 * that idle keep-alive connections never keep chat connections out of the rest. A web connection over that share, or
 * over the cap in all, takes the place of the web connection that has waited longest for its next request (as nginx
 * reuses keep-alive connections when it runs short): that one is closed, as its keep-alive time would have closed it
 * anyway. Only when every web connection is in the middle of a request is the newcomer refused. Waiting connections
 * are kept in the order they began to wait ({@link #webIdle}, {@link #webBusy}, on each connection's event loop);
 * a newcomer takes the first off that order atomically, so that no two take the same place, and no lock is held.
 *
 * <p>Besides the caps on connections open, a new chat connection (OCP, IRC, a WebSocket's handshake) passes the
 * {@link ConnectThrottle}: how often one address may open one. A connection over a cap is refused before the throttle
 * counts it; one the throttle refuses holds its places until it closes, as any refused one does.
 *
 * <p>Every per-address count is by {@link AddressKey}: an IPv6 address by its /64.
 */
public final class ConnectionLimiter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("openchat.refused");
    /** Which per-address count a connection holds a place in. */
    private static final AttributeKey<Seat> SEAT = AttributeKey.valueOf("openchat.seat");
    /** Why a web connection's WebSocket handshake got no chat seat ({@link #becomeChat}), if it did not. */
    private static final AttributeKey<Refused> CHAT_REFUSED = AttributeKey.valueOf("openchat.chatRefused");
    /** The address whose count the connection's place was taken from; none for a trusted proxy's web connection. */
    private static final AttributeKey<AddressKey> COUNTED_AS = AttributeKey.valueOf("openchat.countedAs");
    /** The client's address a trusted proxy forwarded for the connection's last request ({@link #forwardedFor}). */
    private static final AttributeKey<InetAddress> CLIENT = AttributeKey.valueOf("openchat.client");
    /** A web connection waiting for its next request: its place in {@link #idleWeb}. Set on its event loop only. */
    private static final AttributeKey<Long> IDLE = AttributeKey.valueOf("openchat.idleWeb");
    /** A web connection whose places a newcomer took ({@link #webIdle}): it is being closed. */
    private static final AttributeKey<Boolean> EVICTED = AttributeKey.valueOf("openchat.evicted");

    private enum Seat {
        CHAT,
        WEB
    }

    /** Which cap a connection passed; {@link #textKey} names the server's sentence for it. */
    public enum Reason {
        TOO_MANY("answer.tooManyConnections", "too-many-connections"),
        TOO_MANY_FROM_ADDRESS("answer.tooManyFromAddress", "too-many-from-address"),
        /** Web connections (not chat) from one address: {@code MAX_WEB_CONNECTIONS_PER_ADDRESS}. */
        TOO_MANY_WEB_FROM_ADDRESS("answer.tooManyWebFromAddress", "too-many-web-from-address"),
        /** New chat connections from one address, too many too fast ({@link ConnectThrottle}): try again later. */
        TOO_FAST_FROM_ADDRESS("answer.tooFastFromAddress", "too-fast-from-address");

        private final String textKey;
        private final String errorCode;

        Reason(String textKey, String errorCode) {
            this.textKey = textKey;
            this.errorCode = errorCode;
        }

        public String textKey() {
            return textKey;
        }

        /**
         * The {@code Error-Code} of the refusal (docs/PROTOCOL.md): the refusal comes before the client's first
         * request, so before its {@code Accept-Language}; a client words it in its own language by this code.
         */
        public String errorCode() {
            return errorCode;
        }
    }

    /**
     * A connection refused: over {@code reason}'s cap, which lets in {@code limit} (connections in all, or from one
     * address), or by the throttle, until {@code retryAfterSeconds} from now (0 for a cap).
     */
    public record Refused(Reason reason, int limit, long retryAfterSeconds) {
        /** The server's sentence for it, in {@code text}'s language: the cap, or when to come back. */
        public String text(ServerText text) {
            return reason == Reason.TOO_FAST_FROM_ADDRESS
                    ? text.get(reason.textKey(), String.valueOf(retryAfterSeconds))
                    : text.get(reason.textKey(), limit);
        }
    }

    private final int maxTotal;
    private final int maxPerAddress;
    private final int maxWebPerAddress;
    private final int maxWeb;
    private final AtomicInteger total = new AtomicInteger();
    /** Web connections open (not become chat), every address and trusted proxy. */
    private final AtomicInteger web = new AtomicInteger();
    /** Web connections waiting for their next request, longest waiting first. */
    private final ConcurrentSkipListMap<Long, Channel> idleWeb = new ConcurrentSkipListMap<>();
    /** The order web connections began to wait in. */
    private final AtomicLong idleOrder = new AtomicLong();

    /** Connections let in, by the transport their listener marked them with (a WebSocket comes in as HTTP). */
    private final Map<Transport, LongAdder> accepted = new EnumMap<>(Transport.class);

    private final Map<Reason, LongAdder> refused = new EnumMap<>(Reason.class);
    private final Map<ServerClose, LongAdder> closed = new EnumMap<>(ServerClose.class);
    /** Chat seats taken, by address. */
    private final ConcurrentHashMap<AddressKey, Integer> perAddress = new ConcurrentHashMap<>();
    /** Web connections open, by address. */
    private final ConcurrentHashMap<AddressKey, Integer> webPerAddress = new ConcurrentHashMap<>();
    /** How often one address may open a new chat connection. */
    private final ConnectThrottle throttle;
    /** The refusals' INFO lines: a storm of connections over a cap makes one line a minute, not one each. */
    private final ThrottledLog<String> refusedLines = new ThrottledLog<>((count, top) -> log.info(
            "refused {} more connections over the connection caps or the new connections' rate in the last"
                    + " minute, from {}",
            count,
            top));

    /**
     * {@code maxPerAddress}: chat connections from one address; {@code maxWebPerAddress}: web connections. Web
     * connections in all: {@link ServerConfig#WEB_SHARE_PERCENT} of {@code maxTotal}, at least one. No throttle on
     * new connections.
     */
    public ConnectionLimiter(int maxTotal, int maxPerAddress, int maxWebPerAddress) {
        this(maxTotal, maxPerAddress, maxWebPerAddress, ConnectThrottle.OFF);
    }

    /** The same, with {@code throttle} on new chat connections. */
    public ConnectionLimiter(int maxTotal, int maxPerAddress, int maxWebPerAddress, ConnectThrottle throttle) {
        this.throttle = throttle;
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.maxWebPerAddress = maxWebPerAddress;
        this.maxWeb = (int) Math.max(1, (long) maxTotal * ServerConfig.WEB_SHARE_PERCENT / 100);
        for (Reason reason : Reason.values()) {
            refused.put(reason, new LongAdder());
        }
        for (ServerClose reason : ServerClose.values()) {
            closed.put(reason, new LongAdder());
        }
        for (Transport transport : Transport.values()) {
            accepted.put(transport, new LongAdder());
        }
    }

    /**
     * The handler that counts one chat listener's connections (OCP, IRC) against the shared caps. {@code refusal}:
     * the protocol's refusal as bytes (the guard sits before the protocol's encoder).
     */
    public ChannelHandler guard(BiFunction<ByteBufAllocator, Refused, ByteBuf> refusal) {
        return new Guard(refusal, Seat.CHAT, peer -> false);
    }

    /**
     * The handler that counts the HTTP listener's connections: against the cap in all and the web places of their
     * address, not the chat seats, until {@link #becomeChat}.
     */
    public ChannelHandler webGuard(BiFunction<ByteBufAllocator, Refused, ByteBuf> refusal) {
        return webGuard(refusal, peer -> false);
    }

    /**
     * The same, in front of a reverse proxy: a connection from an address {@code trustedProxy} accepts takes no web
     * place of that address (everyone behind the proxy would share its places), only one of the cap in all. Its
     * requests say whom they are for ({@link #forwardedFor}), and a WebSocket handshake takes a chat seat of that
     * client's address.
     */
    public ChannelHandler webGuard(
            BiFunction<ByteBufAllocator, Refused, ByteBuf> refusal, Predicate<InetAddress> trustedProxy) {
        return new Guard(refusal, Seat.WEB, trustedProxy);
    }

    /**
     * A web connection becomes a chat connection (its WebSocket handshake request is handed on to the handshake): it
     * takes a chat seat of its address and gives its web place back. Empty when it got the seat; otherwise the cap it
     * would pass, or the throttle's refusal (counted as a refusal, and kept for {@link #chatRefusal}), and it keeps
     * its web place until it closes. Called on the channel's event loop, before the handshake's answer is written, so
     * that no other chat connection from the address can take the seat between the client reading that answer and
     * the seat being counted.
     */
    public Optional<Refused> becomeChat(Channel channel) {
        if (channel.attr(SEAT).get() != Seat.WEB) {
            return Optional.empty(); // counted as chat already (or not counted: a test's pipeline)
        }
        InetAddress address = address(channel);
        AddressKey key = AddressKey.of(address);
        AddressKey webPlace = channel.attr(COUNTED_AS).get();
        boolean seated = take(perAddress, key) <= maxPerAddress;
        OptionalLong wait = seated ? throttle.admit(address) : OptionalLong.empty();
        if (!seated || wait.isPresent()) {
            release(perAddress, key);
            refusedLines.occurred(
                    address.getHostAddress(),
                    seated
                            ? () -> log.info(
                                    "refused a WebSocket chat connection from {}: new connections too fast from that"
                                            + " address (try again in {} s)",
                                    address.getHostAddress(),
                                    wait.getAsLong())
                            : () -> log.info(
                                    "refused a WebSocket chat connection from {}: {} chat connections open from that"
                                            + " address",
                                    address.getHostAddress(),
                                    maxPerAddress),
                    channel.eventLoop());
            Refused over = seated
                    ? new Refused(Reason.TOO_FAST_FROM_ADDRESS, maxPerAddress, wait.getAsLong())
                    : new Refused(Reason.TOO_MANY_FROM_ADDRESS, maxPerAddress, 0);
            refused.get(over.reason()).increment();
            channel.attr(CHAT_REFUSED).set(over);
            return Optional.of(over);
        }
        release(webPerAddress, webPlace);
        web.decrementAndGet();
        channel.attr(SEAT).set(Seat.CHAT);
        channel.attr(COUNTED_AS).set(key);
        channel.attr(CHAT_REFUSED).set(null);
        return Optional.empty();
    }

    /**
     * The cap a web connection's {@link #becomeChat} found it over, if it did: once its handshake is done, it is told
     * so and closed.
     */
    public Optional<Refused> chatRefusal(Channel channel) {
        return Optional.ofNullable(channel.attr(CHAT_REFUSED).get());
    }

    /**
     * {@code channel}, a web connection, has begun to wait for its next request (from its opening, or once an answer
     * is sent): a newcomer over the web connections' share may take its place. On the channel's event loop.
     */
    public void webIdle(Channel channel) {
        if (channel.attr(SEAT).get() != Seat.WEB || channel.hasAttr(EVICTED) || !channel.isActive()) {
            return; // not a web connection (or not counted: a test's pipeline), or already being closed
        }
        if (!webBusy(channel)) {
            return;
        }
        long order = idleOrder.incrementAndGet();
        channel.attr(IDLE).set(order);
        idleWeb.put(order, channel);
    }

    /**
     * {@code channel} has a whole request to answer (or is no longer an HTTP connection): no newcomer may take its
     * place now. False when one took it already: the request goes unanswered and the connection is closed (a client
     * sends a request again on a new connection when a kept-alive one closes before any answer, RFC 9112 9.3.1). On
     * the channel's event loop.
     */
    public boolean webBusy(Channel channel) {
        Long order = channel.hasAttr(IDLE) ? channel.attr(IDLE).getAndSet(null) : null;
        if (order != null && !idleWeb.remove(order, channel)) {
            channel.attr(EVICTED).set(true);
        }
        return !channel.hasAttr(EVICTED);
    }

    /**
     * Closes the web connection that has waited longest for its next request, and gives its places in all and in the
     * web connections' share to the caller; false when none is waiting. Whichever newcomer takes a connection off
     * {@link #idleWeb} owns its places: that connection's own {@link #webBusy} or close finds itself gone from there
     * and gives nothing back.
     */
    private boolean evictLongestIdleWeb() {
        Map.Entry<Long, Channel> longest = idleWeb.pollFirstEntry();
        if (longest == null) {
            return false;
        }
        total.decrementAndGet();
        web.decrementAndGet();
        ServerClose.WEB_IDLE.mark(longest.getValue());
        longest.getValue().close();
        return true;
    }

    /** Web connections waiting for their next request now: those a newcomer over the web share may close. */
    public int idleWebConnections() {
        return idleWeb.size();
    }

    /** Chat connections one address may hold. */
    public int maxPerAddress() {
        return maxPerAddress;
    }

    public int open() {
        return total.get();
    }

    /**
     * Connections let in since the start with {@code transport}: the listener's ({@code ocp}, {@code irc},
     * {@code http}); a WebSocket is accepted as an HTTP connection, before it asks for the upgrade.
     */
    public long accepted(Transport transport) {
        return accepted.get(transport).sum();
    }

    /** Connections the server closed for {@code reason} since the start ({@link ServerClose}). */
    public long closed(ServerClose reason) {
        return closed.get(reason).sum();
    }

    /** Connections refused over {@code reason}'s cap since the start. */
    public long refused(Reason reason) {
        return refused.get(reason).sum();
    }

    @Sharable
    private final class Guard extends ChannelInboundHandlerAdapter {
        private final BiFunction<ByteBufAllocator, Refused, ByteBuf> refusal;
        private final Seat seat;
        private final Predicate<InetAddress> trustedProxy;

        Guard(BiFunction<ByteBufAllocator, Refused, ByteBuf> refusal, Seat seat, Predicate<InetAddress> trustedProxy) {
            this.refusal = refusal;
            this.seat = seat;
            this.trustedProxy = trustedProxy;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            InetAddress address = peer(ctx.channel());
            AddressKey key = AddressKey.of(address);
            int counted = total.incrementAndGet();
            int webCounted = seat == Seat.WEB ? web.incrementAndGet() : 0;
            ctx.channel().attr(SEAT).set(seat);
            boolean proxy = trustedProxy.test(address);
            if (!proxy) {
                ctx.channel().attr(COUNTED_AS).set(key);
            }
            int fromAddress = proxy ? 0 : take(seat == Seat.CHAT ? perAddress : webPerAddress, key);
            int maxFromAddress = seat == Seat.CHAT ? maxPerAddress : maxWebPerAddress;
            if (seat == Seat.WEB
                    && fromAddress <= maxFromAddress
                    && (counted > maxTotal || webCounted > maxWeb)
                    && evictLongestIdleWeb()) {
                counted--; // the closed one's places are this one's
                webCounted--;
            }
            int all = counted;
            int webAll = webCounted;
            Refused over = null;
            if (all > maxTotal || webAll > maxWeb) {
                over = new Refused(Reason.TOO_MANY, maxTotal, 0);
            } else if (fromAddress > maxFromAddress) {
                over = new Refused(
                        seat == Seat.CHAT ? Reason.TOO_MANY_FROM_ADDRESS : Reason.TOO_MANY_WEB_FROM_ADDRESS,
                        maxFromAddress,
                        0);
            } else if (seat == Seat.CHAT) {
                OptionalLong wait = throttle.admit(address);
                if (wait.isPresent()) {
                    over = new Refused(Reason.TOO_FAST_FROM_ADDRESS, maxFromAddress, wait.getAsLong());
                }
            }
            if (over != null) {
                refuse(ctx, over, address, all, webAll, fromAddress);
                return;
            }
            Transport transport = Transport.of(ctx.channel());
            if (transport != null) {
                accepted.get(transport).increment();
            }
            ctx.fireChannelActive();
        }

        /** Says {@code over} in the protocol's words and closes: an orderly close, so the refusal is read. */
        private void refuse(
                ChannelHandlerContext ctx, Refused over, InetAddress address, int all, int webAll, int fromAddress) {
            String kind = seat == Seat.CHAT ? "chat" : "web";
            refusedLines.occurred(
                    AddressKey.of(address).toString(),
                    over.reason() == Reason.TOO_FAST_FROM_ADDRESS
                            ? () -> log.info(
                                    "refused a {} connection from {}: new connections too fast from that address (try"
                                            + " again in {} s)",
                                    kind,
                                    address.getHostAddress(),
                                    over.retryAfterSeconds())
                            : () -> log.info(
                                    "refused a {} connection from {}: {} open in all ({} web), {} from that address",
                                    kind,
                                    address.getHostAddress(),
                                    all,
                                    webAll,
                                    fromAddress),
                    ctx.executor());
            ctx.channel().attr(REFUSED).set(true);
            if (ctx.pipeline().get(SslHandler.class) == null) {
                ctx.channel().config().setAutoRead(false);
            }
            refused.get(over.reason()).increment();
            // An orderly close: a client whose first request is already on its way still reads the refusal.
            LingeringClose.closeAfter(ctx.writeAndFlush(refusal.apply(ctx.alloc(), over)), ServerConfig.CLOSE_LINGER);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ctx.channel().hasAttr(REFUSED)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            boolean wasWeb = ctx.channel().attr(SEAT).get() == Seat.WEB;
            if (webBusy(ctx.channel())) {
                total.decrementAndGet();
                if (wasWeb) {
                    web.decrementAndGet();
                }
            } // else a newcomer took its places (evictLongestIdleWeb)
            ServerClose closedFor = ServerClose.of(ctx.channel());
            if (closedFor != null) {
                closed.get(closedFor).increment();
            }
            release(
                    wasWeb ? webPerAddress : perAddress,
                    ctx.channel().attr(COUNTED_AS).get());
            ctx.fireChannelInactive();
        }
    }

    /** One more for {@code address}; the new count. Atomic, as is {@link #release}: no count lost to a removal. */
    private static int take(ConcurrentHashMap<AddressKey, Integer> counts, AddressKey address) {
        return counts.merge(address, 1, Integer::sum);
    }

    private static void release(ConcurrentHashMap<AddressKey, Integer> counts, AddressKey address) {
        if (address == null) {
            return; // a trusted proxy's web connection: it took no place of an address
        }
        counts.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
    }

    /**
     * The client's IP address: the one a trusted reverse proxy forwarded for the connection's request
     * ({@link #forwardedFor}), else the peer's. Every per-address rule uses it (counting by {@link AddressKey}): the
     * chat seats, bans, the
     * administrator's lockout, {@code /metrics}' allow-list, WHOIS and the logs.
     */
    public static InetAddress address(Channel channel) {
        InetAddress client = channel.hasAttr(CLIENT) ? channel.attr(CLIENT).get() : null;
        return client != null ? client : peer(channel);
    }

    /**
     * Takes {@code client} as the connection's client from now on (a request from a trusted proxy said whom it is
     * for); null: the peer is the client. Called on the channel's event loop, for each request, before it is
     * answered or handed on to the WebSocket handshake.
     */
    public static void forwardedFor(Channel channel, InetAddress client) {
        channel.attr(CLIENT).set(client);
    }

    /** The peer's IP address; loopback for transports without one (an EmbeddedChannel in tests). */
    public static InetAddress peer(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
    }
}
