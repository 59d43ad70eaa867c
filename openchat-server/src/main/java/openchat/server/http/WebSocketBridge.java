package openchat.server.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.util.Optional;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.irc.IrcListener;
import openchat.server.net.ConnectionLimiter;
import openchat.server.net.LingeringClose;
import openchat.server.net.ServerClose;
import openchat.server.net.Transport;
import openchat.server.ocp.OcpListener;

/**
 * Turns an HTTP connection that completed the WebSocket handshake into a chat connection: by the subprotocol the
 * client chose, OCP ({@code ocp}: one OCP message per text frame) or IRC ({@code text.ircv3.net},
 * {@code binary.ircv3.net}: one line per frame, the IRCv3 WebSocket specification), with the same handlers, core,
 * limits and flood control as on TCP. A client that chose no subprotocol is closed with 1002.
 */
final class WebSocketBridge extends ChannelInboundHandlerAdapter {
    static final String OCP = "ocp";
    static final String IRC_TEXT = "text.ircv3.net";
    static final String IRC_BINARY = "binary.ircv3.net";
    static final String SUBPROTOCOLS = OCP + "," + IRC_TEXT + "," + IRC_BINARY;

    private final OcpListener ocp;
    private final IrcListener irc;
    private final ConnectionLimiter limits;
    private final ServerText text;

    WebSocketBridge(OcpListener ocp, IrcListener irc, ConnectionLimiter limits, ServerText text) {
        this.ocp = ocp;
        this.irc = irc;
        this.limits = limits;
        this.text = text;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        String subprotocol = handshake.selectedSubprotocol();
        WebSocketFrames.Kind kind = subprotocol == null
                ? null
                : switch (subprotocol) {
                    case OCP -> WebSocketFrames.Kind.OCP;
                    case IRC_TEXT -> WebSocketFrames.Kind.IRC_TEXT;
                    case IRC_BINARY -> WebSocketFrames.Kind.IRC_BINARY;
                    default -> null;
                };
        if (kind == null) {
            ServerClose.PROTOCOL_ERROR.mark(ctx.channel());
            ctx.writeAndFlush(new CloseWebSocketFrame(
                            WebSocketCloseStatus.PROTOCOL_ERROR, "subprotocol required: " + SUBPROTOCOLS))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        // A chat connection now: it took a chat seat of its address when its request was handed on (HttpRoutes), as
        // an OCP or IRC connection does on connecting, or it is closed with 1013 (try again later) and the sentence:
        // the cap, or when the throttle on new connections lets its address in again.
        Optional<ConnectionLimiter.Refused> over = limits.chatRefusal(ctx.channel());
        if (over.isPresent()) {
            LingeringClose.closeAfterCloseFrame(
                    ctx.channel()
                            .writeAndFlush(new CloseWebSocketFrame(
                                    WebSocketCloseStatus.TRY_AGAIN_LATER,
                                    over.get().text(text))),
                    ServerConfig.CLOSE_LINGER);
            return;
        }
        Transport.WEBSOCKET.set(ctx.channel());
        ChannelPipeline pipeline = ctx.pipeline();
        WebSocketFrameBudget budget = pipeline.get(WebSocketFrameBudget.class);
        if (budget != null) {
            budget.handshakeComplete(); // a message begun must now be whole within the header deadline
        }
        if (pipeline.get(HttpKeepAlive.NAME) != null) {
            pipeline.remove(HttpKeepAlive.NAME); // the session's heartbeat takes over
        }
        if (pipeline.get(UnansweredRequests.NAME) != null) {
            pipeline.remove(UnansweredRequests.NAME); // no HTTP request comes after the handshake
        }
        pipeline.addAfter(ctx.name(), "ws-frames", new WebSocketFrames(kind));
        if (kind == WebSocketFrames.Kind.OCP) {
            ocp.addTo(pipeline);
        } else {
            irc.addTo(pipeline);
        }
        pipeline.remove(this);
        // The connection was active long before these handlers existed: tell them now (timers, deadlines).
        pipeline.context("ws-frames").fireChannelActive();
    }
}
