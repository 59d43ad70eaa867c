package openchat.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import openchat.core.AddressRange;
import openchat.server.config.ServerConfig;
import openchat.server.config.WebOrigin;
import openchat.server.net.ConnectionLimiter;

/**
 * The HTTP listener's paths: {@code /} and the web client's files, {@code /healthz}, {@code /metrics} (only from
 * the allowed addresses) and {@code /ws}, which it hands on to the WebSocket handshake once the page's origin is
 * allowed. Everything else is 404 (405 for a method other than GET and HEAD). After the handshake it passes the
 * connection's frames on untouched.
 */
final class HttpRoutes extends ChannelInboundHandlerAdapter {
    static final String WEBSOCKET_PATH = "/ws";
    /** The page may load only its own files and talk only to its own server. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; "
            + "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final HttpContext http;

    HttpRoutes(HttpContext http) {
        this.http = http;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request)) {
            ctx.fireChannelRead(message);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(WEBSOCKET_PATH)) {
            Optional<String> refused = originRefused(ctx, request);
            if (refused.isPresent()) {
                try {
                    respond(
                            ctx,
                            request,
                            HttpResponseStatus.FORBIDDEN,
                            refused.get() + "\n",
                            "text/plain; charset=utf-8");
                } finally {
                    request.release();
                }
                return;
            }
            ctx.fireChannelRead(message); // to the WebSocket handshake
            return;
        }
        try {
            route(ctx, request, path);
        } finally {
            ReferenceCountUtil.release(request);
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET or HEAD\n", "text/plain; charset=utf-8");
            return;
        }
        switch (path) {
            case "/healthz" -> {
                List<String> problems = http.health().get();
                respond(
                        ctx,
                        request,
                        problems.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        problems.isEmpty() ? "ok\n" : String.join("\n", problems) + "\n",
                        "text/plain; charset=utf-8");
            }
            case "/metrics" -> {
                InetAddress from = ConnectionLimiter.address(ctx.channel());
                if (!allowed(http.metricsAllow(), from)) {
                    respond(
                            ctx,
                            request,
                            HttpResponseStatus.FORBIDDEN,
                            "metrics are not served to " + from.getHostAddress() + " (--metrics-allow)\n",
                            "text/plain; charset=utf-8");
                } else {
                    respond(
                            ctx,
                            request,
                            HttpResponseStatus.OK,
                            http.metrics().scrape(),
                            http.metrics().contentType());
                }
            }
            default -> {
                Optional<StaticFiles.File> file = http.files().get(path);
                if (file.isEmpty()) {
                    respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found\n", "text/plain; charset=utf-8");
                } else {
                    respond(
                            ctx,
                            request,
                            HttpResponseStatus.OK,
                            file.get().bytes(),
                            file.get().contentType());
                }
            }
        }
    }

    /**
     * Why a WebSocket handshake is refused, if it is: a browser page from another origin than this server's own
     * (Host) and the ones {@code --allowed-origins} lists. A client that sends no Origin is not a browser page and
     * is let in, like any TCP client.
     */
    private Optional<String> originRefused(ChannelHandlerContext ctx, FullHttpRequest request) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || http.allowedOrigins().contains("*")) {
            return Optional.empty();
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        String normalized = WebOrigin.lenient(origin);
        boolean own = host != null
                && (normalized.equals(WebOrigin.lenient("http://" + host))
                        || normalized.equals(WebOrigin.lenient("https://" + host)));
        if (own || http.allowedOrigins().contains(normalized)) {
            return Optional.empty();
        }
        http.refusedOrigins().refused(origin, ConnectionLimiter.address(ctx.channel()));
        return Optional.of("origin " + origin + " may not open " + WEBSOCKET_PATH + " (--allowed-origins)");
    }

    private static void respond(
            ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String body, String type) {
        respond(ctx, request, status, body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static void respond(
            ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, byte[] body, String type) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            // How long the server keeps the connection for the next request (HttpKeepAlive).
            response.headers().set("Keep-Alive", "timeout=" + ServerConfig.WEB_KEEP_ALIVE.toSeconds());
        }
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.pipeline().get("ws-frames") != null) {
            ctx.fireExceptionCaught(cause); // a chat connection now: its session says why it ends
        } else {
            ctx.close(); // a broken request or connection: nothing to tell a browser
        }
    }

    private static boolean allowed(List<AddressRange> ranges, InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
