package openchat.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import openchat.server.config.ServerText;

/**
 * Assembles a request with its body, up to {@code maxBytes} of body; a request with more (by its
 * {@code Content-Length}, or as its chunks arrive) is answered 413 with a sentence that says so, in the request's
 * language, and the connection closes. Netty's own answer has an empty body, unlike every other refusal here.
 */
final class HttpBodyLimit extends HttpObjectAggregator {
    private final ServerText text;
    private final int maxBytes;

    HttpBodyLimit(ServerText text, int maxBytes) {
        super(maxBytes);
        this.text = text;
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close(); // a server reads requests only
            return;
        }
        // Closed in every case: the client may be sending the body still, and the decoder would have to skip it.
        HttpAnswer.text(
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                        HttpAnswer.textFor(text, request).get("http.bodyTooLarge", maxBytes))
                .sendAndClose(ctx, request);
    }
}
