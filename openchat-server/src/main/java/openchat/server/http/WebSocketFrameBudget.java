package openchat.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.core.TokenBucket;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.ServerClose;

/**
 * Counts a WebSocket connection's frames, right behind the frame decoder, before anything else works on them: every
 * frame takes a unit of {@link FloodControl#FRAME_BURST} refilled at {@link FloodControl#FRAMES_PER_SECOND} (off
 * with flood control), and one message may come in at most {@link ServerConfig#MAX_WEB_SOCKET_FRAGMENTS} frames.
 * Past either, the frame is refused as a {@link Refusal}, which {@link WebSocketViolations} turns into the Close
 * frame (1008 for the rate, 1009 for the fragments) and the close, and every frame after it is dropped here. Empty
 * PINGs and empty fragments weigh nothing against the limits in bytes, and each still costs the event loop a frame's
 * work (a PONG written and flushed, a pass of the aggregator), so a connection sending millions a second held up
 * every other connection on its loop. Frames before the handshake are HTTP messages: they pass untouched.
 */
final class WebSocketFrameBudget extends ChannelInboundHandlerAdapter {
    private final ServerText text;
    private final boolean rateLimited;
    /** The frames allowance, from the connection's opening; null with flood control off. */
    private TokenBucket frames;
    /** Frames of the message being received in fragments so far; 0 between messages. */
    private int fragments;
    /** True once a frame was refused: the rest are dropped. */
    private boolean refused;

    WebSocketFrameBudget(ServerText text, boolean rateLimited) {
        this.text = text;
        this.rateLimited = rateLimited;
    }

    /**
     * A frame over a limit that RFC 6455 leaves to the server: the Close status and its reason, and what the
     * session and the metrics are told.
     */
    static final class Refusal extends RuntimeException {
        private final WebSocketCloseStatus status;
        private final ServerClose reason;
        private final String closeCause;

        Refusal(WebSocketCloseStatus status, String fault, ServerClose reason, String closeCause) {
            super(fault, null, false, false);
            this.status = status;
            this.reason = reason;
            this.closeCause = closeCause;
        }

        WebSocketCloseStatus status() {
            return status;
        }

        /** The Close frame's reason. */
        String fault() {
            return getMessage();
        }

        ServerClose reason() {
            return reason;
        }

        /** The leave's reason, for the console and the others. */
        String closeCause() {
            return closeCause;
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (rateLimited) {
            frames = new TokenBucket(FloodControl.FRAME_BURST, FloodControl.FRAMES_PER_SECOND, nowMillis(ctx));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof WebSocketFrame frame)) {
            ctx.fireChannelRead(message);
            return;
        }
        if (refused) {
            ReferenceCountUtil.release(frame);
            return;
        }
        Refusal refusal = overRate(ctx);
        if (refusal == null) {
            refusal = overFragments(frame);
        }
        if (refusal != null) {
            refused = true;
            ReferenceCountUtil.release(frame);
            ctx.fireExceptionCaught(refusal);
            return;
        }
        ctx.fireChannelRead(frame);
    }

    private Refusal overRate(ChannelHandlerContext ctx) {
        if (frames == null || frames.tryTake(nowMillis(ctx))) {
            return null;
        }
        String fault = text.get("ws.tooManyFrames", FloodControl.FRAME_BURST, FloodControl.FRAMES_PER_SECOND);
        return new Refusal(
                WebSocketCloseStatus.POLICY_VIOLATION, fault, ServerClose.FLOOD, text.get("close.frameFlood", fault));
    }

    private static long nowMillis(ChannelHandlerContext ctx) {
        return TimeUnit.NANOSECONDS.toMillis(ctx.executor().ticker().nanoTime());
    }

    private Refusal overFragments(WebSocketFrame frame) {
        if (frame instanceof ContinuationWebSocketFrame) {
            fragments++;
        } else if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            fragments = 1;
        } else {
            return null; // a control frame, which may come between fragments, is no part of the message
        }
        if (fragments > ServerConfig.MAX_WEB_SOCKET_FRAGMENTS) {
            String fault = text.get("ws.tooManyFragments", ServerConfig.MAX_WEB_SOCKET_FRAGMENTS);
            return new Refusal(
                    WebSocketCloseStatus.MESSAGE_TOO_BIG,
                    fault,
                    ServerClose.PROTOCOL_ERROR,
                    text.get("close.malformed", fault));
        }
        if (frame.isFinalFragment()) {
            fragments = 0;
        }
        return null;
    }
}
