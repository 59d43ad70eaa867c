package openchat.server.irc;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import openchat.core.Chat;
import openchat.core.Refusal;
import openchat.server.config.Motd;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ChannelFanout;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.ConsoleFeed;
import openchat.server.net.ShutdownRequest;
import openchat.server.net.Transport;

/**
 * The IRC adapter's public face for {@link openchat.server.ChatServer}: the pipeline of IRC connections, an
 * adapter over the same chat core as OCP (docs/IRC.md).
 */
public final class IrcListener {
    /** An IRC line without its tags, CR LF included (RFC 1459 and the Modern IRC document). */
    public static final int MAX_LINE_BYTES = 512;
    /** An IRC line's tags section, its {@code @} and the space after it included (IRCv3 message-tags). */
    public static final int MAX_TAG_BYTES = 8191;
    /** Targets one PRIVMSG or NOTICE may name ({@code TARGMAX}, {@code MAXTARGETS}). */
    public static final int MAX_TARGETS = 4;
    /** Names one connection's MONITOR list holds ({@code MONITOR} in ISUPPORT; 734 past it), as ergo's default. */
    public static final int MAX_MONITOR = 100;

    private final IrcContext context;

    /**
     * The IRC adapter of one server. {@code fanout}: the core's, where answers take their place among the events;
     * {@code limits}: the connection caps, shared with the other listeners; {@code adminKey} checks OPER's key;
     * {@code tlsPort}: the IRC-over-TLS listener's port, or {@link ServerConfig#OFF}: while it is open, the key is
     * refused over a plain connection from another machine;
     * {@code version} is what VERSION and the welcome show; {@code motd} the message of the day as it is now;
     * {@code reload} is SIGHUP's, for REHASH; {@code consoleFeed} the console's status lines, which the administrator
     * gets as server notices while it has user mode {@code +s}.
     */
    public IrcListener(
            ServerConfig config,
            Chat<Channel> core,
            ChannelFanout fanout,
            ServerText text,
            ChannelGroup connections,
            ConnectionLimiter limits,
            Predicate<String> adminKey,
            IntSupplier tlsPort,
            String version,
            ShutdownRequest shutdown,
            Consumer<Refusal.Reason> refusals,
            Supplier<Motd> motd,
            Supplier<List<String>> reload,
            IrcReplayMarks replayMarks,
            ConsoleFeed consoleFeed) {
        ChannelHandler limiter = limits.guard((ByteBufAllocator allocator, ConnectionLimiter.Refused refused) ->
                IrcEvents.write(allocator, List.of(IrcMessage.of(null, "ERROR", refused.text(text)))));
        IrcNames names = IrcNames.of(config);
        IrcRegisteredRooms registeredRooms = new IrcRegisteredRooms();
        IrcMonitors monitors = new IrcMonitors();
        core.watchPresence(monitors);
        this.context = new IrcContext(
                config,
                names,
                core,
                fanout,
                text,
                new IrcEvents.ByCapabilities(text, names, Transport.IRC.label(), registeredRooms),
                new IrcEvents.ByCapabilities(text, names, Transport.WEBSOCKET.label(), registeredRooms),
                connections,
                limiter,
                adminKey,
                tlsPort,
                OffsetDateTime.now(),
                version,
                shutdown,
                refusals,
                motd,
                reload,
                replayMarks,
                registeredRooms,
                monitors,
                consoleFeed);
    }

    /** Every session's MONITOR list, by the names watched: for tests (a session's list dies with it). */
    IrcMonitors monitors() {
        return context.monitors();
    }

    /** The pipeline of every IRC connection of one port; {@code tls} null: plain TCP; else asked for the context as each connection comes. */
    public ChannelInitializer<Channel> initializer(Supplier<SslContext> tls) {
        return new IrcChannelInitializer(context, tls);
    }

    /**
     * Adds IRC's handlers (heartbeat, line framing, decoder, session) to a pipeline whose earlier handlers already
     * deliver the connection's bytes as CR LF lines: a WebSocket carrying IRC. The caller fires channelActive.
     */
    public void addTo(ChannelPipeline pipeline) {
        IrcChannelInitializer.addProtocol(pipeline, context);
    }
}
