package openchat.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * Watches a connection for silence, with one timer: each time nothing has been read for another ping interval it
 * fires an {@link IdleStateEvent} (the session sends PING), and after the idle timeout without a byte it fires a
 * {@link ReadTimeoutException} and closes the connection. It does what Netty's {@code IdleStateHandler} and
 * {@code ReadTimeoutHandler} together did, but as one inbound-only handler: every write of a broadcast used to
 * pass through both of them on its way out, and each connection held two timers.
 */
public final class SilenceWatch extends ChannelInboundHandlerAdapter {
    private final long pingNanos;
    private final long idleNanos;

    private Ticker ticker;
    private long lastRead;
    /** Ping intervals of this silence already told. */
    private long told;

    private ScheduledFuture<?> check;

    public SilenceWatch(long pingInterval, long idleTimeout, TimeUnit unit) {
        this.pingNanos = unit.toNanos(pingInterval);
        this.idleNanos = unit.toNanos(idleTimeout);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (ticker != null) {
            lastRead = ticker.nanoTime();
            told = 0;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void start(ChannelHandlerContext ctx) {
        if (ticker != null) {
            return;
        }
        ticker = ctx.executor().ticker();
        lastRead = ticker.nanoTime();
        schedule(ctx, pingNanos);
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> check(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        long silent = ticker.nanoTime() - lastRead;
        if (silent >= idleNanos) {
            ctx.fireExceptionCaught(ReadTimeoutException.INSTANCE);
            ctx.close();
            return;
        }
        long intervals = silent / pingNanos;
        if (intervals > told) {
            told = intervals;
            ctx.fireUserEventTriggered(
                    intervals == 1
                            ? IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT
                            : IdleStateEvent.READER_IDLE_STATE_EVENT);
        }
        long nextPing = (told + 1) * pingNanos - silent;
        schedule(ctx, Math.max(1, Math.min(nextPing, idleNanos - silent)));
    }
}
