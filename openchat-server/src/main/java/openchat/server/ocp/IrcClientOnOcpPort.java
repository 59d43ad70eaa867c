package openchat.server.ocp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;
import openchat.server.config.ServerConfig;
import openchat.server.config.ServerText;

/**
 * An IRC client pointed at the OCP port (irssi -p 3000) would wait for a header section that never ends, then
 * read an OCP 408 it cannot show. When the connection's first read starts with one of IRC's registration commands,
 * this answers in IRC instead: an {@code ERROR} line that names the IRC port, then closes. It looks at the first
 * read only (an IRC client writes whole lines), then leaves the pipeline: one shared instance per listener, no
 * state, nothing on the path of later reads.
 */
@Sharable
final class IrcClientOnOcpPort extends ChannelInboundHandlerAdapter {
    /** What an IRC client sends first: its capabilities, password, nickname or user, and a space. */
    private static final String[] REGISTRATION = {"CAP ", "PASS ", "NICK ", "USER "};

    /** The IRC listener's port, or {@link ServerConfig#OFF}. */
    private final IntSupplier ircPort;

    private final ServerText text;

    IrcClientOnOcpPort(IntSupplier ircPort, ServerText text) {
        this.ircPort = ircPort;
        this.text = text;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.pipeline().remove(this);
        if (!(msg instanceof ByteBuf first) || !startsWithRegistration(first)) {
            ctx.fireChannelRead(msg);
            return;
        }
        first.release();
        ctx.channel().attr(OcpSession.CLOSE_CAUSE).setIfAbsent("an IRC client on the OCP port");
        ctx.channel().config().setAutoRead(false);
        int port = ircPort.getAsInt();
        String why =
                port == ServerConfig.OFF ? text.get("answer.ircOff") : text.get("answer.ircPort", String.valueOf(port));
        ctx.writeAndFlush(Unpooled.copiedBuffer("ERROR :" + why + "\r\n", StandardCharsets.UTF_8))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** True when {@code in} starts with a registration command, in any case, and a space. */
    private static boolean startsWithRegistration(ByteBuf in) {
        for (String command : REGISTRATION) {
            if (in.readableBytes() >= command.length() && matches(in, command)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(ByteBuf in, String command) {
        for (int i = 0; i < command.length(); i++) {
            int b = in.getByte(in.readerIndex() + i);
            int upper = b >= 'a' && b <= 'z' ? b - ('a' - 'A') : b;
            if (upper != command.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
