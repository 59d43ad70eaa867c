package openchat.server.ocp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;
import openchat.server.net.CloseCause;
import openchat.server.net.LingeringClose;
import openchat.server.net.ServerClose;

/**
 * An IRC client or a web browser pointed at the OCP port (irssi -p 3000, http://host:3000/) would get OCP answers it
 * cannot show: an IRC client after waiting out the join deadline. When a connection's first read starts as an IRC
 * client's registration ({@code CAP}, {@code PASS}, {@code NICK}, {@code USER}) or an HTTP request ({@code GET},
 * {@code HEAD}, {@code POST}), this answers in that protocol, naming the port to use, and closes. A TLS client at a
 * port without TLS ({@code client --tls}, an IRC client with TLS on) sends a handshake record and then waits for the
 * server's, which never comes: the connection is closed at once, so that the client can say so now rather than after
 * its handshake timeout. It looks at the
 * first read only (both write their first line whole), then leaves the pipeline: one shared instance per listener,
 * no state, nothing on the path of later reads.
 */
@Sharable
final class OtherClientOnOcpPort extends ChannelInboundHandlerAdapter {
    private static final String[] IRC_REGISTRATION = {"CAP ", "PASS ", "NICK ", "USER "};
    private static final String[] HTTP_REQUEST = {"GET ", "HEAD ", "POST "};

    /** The IRC listener's port, or {@link ServerConfig#OFF}. */
    private final IntSupplier ircPort;
    /** The HTTP listener's port, or {@link ServerConfig#OFF}. */
    private final IntSupplier httpPort;
    /** "https" when the web page is served over TLS, else "http". */
    private final String webScheme;

    private final ServerText text;

    OtherClientOnOcpPort(IntSupplier ircPort, IntSupplier httpPort, String webScheme, ServerText text) {
        this.ircPort = ircPort;
        this.httpPort = httpPort;
        this.webScheme = webScheme;
        this.text = text;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.pipeline().remove(this);
        if (msg instanceof ByteBuf first) {
            if (isTlsHandshake(first)) {
                first.release();
                ServerClose.WRONG_PORT.mark(ctx.channel());
                ctx.close();
                return;
            }
            if (startsWithAny(first, IRC_REGISTRATION)) {
                first.release();
                int port = ircPort.getAsInt();
                answerAndClose(
                        ctx,
                        text.get("close.ircOnOcpPort"),
                        "ERROR :"
                                + (port == ServerConfig.OFF
                                        ? text.get("answer.ircOff")
                                        : text.get("answer.ircPort", String.valueOf(port)))
                                + "\r\n");
                return;
            }
            if (startsWithAny(first, HTTP_REQUEST)) {
                first.release();
                int port = httpPort.getAsInt();
                byte[] body = (port == ServerConfig.OFF
                                ? text.get("answer.webOff")
                                : text.get("answer.webPort", String.valueOf(port), webScheme))
                        .concat("\n")
                        .getBytes(StandardCharsets.UTF_8);
                answerAndClose(
                        ctx,
                        text.get("close.browserOnOcpPort"),
                        "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                                + body.length + "\r\nConnection: close\r\n\r\n"
                                + new String(body, StandardCharsets.UTF_8));
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private static void answerAndClose(ChannelHandlerContext ctx, String cause, String answer) {
        CloseCause.set(ctx.channel(), cause);
        ServerClose.WRONG_PORT.mark(ctx.channel());
        ctx.channel().config().setAutoRead(false);
        LingeringClose.closeAfter(
                ctx.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8)), ServerConfig.CLOSE_LINGER);
    }

    /** A TLS record of the handshake type (22), version 3.x: a ClientHello (RFC 8446 5.1). */
    private static boolean isTlsHandshake(ByteBuf in) {
        return in.readableBytes() >= 2 && in.getByte(in.readerIndex()) == 22 && in.getByte(in.readerIndex() + 1) == 3;
    }

    /** True when {@code in} starts with one of {@code prefixes}, letters in any case. */
    private static boolean startsWithAny(ByteBuf in, String[] prefixes) {
        for (String prefix : prefixes) {
            if (in.readableBytes() >= prefix.length() && startsWith(in, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(ByteBuf in, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            int b = in.getByte(in.readerIndex() + i);
            int upper = b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b;
            if (upper != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
