package openchat.server.ocp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.group.ChannelGroup;
import openchat.core.ChatCore;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;

/**
 * What every OCP session shares: the chat core, the config, the texts, the set of open connections, the
 * connection limits, and the way to stop the server.
 */
record ServerContext(
        ServerConfig config,
        ChatCore<Channel> core,
        ServerText text,
        ChannelGroup connections,
        ChannelHandler limiter,
        ShutdownTrigger shutdown) {

    /** Starts stopping the server; returns at once. */
    @FunctionalInterface
    interface ShutdownTrigger {
        void shutdown(String reason);
    }
}
