package openchat.server.ocp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;

/**
 * An IRC client pointed at the OCP port (irssi -p 3000) would wait for a header section that never ends, then
 * read an OCP 408 it cannot show. When the connection's first line is one of IRC's registration commands, this
 * answers in IRC instead: an {@code ERROR} line that names the IRC port, then closes. Any other first line goes on
 * to the OCP decoder untouched, and this handler steps aside.
 */
final class IrcClientOnOcpPort extends ByteToMessageDecoder {
    /** What an IRC client sends first: its capabilities, password, nickname or user. */
    private static final Set<String> REGISTRATION = Set.of("CAP", "PASS", "NICK", "USER");
    /** Longer than any of those commands with a parameter, shorter than an OCP header section may be. */
    private static final int FIRST_WORD_WITHIN = 16;

    /** The IRC listener's port, or {@link ServerConfig#OFF}. */
    private final int ircPort;

    private final ServerText text;

    IrcClientOnOcpPort(int ircPort, ServerText text) {
        this.ircPort = ircPort;
        this.text = text;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int end = Math.min(in.writerIndex(), in.readerIndex() + FIRST_WORD_WITHIN);
        int space = in.indexOf(in.readerIndex(), end, (byte) ' ');
        if (space < 0) {
            if (end - in.readerIndex() < FIRST_WORD_WITHIN) {
                return; // the first word goes on: wait for more
            }
            ctx.pipeline().remove(this); // too long for an IRC command: OCP's decoder decides
            return;
        }
        String word = in.toString(in.readerIndex(), space - in.readerIndex(), StandardCharsets.US_ASCII)
                .toUpperCase(Locale.ROOT);
        if (!REGISTRATION.contains(word)) {
            ctx.pipeline().remove(this); // what it holds goes on to the decoder
            return;
        }
        in.skipBytes(in.readableBytes());
        ctx.channel().attr(OcpSession.CLOSE_CAUSE).setIfAbsent("an IRC client on the OCP port");
        ctx.channel().config().setAutoRead(false);
        String why = ircPort == ServerConfig.OFF
                ? text.get("answer.ircOff")
                : text.get("answer.ircPort", String.valueOf(ircPort));
        ctx.writeAndFlush(Unpooled.copiedBuffer("ERROR :" + why + "\r\n", StandardCharsets.UTF_8))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
