package openchat.server.ocp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import openchat.protocol.OcpDecoder;
import openchat.protocol.OcpEncoder;
import openchat.protocol.OcpMessage;
import openchat.protocol.Status;
import openchat.server.config.ServerText;
import openchat.server.net.CloseCause;
import openchat.server.net.ServerClose;

/**
 * Closes a connection whose header section takes longer than the deadline from its first byte (slowloris):
 * a trickle of header bytes would otherwise hold a connection open forever without ever being a message.
 * Sits just before the decoder and asks it, after each read, whether a header section is under way.
 */
final class SlowHeaderGuard extends ChannelInboundHandlerAdapter {
    private final OcpDecoder decoder;
    private final long deadlineMillis;
    private final ServerText text;
    private ScheduledFuture<?> timer;
    private long watchedHeader = -1;

    SlowHeaderGuard(OcpDecoder decoder, long deadlineMillis, ServerText text) {
        this.decoder = decoder;
        this.deadlineMillis = deadlineMillis;
        this.text = text;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.fireChannelRead(msg);
        if (!decoder.isReadingHeader()) {
            cancel();
        } else if (decoder.headersBegun() != watchedHeader) {
            cancel();
            long header = decoder.headersBegun();
            watchedHeader = header;
            timer = ctx.executor().schedule(() -> expire(ctx, header), deadlineMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void expire(ChannelHandlerContext ctx, long header) {
        if (decoder.isReadingHeader()
                && decoder.headersBegun() == header
                && ctx.channel().isActive()) {
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
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        watchedHeader = -1;
    }
}
