package openchat.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Between WebSocket frames and the byte stream a protocol's handlers read and write. A frame's payload becomes bytes
 * in; bytes out are cut into one frame per message: per OCP message (the start line and fields up to the empty
 * line, then {@code Content-Length} bytes) for {@code ocp}, per line without its CR LF for the IRCv3 WebSocket
 * subprotocols, where an incoming frame is one line and gets its CR LF back. The server's own output is always
 * whole messages, so no message spans two writes.
 */
final class WebSocketFrames extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
    private static final byte[] CRLF = {'\r', '\n'};

    enum Kind {
        OCP,
        IRC_TEXT,
        IRC_BINARY
    }

    private final Kind kind;

    WebSocketFrames(Kind kind) {
        this.kind = kind;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
            return; // close, ping and pong frames are the protocol handler's, before this one
        }
        if (kind == Kind.OCP) {
            out.add(frame.content().retain());
        } else {
            out.add(ctx.alloc()
                    .compositeBuffer(2)
                    .addComponents(
                            true,
                            frame.content().retain(),
                            ctx.alloc().buffer(2).writeBytes(CRLF)));
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf bytes, List<Object> out) {
        int at = bytes.readerIndex();
        int end = bytes.writerIndex();
        while (at < end) {
            int next = kind == Kind.OCP ? ocpMessageEnd(bytes, at, end) : ircLineEnd(bytes, at, end);
            int payloadEnd = kind == Kind.OCP ? next : Math.max(at, next - 2);
            ByteBuf payload = bytes.retainedSlice(at, payloadEnd - at);
            out.add(kind == Kind.IRC_BINARY ? new BinaryWebSocketFrame(payload) : new TextWebSocketFrame(payload));
            at = next;
        }
    }

    /** Where the IRC line starting at {@code at} ends, its CR LF included (or {@code end}). */
    private static int ircLineEnd(ByteBuf bytes, int at, int end) {
        int lf = bytes.indexOf(at, end, (byte) '\n');
        return lf < 0 ? end : lf + 1;
    }

    /** Where the OCP message starting at {@code at} ends: its empty line, then Content-Length bytes (or {@code end}). */
    private static int ocpMessageEnd(ByteBuf bytes, int at, int end) {
        int headerEnd = end;
        String head = null;
        for (int i = at; i + 3 < end; i++) {
            if (bytes.getByte(i) == '\r'
                    && bytes.getByte(i + 1) == '\n'
                    && bytes.getByte(i + 2) == '\r'
                    && bytes.getByte(i + 3) == '\n') {
                head = bytes.toString(at, i - at, StandardCharsets.UTF_8);
                headerEnd = i + 4;
                break;
            }
        }
        if (head == null) {
            return end;
        }
        int length = 0;
        for (String field : head.split("\r\n")) {
            int colon = field.indexOf(':');
            if (colon > 0
                    && field.substring(0, colon)
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .equals("content-length")) {
                length = Integer.parseInt(field.substring(colon + 1).strip());
            }
        }
        return Math.min(end, headerEnd + length);
    }
}
