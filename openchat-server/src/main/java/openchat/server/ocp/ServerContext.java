package openchat.server.ocp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import java.util.function.Consumer;
import java.util.function.Supplier;
import openchat.core.Chat;
import openchat.core.Refusal;
import openchat.server.config.Motd;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ChannelFanout;

/**
 * What every OCP session shares: the chat core, the fanout (where a session's answers wait behind a history replay it
 * queued), the config, the texts, the set of open connections, the connection limits, the way to stop the server,
 * where refusals are counted (the metrics), and the message of the day.
 */
record ServerContext(
        ServerConfig config,
        Chat<Channel> core,
        ChannelFanout fanout,
        ServerText text,
        ChannelGroup connections,
        ChannelHandler limiter,
        ShutdownTrigger shutdown,
        Consumer<Refusal.Reason> refusals,
        Supplier<Motd> motd) {

    /** Starts stopping the server; returns at once. */
    @FunctionalInterface
    interface ShutdownTrigger {
        void shutdown(String reason);
    }
}
