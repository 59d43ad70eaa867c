package openchat.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.LingeringClose;

/**
 * First on the HTTPS port: a browser or curl that speaks plain HTTP there ({@code http://host:8080/} on a server with
 * TLS) would otherwise be closed without a word, since its request is no TLS record. When the first byte is not a TLS
 * record's (a handshake, 22, or an SSLv2-style hello, high bit set), this answers {@code 400 Bad Request} in plain
 * text saying to use https, as nginx does ("The plain HTTP request was sent to HTTPS port"), and closes. A TLS
 * client's bytes pass on to the TLS handler untouched, and this leaves the pipeline.
 */
final class PlainHttpOnTlsPort extends ByteToMessageDecoder {
    private static final int TLS_HANDSHAKE = 22;

    private final ServerText text;
    private boolean answered;

    PlainHttpOnTlsPort(ServerText text) {
        this.text = text;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (answered) {
            in.skipBytes(in.readableBytes()); // the rest of the request, dropped while the answer goes out
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if (first == TLS_HANDSHAKE || (first & 0x80) != 0) {
            ctx.pipeline().remove(this); // what it holds goes on to the TLS handler
            return;
        }
        answered = true;
        in.skipBytes(in.readableBytes());
        // This connection will never speak TLS: without the TLS handler, the close that follows sends no
        // close_notify record behind the answer.
        ctx.pipeline().remove(io.netty.handler.ssl.SslHandler.class);
        byte[] body = (text.get("answer.plainHttpOnTlsPort") + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n";
        ByteBuf answer = Unpooled.buffer(head.length() + body.length)
                .writeBytes(head.getBytes(StandardCharsets.US_ASCII))
                .writeBytes(body);
        // Written from here, in front of the TLS handler: in the clear, as the client speaks.
        LingeringClose.closeAfter(ctx.writeAndFlush(answer), ServerConfig.CLOSE_LINGER);
    }
}
