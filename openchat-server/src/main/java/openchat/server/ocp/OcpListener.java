package openchat.server.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.time.Clock;
import openchat.server.AdminKey;
import openchat.server.ServerConfig;
import openchat.server.ServerText;
import openchat.server.limits.AdminAttempts;
import openchat.server.room.Fanout;
import openchat.server.room.Room;

/** The network layer's public face for {@link openchat.server.ChatServer}: its pipeline and its fanout. */
public final class ServerChannels {
    private ServerChannels() {
    }

    public static Fanout<Channel> fanout(ByteBufAllocator allocator) {
        return new ChannelFanout(allocator);
    }

    public static ChannelInitializer<SocketChannel> initializer(ServerConfig config, Room<Channel> lobby,
            AdminKey adminKey, ServerText text, ChannelGroup connections, Clock clock, SslContext tls,
            ShutdownRequest shutdown) {
        ConnectionLimiter limiter =
                new ConnectionLimiter(config.maxConnections(), config.maxConnectionsPerAddress(), text);
        AdminAttempts adminAttempts = new AdminAttempts(config.adminMaxFailures(),
                config.adminLockout().toMillis(), config.adminLockout().toMillis());
        return new ChatServerInitializer(new ServerContext(config, lobby, adminKey, text, connections, limiter,
                adminAttempts, clock, shutdown::shutdown), tls);
    }

    /** How a session asks the server to stop. ({@code tls} above may be null: plain TCP.) */
    @FunctionalInterface
    public interface ShutdownRequest {
        void shutdown(String reason);
    }
}
