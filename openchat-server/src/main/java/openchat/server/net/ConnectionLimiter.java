package openchat.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps open connections, in all and per IP address, across every listener of the server: one over a cap gets
 * its protocol's refusal and is closed at once. Each listener puts a {@link #guard} in its pipelines, with its
 * protocol's refusal; the guards share the counts. A guard sits after TLS, so the refusal is encrypted: on a TLS
 * connection it keeps reading (the handshake needs the client's bytes; the refusal is written as soon as the
 * handshake is done) but passes nothing on; on plain TCP it stops reading.
 */
public final class ConnectionLimiter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("openchat.refused");

    /** Which cap a connection passed; {@link #textKey} names the server's sentence for it. */
    public enum Reason {
        TOO_MANY("answer.tooManyConnections"),
        TOO_MANY_FROM_ADDRESS("answer.tooManyFromAddress");

        private final String textKey;

        Reason(String textKey) {
            this.textKey = textKey;
        }

        public String textKey() {
            return textKey;
        }
    }

    private final int maxTotal;
    private final int maxPerAddress;
    private final AtomicInteger total = new AtomicInteger();
    private final java.util.concurrent.atomic.LongAdder accepted = new java.util.concurrent.atomic.LongAdder();
    private final java.util.Map<Reason, java.util.concurrent.atomic.LongAdder> refused = new java.util.EnumMap<>(Map.of(
            Reason.TOO_MANY, new java.util.concurrent.atomic.LongAdder(),
            Reason.TOO_MANY_FROM_ADDRESS, new java.util.concurrent.atomic.LongAdder()));
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * The handler that counts one listener's connections against the shared caps. {@code refusal}: the protocol's
     * refusal as bytes (the guard sits before the protocol's encoder).
     */
    public ChannelHandler guard(BiFunction<ByteBufAllocator, Reason, ByteBuf> refusal) {
        return new Guard(refusal);
    }

    public int open() {
        return total.get();
    }

    /** Connections let in since the start, every listener. */
    public long accepted() {
        return accepted.sum();
    }

    /** Connections refused over {@code reason}'s cap since the start. */
    public long refused(Reason reason) {
        return refused.get(reason).sum();
    }

    @Sharable
    private final class Guard extends ChannelInboundHandlerAdapter {
        private final BiFunction<ByteBufAllocator, Reason, ByteBuf> refusal;

        Guard(BiFunction<ByteBufAllocator, Reason, ByteBuf> refusal) {
            this.refusal = refusal;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            InetAddress address = address(ctx.channel());
            int all = total.incrementAndGet();
            int fromAddress = perAddress
                    .computeIfAbsent(address, a -> new AtomicInteger())
                    .incrementAndGet();
            if (all > maxTotal || fromAddress > maxPerAddress) {
                log.info(
                        "refused a connection from {}: {} open in all, {} from that address",
                        address,
                        all,
                        fromAddress);
                ctx.channel().attr(REFUSED).set(true);
                if (ctx.pipeline().get(SslHandler.class) == null) {
                    ctx.channel().config().setAutoRead(false);
                }
                Reason reason = all > maxTotal ? Reason.TOO_MANY : Reason.TOO_MANY_FROM_ADDRESS;
                refused.get(reason).increment();
                ctx.writeAndFlush(refusal.apply(ctx.alloc(), reason)).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            accepted.increment();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ctx.channel().hasAttr(REFUSED)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            total.decrementAndGet();
            perAddress.computeIfPresent(
                    address(ctx.channel()), (a, count) -> count.decrementAndGet() == 0 ? null : count);
            ctx.fireChannelInactive();
        }
    }

    /** The peer's IP address; loopback for transports without one (an EmbeddedChannel in tests). */
    public static InetAddress address(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress()
                : InetAddress.getLoopbackAddress();
    }
}
