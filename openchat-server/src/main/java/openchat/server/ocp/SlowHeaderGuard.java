package openchat.server.ocp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.server.config.ServerText;
import openchat.server.net.CloseCause;
import openchat.server.net.MessageDeadline;
import openchat.server.net.ServerClose;

/**
 * Closes a connection whose header section takes longer than the deadline from its first byte (slowloris):
 * a trickle of header bytes would otherwise hold a connection open forever without ever being a message.
 * Sits just before the decoder and tells the deadline ({@link MessageDeadline}, as the IRC framer and the WebSocket
 * frame budget do), after each read, whether a header section is under way and whether it began in that read. So a
 * busy connection whose reads end in the middle of a header has one timer per deadline, not one set and cancelled per
 * read, and the time the session holds the connection unread (flood control's queue, a ghost check) is not counted
 * against the client.
 */
final class SlowHeaderGuard extends ChannelInboundHandlerAdapter {
    private final OcpDecoder decoder;
    private final long deadlineMillis;
    private final ServerText text;
    private final MessageDeadline deadline;
    private ChannelHandlerContext ctx;
    /** The header section under way after the last read ({@link OcpDecoder#headersBegun}), or -1 for none. */
    private long watchedHeader = -1;

    SlowHeaderGuard(OcpDecoder decoder, long deadlineMillis, ServerText text) {
        this.decoder = decoder;
        this.deadlineMillis = deadlineMillis;
        this.text = text;
        this.deadline = new MessageDeadline(Duration.ofMillis(deadlineMillis), this::expire);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.fireChannelRead(msg);
        long header = decoder.isReadingHeader() ? decoder.headersBegun() : -1;
        boolean begunInThisRead = header != watchedHeader;
        watchedHeader = header;
        deadline.afterRead(ctx, header >= 0, begunInThisRead);
    }

    private void expire() {
        if (!decoder.isReadingHeader() || !ctx.channel().isActive()) {
            return;
        }
        CloseCause.set(ctx.channel(), text.get("close.slowHeader", deadlineMillis / 1000));
        ServerClose.SLOW_HEADER.mark(ctx.channel());
        ctx.channel().config().setAutoRead(false);
        // Before the encoder in the pipeline: write bytes.
        ctx.writeAndFlush(OcpEncoder.encode(
                        ctx.alloc(),
                        OcpMessage.response(Status.REQUEST_TIMEOUT)
                                .body(text.get("answer.slowHeader", deadlineMillis / 1000))
                                .build()))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        deadline.stop();
    }
}
