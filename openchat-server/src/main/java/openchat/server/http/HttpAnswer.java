package openchat.server.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.LingeringClose;

/**
 * One whole answer of the HTTP listener, as a value: its status, body and type (and {@code Allow} for a 405), sent
 * with its length and the page's security headers. The connection stays open for the next request when the client
 * asked for that ({@link #sendTo}); after a request that could not be read ({@link #sendAndClose}) nothing behind it
 * can be, so the connection closes once the answer is out.
 */
final class HttpAnswer {
    static final String TEXT = "text/plain; charset=utf-8";
    /** The page may load only its own files and talk only to its own server. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; "
            + "img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final HttpResponseStatus status;
    private final byte[] body;
    private final String contentType;
    /** The methods the path takes, for a 405 (RFC 9110 15.5.6: it must say them); null for any other answer. */
    private final String allow;
    /** The entity tag of a web client's file, and of the 304 that stands for it; null for any other answer. */
    private final String etag;

    private HttpAnswer(HttpResponseStatus status, byte[] body, String contentType, String allow, String etag) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
        this.allow = allow;
        this.etag = etag;
    }

    static HttpAnswer of(HttpResponseStatus status, byte[] body, String contentType) {
        return new HttpAnswer(status, body, contentType, null, null);
    }

    /**
     * A web client's file with its entity tag; or 304 Not Modified, with the tag and no content, when the request's
     * {@code If-None-Match} names the tag (the browser's copy is the file as it is).
     */
    static HttpAnswer file(StaticFiles.File file, HttpRequest request) {
        boolean unchanged = StaticFiles.matches(request.headers().get(HttpHeaderNames.IF_NONE_MATCH), file.etag());
        return unchanged
                ? new HttpAnswer(HttpResponseStatus.NOT_MODIFIED, new byte[0], null, null, file.etag())
                : new HttpAnswer(HttpResponseStatus.OK, file.bytes(), file.contentType(), null, file.etag());
    }

    /** A sentence (or a few lines) as plain text, ended with a line feed. */
    static HttpAnswer text(HttpResponseStatus status, String sentence) {
        return of(status, (sentence + "\n").getBytes(StandardCharsets.UTF_8), TEXT);
    }

    /** 405 for a method the path does not take, with {@code Allow: methods}. */
    static HttpAnswer methodNotAllowed(String methods, String sentence) {
        return new HttpAnswer(
                HttpResponseStatus.METHOD_NOT_ALLOWED,
                (sentence + "\n").getBytes(StandardCharsets.UTF_8),
                TEXT,
                methods,
                null);
    }

    /**
     * The server's sentences in the first language of the request's {@code Accept-Language} that the server speaks,
     * as a chat connection's answers are; else in the server's language.
     */
    static ServerText textFor(ServerText server, HttpRequest request) {
        String asked = request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE);
        return asked == null ? server : server.forAcceptLanguage(asked);
    }

    /** Sends the answer to {@code request}, keeping the connection when the client asked to keep it. */
    void sendTo(ChannelHandlerContext ctx, HttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ChannelFuture written = ctx.writeAndFlush(response(request, keepAlive));
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * Sends the answer and closes: the request was not read whole (a malformed head), and the decoder discards all
     * that follows it. What the client may still be sending is drained meanwhile, so that the answer is not lost to a
     * reset ({@link LingeringClose}).
     */
    void sendAndClose(ChannelHandlerContext ctx, HttpRequest request) {
        LingeringClose.closeAfter(ctx.writeAndFlush(response(request, false)), ServerConfig.CLOSE_LINGER);
    }

    private FullHttpResponse response(HttpRequest request, boolean keepAlive) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        if (status.equals(HttpResponseStatus.NOT_MODIFIED)) {
            // No content, and no length: the length a 304 may say is the file's, which the client already has.
            response.headers().set(HttpHeaderNames.ETAG, etag);
        } else {
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (etag != null) {
                response.headers().set(HttpHeaderNames.ETAG, etag);
            }
        }
        // no-cache: a browser keeps the file but asks each time whether it is still the one served (ETag above).
        response.headers()
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (allow != null) {
            response.headers().set(HttpHeaderNames.ALLOW, allow);
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            // How long the server keeps the connection for the next request (HttpKeepAlive).
            response.headers().set("Keep-Alive", "timeout=" + ServerConfig.WEB_KEEP_ALIVE.toSeconds());
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }
}
