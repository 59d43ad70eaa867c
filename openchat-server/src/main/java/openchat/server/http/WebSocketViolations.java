package openchat.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.CloseCause;
import openchat.server.net.LingeringClose;
import openchat.server.net.ServerClose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails a WebSocket connection whose client broke RFC 6455 or sent a message larger than one chat message may be
 * (RFC 6455 7.1.7): one Close frame with the status that names the fault (1009 too big, 1007 text that is not
 * UTF-8, 1002 anything else; {@link WebSocketFrameBudget}'s refusals with their own, 1008 for too many frames and 1009
 * for a message in too many) and a sentence in the server's language, then an orderly close
 * ({@link LingeringClose#closeAfterCloseFrame}). Netty's frame decoder, its UTF-8 check and the frame aggregator
 * only report a fault (the pipeline tells them not to close), and it ends here: the chat session behind would take it
 * for a server error. The session is told instead that a malformed message ended the connection.
 */
final class WebSocketViolations extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketViolations.class);

    private final ServerText text;
    private final int maxMessageBytes;
    /** True once the connection is failing: frames decoded behind the faulty one are dropped. */
    private boolean failed;

    WebSocketViolations(ServerText text, int maxMessageBytes) {
        this.text = text;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (failed) {
            ReferenceCountUtil.release(message);
            return;
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof WebSocketFrameBudget.Refusal refusal) {
            fail(ctx, refusal.status(), refusal.fault(), refusal.closeCause(), refusal.reason());
            return;
        }
        if (failed && cause instanceof PrematureChannelClosureException) {
            return; // the aggregator, as the connection closes, on the message whose fragment ended it: said already
        }
        WebSocketCloseStatus status = statusFor(cause);
        if (status == null) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        String fault = status.equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)
                ? text.get("ws.tooBig", maxMessageBytes)
                : status.equals(WebSocketCloseStatus.INVALID_PAYLOAD_DATA)
                        ? text.get("ws.notUtf8")
                        : text.get("ws.badFrame");
        log.debug("{}: WebSocket {} {}", ctx.channel().remoteAddress(), status.code(), cause.getMessage());
        fail(ctx, status, fault, text.get("close.malformed", fault), ServerClose.PROTOCOL_ERROR);
    }

    /**
     * Ends the connection with one Close frame of {@code status} and {@code fault}; the session behind gives {@code
     * closeCause} as the leave's reason, and the metrics count {@code reason}. Once only.
     */
    private void fail(
            ChannelHandlerContext ctx,
            WebSocketCloseStatus status,
            String fault,
            String closeCause,
            ServerClose reason) {
        if (failed) {
            return;
        }
        failed = true;
        CloseCause.set(ctx.channel(), closeCause);
        reason.mark(ctx.channel());
        // From the end of the pipeline, through Netty's protocol handler: it then sends no Close frame of its own.
        LingeringClose.closeAfterCloseFrame(
                ctx.channel().writeAndFlush(new CloseWebSocketFrame(status, fault)), ServerConfig.CLOSE_LINGER);
    }

    /** The Close status for a fault in the client's frames; null for any other exception. */
    private static WebSocketCloseStatus statusFor(Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted) {
            WebSocketCloseStatus status = corrupted.closeStatus();
            return status.equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)
                            || status.equals(WebSocketCloseStatus.INVALID_PAYLOAD_DATA)
                    ? status
                    : WebSocketCloseStatus.PROTOCOL_ERROR;
        }
        if (cause instanceof TooLongFrameException) {
            return WebSocketCloseStatus.MESSAGE_TOO_BIG; // the aggregator's: fragments over one message together
        }
        return null;
    }
}
