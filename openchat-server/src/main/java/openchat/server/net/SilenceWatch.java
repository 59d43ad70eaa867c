package openchat.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Watches a connection for silence, with one timer: each time nothing has been read for another ping interval it
 * fires an {@link IdleStateEvent} (the session sends PING), and after the idle timeout without a byte it fires a
 * {@link ReadTimeoutException} and closes the connection. It does what Netty's {@code IdleStateHandler} and
 * {@code ReadTimeoutHandler} together did, but as one inbound-only handler: every write of a broadcast used to
 * pass through both of them on its way out, and each connection held two timers.
 *
 * <p>It also answers a {@link GhostCheck}: whether this connection's member, whose name a newcomer asks for, is still
 * there. Asked when it read something within the probe time, it says so at once; else it has the session send PING
 * (the same {@link IdleStateEvent}) and waits the probe time for any byte, one probe at a time.
 */
public final class SilenceWatch extends ChannelInboundHandlerAdapter {
    private final long pingNanos;
    private final long idleNanos;

    private Ticker ticker;
    private long lastRead;
    /** Ping intervals of this silence already told. */
    private long told;

    private ScheduledFuture<?> check;

    private ChannelHandlerContext ctx;
    /** Newcomers waiting for the probe in flight, in the order they asked; null while none is. */
    private List<GhostCheck.Asker> askers;
    /** Ends the probe in flight unanswered. */
    private ScheduledFuture<?> probeEnd;

    public SilenceWatch(long pingInterval, long idleTimeout, TimeUnit unit) {
        this.pingNanos = unit.toNanos(pingInterval);
        this.idleNanos = unit.toNanos(idleTimeout);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
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
        if (askers != null) {
            endProbe(false); // it answered, or said something: there
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
        // After the session has let its member go: the name is free now for the newcomer the probe was for.
        endProbe(true);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
        endProbe(false);
    }

    /**
     * A newcomer asks for this connection's member's name ({@link GhostCheck#ask}); on this connection's event loop.
     */
    void probe(GhostCheck.Asker asker, long probeNanos) {
        if (askers != null) {
            askers.add(asker); // one probe at a time: this one waits for the outcome of the one in flight
            return;
        }
        if (ticker == null || ticker.nanoTime() - lastRead < probeNanos) {
            asker.tell(GhostCheck.Outcome.HELD); // it spoke lately: no need to ask it
            return;
        }
        askers = new ArrayList<>();
        askers.add(asker);
        probeEnd = ctx.executor().schedule(this::unanswered, probeNanos, TimeUnit.NANOSECONDS);
        ctx.fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT); // the session sends its PING
    }

    /** The probe time passed without a byte: a ghost. Its askers are told once the connection is inactive. */
    private void unanswered() {
        probeEnd = null;
        if (askers == null || !ctx.channel().isOpen()) {
            return;
        }
        ctx.fireUserEventTriggered(GhostCheck.Signal.UNANSWERED);
        ctx.close();
    }

    /**
     * The probe in flight, if any, is over: with {@code freed}, the first newcomer still waiting may take the name and
     * the others may not; else the name stays taken for all of them.
     */
    private void endProbe(boolean freed) {
        if (askers == null) {
            return;
        }
        List<GhostCheck.Asker> waiting = askers;
        askers = null;
        if (probeEnd != null) {
            probeEnd.cancel(false);
            probeEnd = null;
        }
        boolean given = !freed;
        for (GhostCheck.Asker asker : waiting) {
            if (!given && asker.waiting()) {
                given = true;
                asker.tell(GhostCheck.Outcome.FREED);
            } else {
                asker.tell(GhostCheck.Outcome.HELD);
            }
        }
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
        check = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
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
