package openchat.server.net;

import io.netty.channel.ChannelHandlerContext;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;

/**
 * One connection's fakelag, for any protocol: a request (an OCP request, an IRC line) that finds the connection's
 * {@link RequestPace} spent, or that the session holds back itself (IRC's lines over the chat rate, until the core's
 * Retry-After), waits with every request after it, in order, and the connection is not read meanwhile. When the wait
 * is over the held requests are handled in order, each in its turn of the pace, until one is held again; past
 * {@code most} waiting, the session is told to end the connection for flooding. Lives on the connection's event loop.
 */
public final class HeldRequests {
    /** What a session does with the requests this holds back. */
    public interface Session {
        /** Handles {@code request} now: its turn has come. */
        void handle(ChannelHandlerContext ctx, Object request);

        /** Whether the requests are exempt from the pace (the administrator's). */
        boolean exempt();

        /** Whether the session has ended: nothing held is handled any more. */
        boolean ended();

        /** More than {@code most} requests wait, {@code last} the one over: the session ends the connection. */
        void tooMany(ChannelHandlerContext ctx, Object last, int most);
    }

    /**
     * The requests waiting, while {@link #holding} (null otherwise): most connections are never held, and an idle
     * one would keep an empty deque of 16 slots, about 110 bytes, for nothing.
     */
    private ArrayDeque<Object> held;

    private final RequestPace pace;
    private final int most;
    private final Session session;
    private ChannelHandlerContext ctx;
    private boolean holding;

    public HeldRequests(FloodControl floodControl, int most, Session session) {
        this.pace = RequestPace.of(floodControl);
        this.most = most;
        this.session = session;
    }

    /** A request read from the connection: handled now, or held behind those waiting or for its turn. */
    public void offer(ChannelHandlerContext ctx, Object request) {
        if (holding) {
            held.addLast(request);
            if (held.size() > most) {
                held.clear();
                session.tooMany(ctx, request, most);
            }
            return;
        }
        long wait = pace.waitMillis(session.exempt());
        if (wait > 0) {
            holdFor(ctx, request, wait);
        } else {
            session.handle(ctx, request);
        }
    }

    /** Holds {@code first} and every request after it, and stops reading, for {@code millis}. */
    public void holdFor(ChannelHandlerContext ctx, Object first, long millis) {
        startHolding(ctx);
        held.addFirst(first);
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(this::resume, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Holds every request from now on, and stops reading, until {@link #release}: the request being handled waits for
     * something of its own (a CONNECT for its name's {@link GhostCheck}), and those after it are answered after it.
     */
    public void hold(ChannelHandlerContext ctx) {
        startHolding(ctx);
        ctx.channel().config().setAutoRead(false);
    }

    private void startHolding(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        holding = true;
        if (held == null) {
            held = new ArrayDeque<>();
        }
    }

    /** The wait {@link #hold} began is over: the held requests are handled, in order, each in its turn. */
    public void release() {
        resume();
    }

    /** The connection is gone: what waits is dropped. */
    public void clear() {
        if (held != null) {
            held.clear();
        }
    }

    /** The wait is over: handles the held requests in order, each in its turn, until one is held again. */
    private void resume() {
        holding = false;
        while (!holding
                && !session.ended()
                && held != null
                && !held.isEmpty()
                && ctx.channel().isActive()) {
            long wait = pace.waitMillis(session.exempt());
            if (wait > 0) {
                holdFor(ctx, held.removeFirst(), wait);
            } else {
                session.handle(ctx, held.removeFirst());
            }
        }
        if (!holding) {
            held = null;
            if (!session.ended() && ctx.channel().isActive()) {
                ctx.channel().config().setAutoRead(true);
            }
        }
    }
}
