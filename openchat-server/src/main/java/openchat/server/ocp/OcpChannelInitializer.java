package openchat.server.ocp;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpEncoder;
import openchat.server.net.EventEncoder;
import openchat.server.net.ReadClock;
import openchat.server.net.SilenceWatch;
import openchat.server.net.Transport;

/** Assembles one OCP connection's pipeline. No logic lives here. */
final class OcpChannelInitializer extends ChannelInitializer<Channel> {
    private static final OcpEncoder ENCODER = new OcpEncoder();

    private final ServerContext server;
    private final Supplier<SslContext> tls;
    private final OtherClientOnOcpPort otherClient;

    /** {@code tls} null: plain TCP; {@code otherClient}: answers an IRC client or a browser on this port. */
    OcpChannelInitializer(ServerContext server, Supplier<SslContext> tls, OtherClientOnOcpPort otherClient) {
        this.server = server;
        this.tls = tls;
        this.otherClient = otherClient;
    }

    @Override
    protected void initChannel(Channel channel) {
        server.connections().add(channel);
        Transport.OCP.set(channel);
        if (tls != null) {
            // TLS first, so everything after it, refusals included, is encrypted.
            channel.pipeline().addLast("tls", tls.get().newHandler(channel.alloc()));
        }
        // Refuses a connection over the total or per-address cap: 503 (after the TLS handshake), close.
        channel.pipeline().addLast("limiter", server.limiter());
        // An IRC client or a browser on this port is told, in its protocol, which port to use.
        channel.pipeline().addLast("other-client", otherClient);
        addProtocol(channel.pipeline(), server);
    }

    /** OCP's own handlers, after whatever delivers the bytes (TCP and the limiter, or a WebSocket). */
    static void addProtocol(ChannelPipeline pipeline, ServerContext server) {
        EventEncoder.set(pipeline.channel(), EventMessages.ENCODER);
        long ping = server.config().pingInterval().toMillis();
        long idle = server.config().idleTimeout().toMillis();
        OcpDecoder decoder = new OcpDecoder(server.config().decoder());
        pipeline
                // Each read's requests stamped with one reading of the clock.
                .addLast("read-time", ReadClock.READS)
                // A connection silent for the ping interval: the session sends PING; for the idle timeout (no
                // answer to PING either): dropped.
                .addLast("silence", new SilenceWatch(ping, idle, TimeUnit.MILLISECONDS))
                // Closes a connection whose header section trickles in past the deadline (slowloris).
                .addLast(
                        "slow-header",
                        new SlowHeaderGuard(
                                decoder, server.config().headerDeadline().toMillis(), server.text()))
                // Bytes to OcpMessage, or MalformedMessage; enforces the header and body limits.
                .addLast("decoder", decoder)
                // OcpMessage to bytes; already-encoded broadcasts pass through.
                .addLast("encoder", ENCODER)
                // Requests to the chat core; answers; the connection's way out of the chat.
                .addLast("session", new OcpSession(server));
    }
}
