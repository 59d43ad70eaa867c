package openchat.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import java.util.function.Supplier;
import openchat.server.config.ServerConfig;
import openchat.server.irc.IrcListener;
import openchat.server.net.Transport;

/** Assembles one HTTP connection's pipeline. No logic lives here. */
final class HttpChannelInitializer extends ChannelInitializer<Channel> {
    /** A request's head and body: the page sends nothing big. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final HttpContext http;
    private final Supplier<SslContext> tls;

    HttpChannelInitializer(HttpContext http, Supplier<SslContext> tls) {
        this.http = http;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel channel) {
        http.connections().add(channel);
        Transport.HTTP.set(channel);
        // The largest frame a chat connection needs: a whole OCP message, or an IRC line with its tags.
        int maxFrame = Math.max(
                http.config().decoder().maxHeaderSize()
                        + http.config().decoder().maxBodySize(),
                IrcListener.MAX_TAG_BYTES + IrcListener.MAX_LINE_BYTES);
        if (tls != null) {
            // A plain HTTP request on the HTTPS port: 400 in the clear, saying to use https, then close.
            channel.pipeline().addLast("plain-http", new PlainHttpOnTlsPort(http.text()));
            channel.pipeline().addLast("tls", tls.get().newHandler(channel.alloc()));
        }
        WebSocketFrameBudget frameBudget = new WebSocketFrameBudget(
                http.text(),
                http.config().core().floodControl().enabled(),
                http.config().headerDeadline());
        channel.pipeline()
                // The cap in all, counted with OCP and IRC, and the web connections' cap per address: 503, close.
                .addLast("limiter", http.limiter())
                // After the upgrade request, in front of the frame decoder: counts the bytes read, so that the frame
                // budget knows a frame is under way (the decoder does not say).
                .addLast("ws-bytes-in", frameBudget.bytesIn())
                .addLast("http-codec", new HttpServerCodec())
                // After the handshake, right behind the frame decoder that takes the codec's place: every frame takes
                // a unit of the connection's frame allowance, one message comes in a bounded number of frames, and
                // a message begun is whole within the header deadline; past any, ws-violations closes (1008, 1009).
                .addLast("ws-frame-budget", frameBudget)
                // A body over the limit: 413 with a sentence, close.
                .addLast("http-aggregator", new HttpBodyLimit(http.text(), MAX_REQUEST_BYTES))
                // A web connection that sends no whole request within the keep-alive time of its opening or its
                // last answer is closed (the WebSocket bridge removes this: a chat connection has its heartbeat); while
                // it waits, a newcomer over the web connections' share may take its place (ConnectionLimiter).
                .addLast(HttpKeepAlive.NAME, new HttpKeepAlive(ServerConfig.WEB_KEEP_ALIVE.toMillis(), http.limits()))
                // Files, /healthz, /metrics; /ws goes on to the handshake when its origin is allowed.
                .addLast("routes", new HttpRoutes(http))
                // The WebSocket handshake on /ws; afterwards close, ping and pong frames. It puts its frame decoder
                // and UTF-8 check for text frames in front of itself; a fault they find goes to ws-violations.
                .addLast(
                        "websocket",
                        new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath(HttpRoutes.WEBSOCKET_PATH)
                                .subprotocols(WebSocketBridge.SUBPROTOCOLS)
                                .maxFramePayloadLength(maxFrame)
                                .closeOnProtocolViolation(false)
                                .handshakeTimeoutMillis(
                                        http.config().joinDeadline().toMillis())
                                .build()))
                // Fragments of one message into one frame, within the same limit.
                .addBefore("websocket", "ws-aggregator", new WebSocketFrameAggregator(maxFrame))
                // A frame that breaks RFC 6455, the limit or the frame budget: one Close frame that says why (1009,
                // 1007,
                // 1002, 1008), close.
                .addBefore("websocket", "ws-violations", new WebSocketViolations(http.text(), maxFrame))
                // After the handshake: the chosen subprotocol's handlers, over frames.
                .addLast("ws-bridge", new WebSocketBridge(http.ocp(), http.irc(), http.limits(), http.text()))
                // A request every handler above passed by: 404, so that no request goes unanswered (the bridge
                // removes it from a chat connection).
                .addLast(UnansweredRequests.NAME, new UnansweredRequests(http.text()));
    }
}
