package openchat.server.irc;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import openchat.server.net.ReadClock;
import openchat.server.net.SilenceWatch;
import openchat.server.net.Transport;

/** Assembles one IRC connection's pipeline. No logic lives here. */
final class IrcChannelInitializer extends ChannelInitializer<Channel> {
    private final IrcContext server;
    private final Supplier<SslContext> tls;

    /** {@code tls} null: plain TCP. */
    IrcChannelInitializer(IrcContext server, Supplier<SslContext> tls) {
        this.server = server;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        server.connections().add(channel);
        Transport.IRC.set(channel);
        if (tls != null) {
            channel.pipeline().addLast("tls", tls.get().newHandler(channel.alloc()));
        }
        // Refuses a connection over the total or per-address cap (shared with OCP): ERROR, close.
        channel.pipeline().addLast("limiter", server.limiter());
        addProtocol(channel.pipeline(), server);
    }

    /** IRC's own handlers, after whatever delivers the bytes (TCP and the limiter, or a WebSocket). */
    static void addProtocol(ChannelPipeline pipeline, IrcContext server) {
        long ping = server.config().pingInterval().toMillis();
        long idle = server.config().idleTimeout().toMillis();
        pipeline
                // Each read's lines stamped with one reading of the clock.
                .addLast("read-time", ReadClock.READS)
                // A connection silent for the ping interval: the session sends PING; for the idle timeout (no
                // PONG either): dropped.
                .addLast("silence", new SilenceWatch(ping, idle, TimeUnit.MILLISECONDS))
                // Cuts lines at LF, each to an IrcMessage or a BadLine (too long, not UTF-8, malformed); a longer
                // line than tags and 512 bytes allow is skipped and reported (417); a line not whole within the
                // header deadline of its first byte is reported to the session, which ends the connection (slowloris).
                .addLast("framer", new IrcFramer(server.config().headerDeadline()))
                // Commands to the chat core; numerics back; the connection's way out of the chat.
                .addLast("session", new IrcSession(server));
    }
}
