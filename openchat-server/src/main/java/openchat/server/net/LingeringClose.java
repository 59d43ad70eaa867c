package openchat.server.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import openchat.server.config.ServerConfig;

/**
 * Closes a connection so that what the server wrote to it arrives even while the peer is still sending.
 *
 * <p>Closing a socket that holds input the server has not read makes the kernel end the connection with a reset
 * (RST) instead of an orderly FIN, and a peer that has not yet read the server's last answers (the 400 that says what
 * was wrong with its bytes, the 429s before a flood ends it) loses them with the reset. So the server stops writing
 * once everything it wrote is sent (its FIN follows the last byte; TLS's close_notify first), drops whatever still
 * arrives, and closes when the peer closes its side, or after {@code linger} at the latest, or at once when it has
 * dropped {@link ServerConfig#CLOSE_LINGER_MAX_BYTES}: a peer still sending that much after its last answer is flooding,
 * not finishing a request, and reading its flood for the whole linger would cost the loop more than its answer is worth.
 * HTTP servers do the same and call it a lingering close (nginx's {@code lingering_close}).
 */
public final class LingeringClose {

    private LingeringClose() {}

    /** Closes {@code channel} this way once everything written to it so far is sent. */
    public static void close(Channel channel, Duration linger) {
        if (Transport.of(channel) == Transport.WEBSOCKET) {
            channel.close(); // Netty sends a Close frame, behind what was written, and waits for the browser's
            return;
        }
        closeAfter(channel.writeAndFlush(Unpooled.EMPTY_BUFFER), linger);
    }

    /**
     * Closes the channel of {@code lastWrite} this way once that write (and everything before it) is sent. A
     * WebSocket has an orderly close of its own (a Close frame each way), which closing the channel starts.
     */
    public static void closeAfter(ChannelFuture lastWrite, Duration linger) {
        Channel channel = lastWrite.channel();
        if (Transport.of(channel) == Transport.WEBSOCKET) {
            lastWrite.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        lingerAfter(lastWrite, linger);
    }

    /**
     * Closes a WebSocket this way once its Close frame, {@code closeFrame}, is sent: when the server fails the
     * connection (RFC 6455 7.1.7) the client may still be sending the rest of a frame the server refused, and
     * closing with that unread would reset the connection and could lose the Close frame. The server ending the
     * TCP connection first is what RFC 6455 7.1.1 asks for.
     */
    public static void closeAfterCloseFrame(ChannelFuture closeFrame, Duration linger) {
        lingerAfter(closeFrame, linger);
    }

    private static void lingerAfter(ChannelFuture lastWrite, Duration linger) {
        Channel channel = lastWrite.channel();
        if (!channel.isActive()) {
            channel.close();
            return;
        }
        // A peer that reads nothing never lets the writes finish: the deadline closes it anyway.
        var deadline = channel.eventLoop().schedule(() -> channel.close(), linger.toMillis(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> deadline.cancel(false));
        lastWrite.addListener(written -> {
            if (!written.isSuccess() || !channel.isActive() || !(channel instanceof DuplexChannel duplex)) {
                channel.close();
                return;
            }
            channel.pipeline().addFirst(new DropInput(ServerConfig.CLOSE_LINGER_MAX_BYTES));
            channel.config().setAutoRead(true); // some handlers stopped reading before their last answer
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls == null) {
                duplex.shutdownOutput();
            } else {
                tls.closeOutbound().addListener(notified -> duplex.shutdownOutput());
            }
        });
    }

    /**
     * First in the pipeline of a closing connection: what still arrives is read and dropped, so the socket's
     * receive queue is empty when it closes. The peer's end of stream then closes the channel (no half-closure); past
     * {@code maxBytes} dropped, the channel is closed at once.
     */
    private static final class DropInput extends ChannelInboundHandlerAdapter {
        private long left;

        DropInput(long maxBytes) {
            this.left = maxBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof io.netty.buffer.ByteBuf bytes) {
                left -= bytes.readableBytes();
            }
            ReferenceCountUtil.release(msg);
            if (left < 0) {
                ctx.close();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // Nothing was passed on: the handlers behind have nothing to complete.
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a reset while lingering: the peer is gone, as it was about to be
        }
    }
}
