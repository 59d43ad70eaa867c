package openchat.server.ocp;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import openchat.core.ChatCore;
import openchat.core.Fanout;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ConnectionLimiter;

/** The OCP adapter's public face for {@link openchat.server.ChatServer}: its pipeline and its fanout. */
public final class OcpListener {
    private OcpListener() {}

    public static Fanout<Channel> fanout(ByteBufAllocator allocator) {
        return new ChannelFanout(allocator);
    }

    /** The pipeline of every OCP connection; {@code tls} null: plain TCP. */
    public static ChannelInitializer<Channel> initializer(
            ServerConfig config,
            ChatCore<Channel> core,
            ServerText text,
            ChannelGroup connections,
            SslContext tls,
            ShutdownRequest shutdown) {
        ConnectionLimiter limiter = new ConnectionLimiter(
                config.maxConnections(),
                config.maxConnectionsPerAddress(),
                (allocator, reason) -> OcpEncoder.encode(
                        allocator,
                        OcpMessage.response(Status.SERVICE_UNAVAILABLE)
                                .body(text.get(reason.textKey(), config.maxConnectionsPerAddress()))
                                .build()));
        return new OcpChannelInitializer(
                new ServerContext(config, core, text, connections, limiter, shutdown::shutdown), tls);
    }

    /** How a session asks the server to stop. */
    @FunctionalInterface
    public interface ShutdownRequest {
        void shutdown(String reason);
    }
}
