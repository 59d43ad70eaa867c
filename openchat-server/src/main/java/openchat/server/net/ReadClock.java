package openchat.server.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The core's clock: while an event loop handles what it read from a connection ({@link #READS} marks that span),
 * {@link #millis} is the time of the first reading in it, so that the lines of one read are stamped (and metered by
 * flood control) with one reading of the clock, as C servers read the time once per pass of their loop; anywhere else,
 * the given clock's time. A busy server reads dozens of lines per read: reading the clock for each was 2–3 % of its
 * core at N=5 (docs/BENCHMARKS.md, "What each optimisation changed"). {@link #instant} is always the given clock's,
 * to the nanosecond.
 */
public final class ReadClock extends Clock {
    /**
     * Marks the span of each read, at the front of a protocol's pipeline: the lines decoded from it and the core's
     * work for them run inside. Holds nothing of its own; shared by every connection.
     */
    public static final ChannelHandler READS = new Reads();

    /** Per event loop thread: how deep in reads it is, and the reading taken in the current one (by which clock). */
    private static final class Reading {
        private int depth;
        private ReadClock by;
        private long millis;
    }

    private static final FastThreadLocal<Reading> READING = new FastThreadLocal<>() {
        @Override
        protected Reading initialValue() {
            return new Reading();
        }
    };

    private final Clock base;

    public ReadClock(Clock base) {
        this.base = base;
    }

    @Override
    @SuppressWarnings("ReferenceEquality") // this clock's reading, not an equal clock's
    public long millis() {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            Reading reading = READING.get();
            if (reading.depth > 0) {
                if (reading.by != this) {
                    reading.by = this;
                    reading.millis = base.millis();
                }
                return reading.millis;
            }
        }
        return base.millis();
    }

    @Override
    public Instant instant() {
        return base.instant();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ReadClock(base.withZone(zone));
    }

    @ChannelHandler.Sharable
    private static final class Reads extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            Reading reading = READING.get();
            reading.depth++;
            try {
                ctx.fireChannelRead(message);
            } finally {
                if (--reading.depth == 0) {
                    reading.by = null;
                }
            }
        }
    }
}
