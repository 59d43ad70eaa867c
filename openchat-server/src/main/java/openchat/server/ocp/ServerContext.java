package openchat.server.net;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import java.time.Clock;
import openchat.server.AdminKey;
import openchat.server.ServerConfig;
import openchat.server.ServerText;
import openchat.server.limits.AdminAttempts;
import openchat.server.room.Room;

/**
 * What every session shares: the room, the key, the config, the texts, the set of open connections, the
 * limits kept across connections, the clock, and the way to stop the server.
 */
record ServerContext(
        ServerConfig config,
        Room<Channel> lobby,
        AdminKey adminKey,
        ServerText text,
        ChannelGroup connections,
        ConnectionLimiter limiter,
        AdminAttempts adminAttempts,
        Clock clock,
        ShutdownTrigger shutdown) {

    /** Starts stopping the server; returns at once. */
    @FunctionalInterface
    interface ShutdownTrigger {
        void shutdown(String reason);
    }
}
