package openchat.server.irc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import java.time.OffsetDateTime;
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
import openchat.server.net.ConsoleFeed;
import openchat.server.net.ShutdownRequest;

/**
 * What every IRC session shares: the config, the server's and the network's names, the chat core, the texts, the encoders, the fanout (where a session's
 * answers take their place among its events), the open connections, the connection caps (shared with the other
 * listeners), the administrator's key check, the IRC-over-TLS port ({@link ServerConfig#OFF} without
 * TLS), where the key must come from another machine, when the server started, the way to stop it, the message of
 * the day, SIGHUP's reload (REHASH), where the clients that quit had read up to ({@link IrcReplayMarks}), and which
 * rooms are registered, as far as the listener has seen ({@link IrcRegisteredRooms}, which the encoders share), and
 * every session's MONITOR list by the names watched ({@link IrcMonitors}), and the console's status lines, which the
 * administrator's {@code +s} watches ({@link IrcServerNotices}).
 */
record IrcContext(
        ServerConfig config,
        IrcNames names,
        Chat<Channel> core,
        ChannelFanout fanout,
        ServerText text,
        IrcEvents.ByCapabilities encoders,
        IrcEvents.ByCapabilities webSocketEncoders,
        ChannelGroup connections,
        ChannelHandler limiter,
        Predicate<String> adminKey,
        IntSupplier tlsPort,
        OffsetDateTime started,
        String version,
        ShutdownRequest shutdown,
        Consumer<Refusal.Reason> refusals,
        Supplier<Motd> motd,
        Supplier<java.util.List<String>> reload,
        IrcReplayMarks replayMarks,
        IrcRegisteredRooms registeredRooms,
        IrcMonitors monitors,
        ConsoleFeed consoleFeed) {}
