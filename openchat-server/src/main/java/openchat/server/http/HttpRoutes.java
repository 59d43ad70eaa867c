package openchat.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import openchat.core.AddressRange;
import openchat.server.config.ServerText;
import openchat.server.config.WebOrigin;
import openchat.server.net.ConnectionLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener's paths: {@code /} and the web client's files, {@code /healthz}, {@code /metrics} (only from
 * the allowed addresses) and {@code /ws}, which it hands on to the WebSocket handshake once the page's origin is
 * allowed. A path is its request-target without the query: {@code /ws?x=1} is {@code /ws}, as for every other path.
 * Everything else is 404; a method the path does not take 405 with {@code Allow}; a request that cannot be read, or
 * whose path is not valid percent-encoding, 400. Every request is answered here except the handshakes it hands on.
 * After the handshake it passes the connection's frames on untouched.
 */
final class HttpRoutes extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpRoutes.class);

    static final String WEBSOCKET_PATH = "/ws";
    /** What a file, /healthz and /metrics take; /ws takes only GET, the handshake's method (RFC 6455 4.1). */
    private static final String GET_OR_HEAD = "GET, HEAD";

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
        boolean handedOn = false;
        try {
            // Whom the request is for: behind a trusted reverse proxy, the client it names; every per-address rule
            // below and after (the chat seat, bans, lockouts, WHOIS) reads it from the connection.
            ConnectionLimiter.forwardedFor(
                    ctx.channel(),
                    http.forwardedFor()
                            .client(ConnectionLimiter.peer(ctx.channel()), request.headers(), ctx.executor()));
            handedOn = answer(ctx, request);
        } finally {
            if (!handedOn) {
                ReferenceCountUtil.release(request);
            }
        }
    }

    /** Answers {@code request}, or hands it on to the WebSocket handshake: true then. */
    private boolean answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        ServerText text = HttpAnswer.textFor(http.text(), request);
        if (!request.decoderResult().isSuccess()) {
            // The codec could not read the head; it discards what follows, so the connection ends with the answer.
            Throwable cause = request.decoderResult().cause();
            log.debug("{}: unreadable HTTP request: {}", ctx.channel().remoteAddress(), cause.toString());
            unreadable(cause, text).sendAndClose(ctx, request);
            return false;
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException badEscape) {
            log.debug("{}: bad percent-encoding in {}", ctx.channel().remoteAddress(), request.uri());
            HttpAnswer.text(HttpResponseStatus.BAD_REQUEST, text.get("http.badPath"))
                    .sendTo(ctx, request);
            return false;
        }
        if (path.equals(WEBSOCKET_PATH)) {
            return webSocket(ctx, request, text);
        }
        try {
            route(ctx, request, path, text).sendTo(ctx, request);
        } catch (RuntimeException e) {
            log.warn("{}: answering {} {} failed", ctx.channel().remoteAddress(), request.method(), path, e);
            HttpAnswer.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, text.get("http.serverError"))
                    .sendTo(ctx, request);
        }
        return false;
    }

    /**
     * A request for {@code /ws}: refused here (405, 403 for another origin, 400 without an upgrade), or handed on to
     * Netty's handshake, true then. The handshake compares the whole request-target with {@code /ws}, and anything
     * else it passes by unanswered: it gets the path alone, the query being nothing to it.
     */
    private boolean webSocket(ChannelHandlerContext ctx, FullHttpRequest request, ServerText text) {
        if (!request.method().equals(HttpMethod.GET)) {
            HttpAnswer.methodNotAllowed("GET", text.get("http.methodNotAllowed", WEBSOCKET_PATH, "GET"))
                    .sendTo(ctx, request);
            return false;
        }
        Optional<String> refused = originRefused(ctx, request, text);
        if (refused.isPresent()) {
            HttpAnswer.text(HttpResponseStatus.FORBIDDEN, refused.get()).sendTo(ctx, request);
            return false;
        }
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            // A person who opened /ws in the browser: said here, in words, rather than in Netty's.
            HttpAnswer.text(HttpResponseStatus.BAD_REQUEST, text.get("http.notWebSocket", WEBSOCKET_PATH))
                    .sendTo(ctx, request);
            return false;
        }
        request.setUri(WEBSOCKET_PATH);
        // A chat connection from here on: it takes a chat seat of its address now, before the handshake writes its
        // answer, and passes the throttle on new connections of its address. One over the cap or the throttle still
        // completes the handshake and is then closed with 1013 and the server's sentence (WebSocketBridge), which a
        // page can show; a refused handshake could not say why.
        http.limits().becomeChat(ctx.channel());
        // Frames from the next read on: the frame budget counts their bytes from there (a frame under way).
        WebSocketFrameBudget budget = ctx.pipeline().get(WebSocketFrameBudget.class);
        if (budget != null) {
            budget.upgrading();
        }
        ctx.fireChannelRead(request); // to the WebSocket handshake
        return true;
    }

    private HttpAnswer route(ChannelHandlerContext ctx, FullHttpRequest request, String path, ServerText text) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            return HttpAnswer.methodNotAllowed(GET_OR_HEAD, text.get("http.methodNotAllowed", path, GET_OR_HEAD));
        }
        switch (path) {
            case "/healthz" -> {
                List<String> problems = http.health().get();
                return problems.isEmpty()
                        ? HttpAnswer.text(HttpResponseStatus.OK, "ok")
                        : HttpAnswer.text(HttpResponseStatus.SERVICE_UNAVAILABLE, String.join("\n", problems));
            }
            case "/metrics" -> {
                InetAddress from = ConnectionLimiter.address(ctx.channel());
                if (!allowed(http.metricsAllow(), from)) {
                    return HttpAnswer.text(
                            HttpResponseStatus.FORBIDDEN, text.get("http.metricsRefused", from.getHostAddress()));
                }
                return HttpAnswer.of(
                        HttpResponseStatus.OK,
                        http.metrics().scrape(),
                        http.metrics().contentType());
            }
            default -> {
                return http.files()
                        .get(path)
                        .map(file -> HttpAnswer.file(file, request))
                        .orElseGet(() -> HttpAnswer.text(HttpResponseStatus.NOT_FOUND, text.get("http.notFound")));
            }
        }
    }

    /** The answer to a request whose head the codec could not read: 414, 431 or 400. */
    private static HttpAnswer unreadable(Throwable cause, ServerText text) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpAnswer.text(HttpResponseStatus.REQUEST_URI_TOO_LONG, text.get("http.lineTooLong"));
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpAnswer.text(
                    HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, text.get("http.headersTooLarge"));
        }
        return HttpAnswer.text(HttpResponseStatus.BAD_REQUEST, text.get("http.badRequest"));
    }

    /**
     * Why a WebSocket handshake is refused, if it is: a browser page from another origin than this server's own and
     * the ones {@code --allowed-origins} lists. A client that sends no Origin is not a browser page and is let in,
     * like any TCP client.
     *
     * <p>The server's own origin is the request's {@code Host}, but a Host is whatever name the browser used, and a
     * page whose DNS name an attacker points at this server's address (DNS rebinding) sends its own name as both Host
     * and Origin: it could then chat from its visitor's address, reaching a server only the visitor can reach. So a
     * Host counts as the server's own only when no such page can have it: an IP address or {@code localhost}, which
     * no DNS answer makes; a TLS connection, whose certificate the browser checks against the name; or a request
     * through a trusted proxy, whose own TLS and server names decide which names reach this server. A plain-HTTP
     * page under any other name must be listed in {@code --allowed-origins}.
     */
    private Optional<String> originRefused(ChannelHandlerContext ctx, FullHttpRequest request, ServerText text) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin == null || http.allowedOrigins().contains("*")) {
            return Optional.empty();
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        String normalized = WebOrigin.lenient(origin);
        if (http.allowedOrigins().contains(normalized)) {
            return Optional.empty();
        }
        boolean own = host != null
                && (normalized.equals(WebOrigin.lenient("http://" + host))
                        || normalized.equals(WebOrigin.lenient("https://" + host)));
        if (own && hostCannotBeRebound(ctx, host)) {
            return Optional.empty();
        }
        http.refusedOrigins().refused(origin, own, ConnectionLimiter.address(ctx.channel()), ctx.executor());
        return Optional.of(text.get(own ? "http.originByName" : "http.originRefused", origin, WEBSOCKET_PATH));
    }

    /** Whether {@code host}, the name a page was loaded by, is out of a DNS rebinding page's reach (see above). */
    private boolean hostCannotBeRebound(ChannelHandlerContext ctx, String host) {
        if (ctx.pipeline().get(SslHandler.class) != null
                || http.forwardedFor().trusts(ConnectionLimiter.peer(ctx.channel()))) {
            return true;
        }
        String name = ForwardedFor.node(host).toLowerCase(Locale.ROOT);
        return NetUtil.isValidIpV4Address(name)
                || NetUtil.isValidIpV6Address(name)
                || name.equals("localhost")
                || name.endsWith(".localhost");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ctx.pipeline().get("ws-frames") != null) {
            ctx.fireExceptionCaught(cause); // a chat connection now: its session says why it ends
        } else {
            ctx.close(); // a broken request or connection: nothing to tell a browser
        }
    }

    static boolean allowed(List<AddressRange> ranges, InetAddress address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
