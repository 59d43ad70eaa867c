package openchat.server.net;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.server.ServerText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps open connections, in all and per IP address: one over a cap is answered 503 and closed before
 * anything is read from it. First in every pipeline; shared by all connections.
 */
@Sharable
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimiter.class);

    private final int maxTotal;
    private final int maxPerAddress;
    private final ServerText text;
    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();

    ConnectionLimiter(int maxTotal, int maxPerAddress, ServerText text) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
        this.text = text;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = address(ctx);
        int all = total.incrementAndGet();
        int fromAddress = perAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
        if (all > maxTotal || fromAddress > maxPerAddress) {
            log.info("refused a connection from {}: {} open in all, {} from that address", address, all, fromAddress);
            String body = all > maxTotal ? text.get("answer.tooManyConnections")
                    : text.get("answer.tooManyFromAddress", maxPerAddress);
            // This handler sits before the encoder, so it writes bytes.
            ctx.writeAndFlush(OcpEncoder.encode(ctx.alloc(), OcpMessage.response(Status.SERVICE_UNAVAILABLE)
                    .body(body).build())).addListener(ChannelFutureListener.CLOSE);
            ctx.channel().config().setAutoRead(false);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        total.decrementAndGet();
        perAddress.computeIfPresent(address(ctx), (a, count) -> count.decrementAndGet() == 0 ? null : count);
        ctx.fireChannelInactive();
    }

    int open() {
        return total.get();
    }

    private static InetAddress address(ChannelHandlerContext ctx) {
        return SessionHandler.clientAddress(ctx.channel());
    }
}
