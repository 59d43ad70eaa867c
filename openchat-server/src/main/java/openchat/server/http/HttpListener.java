package openchat.server.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import openchat.core.AddressRange;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.irc.IrcListener;
import openchat.server.metrics.ServerMetrics;
import openchat.server.net.ConnectionLimiter;
import openchat.server.ocp.OcpListener;

/**
 * The HTTP listener's public face for {@link openchat.server.ChatServer}: the web client at {@code /}, chat over
 * WebSocket at {@code /ws} (OCP or IRC, by subprotocol), {@code /metrics} and {@code /healthz}, in the same process
 * and event loops as the other listeners.
 */
public final class HttpListener {
    private final HttpContext context;

    /**
     * {@code health}: what is wrong with the server right now (empty: nothing); {@code ocp} and {@code irc}: the
     * adapters a WebSocket connection speaks.
     */
    public HttpListener(
            ServerConfig config,
            ServerText text,
            ChannelGroup connections,
            ConnectionLimiter limits,
            ServerMetrics metrics,
            Supplier<List<String>> health,
            OcpListener ocp,
            IrcListener irc) {
        // The guard sits before the HTTP codec: its refusal is a whole response, as bytes. A web connection takes a
        // web place of its address, not a chat seat, until its WebSocket handshake (WebSocketBridge).
        List<AddressRange> trustedProxies =
                config.trustedProxies().stream().map(AddressRange::parse).toList();
        ChannelHandler limiter = limits.webGuard(
                (allocator, refused) -> {
                    // A cap in all or a web connections' cap: the throttle counts only chat connections.
                    byte[] body = (refused.text(text) + "\n").getBytes(StandardCharsets.UTF_8);
                    byte[] head = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                    + "Content-Length: " + body.length + "\r\nError-Code: "
                                    + refused.reason().errorCode()
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    return allocator
                            .buffer(head.length + body.length)
                            .writeBytes(head)
                            .writeBytes(body);
                },
                peer -> HttpRoutes.allowed(trustedProxies, peer));
        this.context = new HttpContext(
                config,
                text,
                connections,
                limiter,
                limits,
                new RefusedOrigins(metrics),
                new StaticFiles(config.networkName()),
                metrics,
                health,
                config.metricsAllow().stream().map(AddressRange::parse).toList(),
                new ForwardedFor(peer -> HttpRoutes.allowed(trustedProxies, peer), config.proxyHeader()),
                config.allowedOrigins(),
                ocp,
                irc);
    }

    /** The pipeline of every HTTP connection of one port; {@code tls} null: plain TCP; else asked for the context as each connection comes. */
    public ChannelInitializer<Channel> initializer(Supplier<SslContext> tls) {
        return new HttpChannelInitializer(context, tls);
    }
}
