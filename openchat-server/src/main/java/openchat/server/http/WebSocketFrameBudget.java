package openchat.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import openchat.core.FloodControl;
import openchat.core.TokenBucket;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.MessageDeadline;
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
 *
 * <p>A message that has begun must also be whole within the header deadline of the read that brought its first byte
 * ({@link MessageDeadline}): its frames, each from its first byte to its last, and a fragmented message from its
 * first frame to its final one. Past it the connection is refused as too slow (1008). The frame decoder keeps how far
 * into a frame it is to itself, so the budget counts bytes: {@link #bytesIn}, a handler in front of the decoder,
 * counts the bytes read after the upgrade request, and the budget the bytes each frame took on the wire; more read
 * than framed is a frame under way.
 */
final class WebSocketFrameBudget extends ChannelInboundHandlerAdapter {
    private final ServerText text;
    private final boolean rateLimited;
    private final Duration messageDeadline;
    private final MessageDeadline deadline;
    private ChannelHandlerContext ctx;
    /** Bytes read since the upgrade request, counted in front of the frame decoder; off before it (HTTP). */
    private boolean counting;

    private long received;
    /** The bytes the frames decoded from {@link #received} took on the wire. */
    private long framed;
    /** The deadline applies: the handshake completed. */
    private boolean timed;
    /** A frame handed on in the read being counted ended a message. */
    private boolean messageEnded;
    /** The frames allowance, from the connection's opening; null with flood control off. */
    private TokenBucket frames;
    /** Frames of the message being received in fragments so far; 0 between messages. */
    private int fragments;
    /** True once a frame was refused: the rest are dropped. */
    private boolean refused;

    /** {@code messageDeadline}: how long a message may take from its first byte to its end. */
    WebSocketFrameBudget(ServerText text, boolean rateLimited, Duration messageDeadline) {
        this.text = text;
        this.rateLimited = rateLimited;
        this.messageDeadline = messageDeadline;
        this.deadline = new MessageDeadline(messageDeadline, this::tooSlow);
    }

    /**
     * The handler that counts the bytes read, in front of the frame decoder: before {@code http-codec}, whose place
     * the handshake gives the decoder, and after TLS. One per budget.
     */
    ChannelHandler bytesIn() {
        return new BytesIn();
    }

    /**
     * The request being handed on asks for the WebSocket handshake: from the next read on, the bytes are frames (the
     * handshake puts the frame decoder in front of the HTTP codec before anything more is read).
     */
    void upgrading() {
        counting = true;
        received = 0;
        framed = 0;
    }

    /** The handshake completed: from now on a message must be whole within the deadline. */
    void handshakeComplete() {
        timed = true;
    }

    private final class BytesIn extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (!counting || !(message instanceof ByteBuf bytes)) {
                ctx.fireChannelRead(message);
                return;
            }
            received += bytes.readableBytes();
            messageEnded = false;
            ctx.fireChannelRead(message);
            if (timed && !refused) {
                deadline.afterRead(ctx, received > framed || fragments > 0, messageEnded);
            }
        }
    }

    /** The deadline passed with a message part-way: refused, as a frame over a limit is. */
    private void tooSlow() {
        if (refused || !ctx.channel().isActive()) {
            return;
        }
        refused = true;
        long seconds = messageDeadline.toSeconds();
        ctx.fireExceptionCaught(new Refusal(
                WebSocketCloseStatus.POLICY_VIOLATION,
                text.get("ws.tooSlow", seconds),
                ServerClose.SLOW_HEADER,
                text.get("close.slowWebSocket", seconds)));
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
        this.ctx = ctx;
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
        framed += wireBytes(frame);
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
            deadline.stop();
            ReferenceCountUtil.release(frame);
            ctx.fireExceptionCaught(refusal);
            return;
        }
        if (fragments == 0) {
            messageEnded = true; // a whole message, its final fragment, or a control frame between messages
        }
        ctx.fireChannelRead(frame);
    }

    /**
     * What {@code frame} took on the wire: two bytes, the extended length, the mask (a client masks every frame: the
     * decoder refuses one that is not) and the payload. No extension is offered, so the payload is as it came.
     */
    private static long wireBytes(WebSocketFrame frame) {
        int payload = frame.content().readableBytes();
        int extendedLength = payload < 126 ? 0 : payload <= 0xffff ? 2 : 8;
        return 2 + extendedLength + 4 + payload;
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
