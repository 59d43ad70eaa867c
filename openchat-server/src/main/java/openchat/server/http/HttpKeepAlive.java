package openchat.server.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import openchat.server.net.ConnectionLimiter;

/**
 * Closes a web connection that has not sent a whole request within the keep-alive time
 * ({@link openchat.server.config.ServerConfig#WEB_KEEP_ALIVE}) of its opening or of its last answer: a browser's idle
 * keep-alive connection, and one whose request trickles in byte by byte (a read timeout, which any byte resets,
 * would keep that one forever). The clock stops while a request is being answered. Sits behind the aggregator, so
 * it sees whole requests; the WebSocket bridge removes it when the connection becomes a chat connection, which has
 * its own heartbeat.
 *
 * <p>While its clock runs the connection is idle, and a newcomer over the web connections' share may take its place
 * ({@link ConnectionLimiter#webIdle}); a request that arrives after that is dropped, as the connection closes.
 */
final class HttpKeepAlive extends ChannelDuplexHandler {
    static final String NAME = "http-keep-alive";

    private final long timeoutMillis;
    private final ConnectionLimiter limits;
    private ScheduledFuture<?> deadline;

    HttpKeepAlive(long timeoutMillis, ConnectionLimiter limits) {
        this.timeoutMillis = timeoutMillis;
        this.limits = limits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof FullHttpRequest) {
            stop(ctx);
            if (!limits.webBusy(ctx.channel())) {
                ReferenceCountUtil.release(message); // a newcomer took this connection's place: it is closing
                return;
            }
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent) {
            // The answer's last byte is sent: the wait for the next request begins.
            ctx.write(message, promise.unvoid()).addListener(written -> {
                if (ctx.channel().isActive() && !ctx.isRemoved()) {
                    start(ctx);
                }
            });
            return;
        }
        ctx.write(message, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop(ctx);
        ctx.fireChannelInactive();
    }

    private void start(ChannelHandlerContext ctx) {
        stop(ctx);
        deadline = ctx.executor().schedule(() -> ctx.channel().close(), timeoutMillis, TimeUnit.MILLISECONDS);
        limits.webIdle(ctx.channel());
    }

    private void stop(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        limits.webBusy(ctx.channel());
    }
}
