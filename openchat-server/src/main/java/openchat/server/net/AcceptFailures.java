package openchat.server.net;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import openchat.transport.SocketErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On each listening socket (a handler of the server channel, not of its connections): an accept that failed for want
 * of file descriptors ("Too many open files", the process's {@code ulimit -n} or the system's limit reached) is said
 * in one plain WARN line naming the limit, {@code --max-connections} and how to raise it, at most once a minute
 * ({@link ThrottledLog}: the first at once, then the count since), and counted
 * ({@code openchat_connections_refused_total{reason="fd_limit"}}), instead of reaching the end of the pipeline, where
 * Netty logs its stack trace. The socket then stops accepting for {@link #PAUSE}, as Netty's own acceptor does after
 * any failed accept (this handler sits before it, so it does not see these): the connection waits in the backlog
 * and is taken once a descriptor is free. Any other failure goes on down the pipeline as before.
 */
@Sharable
public final class AcceptFailures extends ChannelInboundHandlerAdapter {
    /** How long a listening socket rests after running out of descriptors: Netty's acceptor's second. */
    static final long PAUSE_SECONDS = 1;

    private static final Logger log = LoggerFactory.getLogger(AcceptFailures.class);

    private final int maxConnections;
    private final OptionalLong descriptorLimit;
    private final Runnable counted;
    private final ThrottledLog<String> lines = new ThrottledLog<>((count, top) -> log.warn(
            "could not accept a connection {} more times for want of file descriptors in the last minute, on {}",
            count,
            top));

    /**
     * {@code maxConnections}: the server's cap in all, named in the line; {@code descriptorLimit}: the process's
     * limit, when known; {@code counted}: told of each failure (the metrics).
     */
    public AcceptFailures(int maxConnections, OptionalLong descriptorLimit, Runnable counted) {
        this.maxConnections = maxConnections;
        this.descriptorLimit = descriptorLimit;
        this.counted = counted;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!SocketErrors.outOfDescriptors(cause)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        counted.run();
        String listener = shown(ctx.channel().localAddress());
        lines.occurred(listener, () -> log.warn(line(listener, SocketErrors.reason(cause))), ctx.executor());
        pause(ctx);
    }

    /** {@code 127.0.0.1:3000}, {@code [::1]:3000}: without the slash {@link InetSocketAddress#toString} puts first. */
    private static String shown(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String host = inet.getAddress().getHostAddress();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private String line(String listener, String reason) {
        String limit = descriptorLimit.isPresent()
                ? "this process may have " + descriptorLimit.getAsLong() + " files open"
                : "this process has as many files open as it may";
        return "cannot accept connections on " + listener + ": " + reason + " (" + limit + "; --max-connections is "
                + maxConnections + "): raise the limit (ulimit -n in the shell that starts the server, LimitNOFILE="
                + " in its systemd unit) or lower --max-connections; trying again in " + PAUSE_SECONDS + " s";
    }

    private static void pause(ChannelHandlerContext ctx) {
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            config.setAutoRead(false);
            ctx.executor().schedule(() -> config.setAutoRead(true), PAUSE_SECONDS, TimeUnit.SECONDS);
        }
    }
}
