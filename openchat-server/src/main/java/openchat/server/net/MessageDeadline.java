package openchat.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The time a message that has begun to arrive (an IRC line, a WebSocket message) has to arrive whole: from the read
 * that brought its first byte, the same deadline an OCP header section has ({@code ServerConfig.headerDeadline},
 * {@code SlowHeaderGuard}). A client that sends the start of a line and then a byte every few seconds, or nothing,
 * would otherwise hold its connection for as long as it likes: each byte resets the silence watch (a slowloris).
 * When the deadline passes with the message still not whole, {@code expired} runs, once; the protocol's handler
 * answers as its protocol answers a timeout and closes.
 *
 * <p>It costs nothing per message. The framing handler tells it after each read whether a message is left part-way;
 * it reads the clock only when a read leaves a message part-way that began in that read, and it has one timer, set
 * when a message is left part-way and none is pending: when the timer fires it looks at whatever message is part-way
 * then, and sets itself again for that one's deadline. A connection whose reads keep ending in the middle of a line
 * (a busy client, reads cut by TCP) has one timer per deadline, not one per read or per line.
 *
 * <p>While the server does not read the connection (fakelag: a session holding requests back turns auto-read off),
 * the rest of the message may be waiting unread in the socket: when the timer finds the connection unread, or read
 * again since it last found it unread (the socket may not have been read yet), the message's time starts again. The
 * lines a client can have held are bounded ({@code maxHeldRequests}), so this lengthens its time by the wait for
 * them and a deadline at most. Lives on the connection's event loop.
 */
public final class MessageDeadline {
    private final long deadlineNanos;
    private final Runnable expired;

    private ChannelHandlerContext ctx;
    private Ticker ticker;
    /** A message is part-way, begun at {@link #since}. */
    private boolean underway;

    private long since;
    private ScheduledFuture<?> timer;
    /** The timer found the connection unread when it last looked. */
    private boolean unread;

    /** {@code expired} runs on the event loop when a message is still part-way {@code deadline} after it began. */
    public MessageDeadline(Duration deadline, Runnable expired) {
        this.deadlineNanos = deadline.toNanos();
        this.expired = expired;
    }

    /**
     * What a read (its bytes handed on through the framing handler) left: {@code partLeft}, whether a message is
     * part-way now; {@code ended}, whether the read ended a message, so that the part-way one, if any, began in it.
     */
    public void afterRead(ChannelHandlerContext ctx, boolean partLeft, boolean ended) {
        if (!partLeft) {
            underway = false;
            return;
        }
        if (!underway || ended) {
            underway = true;
            if (ticker == null) {
                this.ctx = ctx;
                ticker = ctx.executor().ticker();
            }
            since = ticker.nanoTime();
            unread = false;
        }
        if (timer == null) {
            timer = ctx.executor().schedule(this::check, deadlineNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The connection is gone, or its framing handler: no deadline any more. */
    public void stop() {
        underway = false;
        unread = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void check() {
        timer = null;
        if (!underway || !ctx.channel().isActive()) {
            return;
        }
        long now = ticker.nanoTime();
        boolean wasUnread = unread;
        unread = !ctx.channel().config().isAutoRead();
        if (unread || wasUnread) {
            since = now; // what ends the message may be waiting unread: the server has not been reading it
        }
        long left = since + deadlineNanos - now;
        if (left > 0) {
            timer = ctx.executor().schedule(this::check, left, TimeUnit.NANOSECONDS);
            return;
        }
        underway = false;
        expired.run();
    }
}
