package openchat.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import openchat.server.config.ServerText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in a web connection's pipeline: answers 404 to a request that every handler before it passed by. Without it
 * such a request ends at the pipeline's tail, released without a word, and {@link HttpKeepAlive}, whose clock stops
 * while a request is being answered, never starts it again: the connection stays open, holding one of its address's
 * web places, for as long as the client likes. That is how {@code GET /ws?x=1} hung, when Netty's handshake, which
 * compares the whole request-target, let it by. {@link HttpRoutes} answers everything but the handshakes it hands on,
 * so this answers nothing in normal use; the WebSocket bridge removes it from a chat connection.
 */
final class UnansweredRequests extends ChannelInboundHandlerAdapter {
    static final String NAME = "unanswered";
    private static final Logger log = LoggerFactory.getLogger(UnansweredRequests.class);

    private final ServerText text;

    UnansweredRequests(ServerText text) {
        this.text = text;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof HttpObject)) {
            ctx.fireChannelRead(message);
            return;
        }
        try {
            if (message instanceof FullHttpRequest request) {
                log.debug(
                        "{}: no handler answered {} {}",
                        ctx.channel().remoteAddress(),
                        request.method(),
                        request.uri());
                HttpAnswer.text(
                                HttpResponseStatus.NOT_FOUND,
                                HttpAnswer.textFor(text, request).get("http.notFound"))
                        .sendTo(ctx, request);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }
}
