package openchat.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How the generator speaks to a server: OCP/1.0 to openchat, or IRC to IRC servers and the bare relay.
 *
 * <p>The generator must not be the bottleneck, so chat is read and written at the byte level: a received
 * chat message is handed over as a range of the read buffer, never decoded into objects or strings, and a
 * sent one is written straight into a pooled buffer. Only the rare control messages (the join, PING,
 * refusals) are turned into text.
 */
public interface WireProtocol {

    enum Kind { ocp, irc }

    /** Told what arrives; called on the connection's event loop. */
    interface Receiver {
        void joined();

        void refused(String why);

        /** A chat body: bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code buffer}. */
        void chat(ByteBuf buffer, int from, int to);
    }

    void configure(ChannelPipeline pipeline, Receiver receiver);

    void join(Channel channel, String name);

    /** Writes (without flushing) one chat message whose body is {@code head} padded with 'x' to {@code size}. */
    void writeChat(Channel channel, byte[] head, int headLength, int size);

    static WireProtocol of(Kind kind) {
        return kind == Kind.ocp ? new Ocp() : new Irc();
    }

    private static int indexOf(ByteBuf buffer, int from, int to, String needle) {
        outer:
        for (int i = from; i <= to - needle.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (buffer.getByte(i + j) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void writePadded(ByteBuf out, byte[] head, int headLength, int size) {
        out.writeBytes(head, 0, headLength);
        for (int i = headLength; i < size; i++) {
            out.writeByte('x');
        }
    }

    /** OCP/1.0: frames by the empty line and Content-Length; MESSAGE bodies are handed over in place. */
    final class Ocp implements WireProtocol {
        private static final byte[] SEND_HEAD = "SEND /rooms/lobby OCP/1.0\r\nContent-Length: "
                .getBytes(StandardCharsets.US_ASCII);

        @Override
        public void configure(ChannelPipeline pipeline, Receiver receiver) {
            pipeline.addLast(new Framer(receiver));
        }

        @Override
        public void join(Channel channel, String name) {
            channel.writeAndFlush(Unpooled.copiedBuffer("CONNECT /rooms/lobby OCP/1.0\r\nName: " + name + "\r\n\r\n",
                    StandardCharsets.UTF_8));
        }

        @Override
        public void writeChat(Channel channel, byte[] head, int headLength, int size) {
            ByteBuf out = channel.alloc().buffer(SEND_HEAD.length + 8 + size);
            out.writeBytes(SEND_HEAD);
            out.writeCharSequence(Integer.toString(size), StandardCharsets.US_ASCII);
            out.writeByte('\r').writeByte('\n').writeByte('\r').writeByte('\n');
            writePadded(out, head, headLength, size);
            channel.write(out, channel.voidPromise());
        }

        private static final class Framer extends ByteToMessageDecoder {
            private final Receiver receiver;
            private boolean joined;

            Framer(Receiver receiver) {
                this.receiver = receiver;
            }

            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                while (true) {
                    int start = in.readerIndex();
                    int end = in.writerIndex();
                    int headerEnd = indexOf(in, start, end, "\r\n\r\n");
                    if (headerEnd < 0) {
                        return;
                    }
                    int length = contentLength(in, start, headerEnd);
                    int bodyStart = headerEnd + 4;
                    if (end - bodyStart < length) {
                        return;
                    }
                    if (in.getByte(start) == 'M') { // MESSAGE, the one that matters
                        receiver.chat(in, bodyStart, bodyStart + length);
                    } else {
                        control(ctx, in.toString(start, headerEnd - start, StandardCharsets.UTF_8),
                                in.toString(bodyStart, length, StandardCharsets.UTF_8));
                    }
                    in.readerIndex(bodyStart + length);
                }
            }

            private void control(ChannelHandlerContext ctx, String head, String body) {
                if (head.startsWith("OCP/1.0 ")) {
                    boolean ok = head.startsWith("OCP/1.0 2");
                    if (!joined && ok) {
                        joined = true;
                        receiver.joined();
                    } else if (!ok) {
                        receiver.refused(head.lines().findFirst().orElse(head) + " " + body);
                    }
                } else if (head.startsWith("PING ")) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer("OCP/1.0 200 OK\r\n\r\n", StandardCharsets.US_ASCII));
                }
            }

            private static int contentLength(ByteBuf in, int from, int to) {
                int at = indexOf(in, from, to, "Content-Length: ");
                if (at < 0) {
                    return 0;
                }
                int value = 0;
                for (int i = at + 16; i < to; i++) {
                    byte b = in.getByte(i);
                    if (b < '0' || b > '9') {
                        break;
                    }
                    value = value * 10 + (b - '0');
                }
                return value;
            }
        }
    }

    /** IRC: frames by line; PRIVMSG text is handed over in place. */
    final class Irc implements WireProtocol {
        static final String CHANNEL = "#bench";
        private static final byte[] PRIVMSG = ("PRIVMSG " + CHANNEL + " :").getBytes(StandardCharsets.US_ASCII);

        @Override
        public void configure(ChannelPipeline pipeline, Receiver receiver) {
            pipeline.addLast(new LineBasedFrameDecoder(8192), new Lines(receiver));
        }

        @Override
        public void join(Channel channel, String name) {
            channel.writeAndFlush(Unpooled.copiedBuffer("NICK " + name + "\r\nUSER " + name + " 0 * :" + name + "\r\n",
                    StandardCharsets.US_ASCII));
        }

        @Override
        public void writeChat(Channel channel, byte[] head, int headLength, int size) {
            ByteBuf out = channel.alloc().buffer(PRIVMSG.length + size + 2);
            out.writeBytes(PRIVMSG);
            writePadded(out, head, headLength, size);
            out.writeByte('\r').writeByte('\n');
            channel.write(out, channel.voidPromise());
        }

        private static final class Lines extends ChannelInboundHandlerAdapter {
            private final Receiver receiver;
            private boolean joined;

            Lines(Receiver receiver) {
                this.receiver = receiver;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                ByteBuf line = (ByteBuf) message;
                try {
                    int start = line.readerIndex();
                    int end = line.writerIndex();
                    int privmsg = indexOf(line, start, Math.min(end, start + 80), " PRIVMSG ");
                    int text = privmsg < 0 ? -1 : indexOf(line, privmsg, end, " :");
                    if (text >= 0) {
                        receiver.chat(line, text + 2, end);
                    } else {
                        control(ctx, line.toString(StandardCharsets.UTF_8));
                    }
                } finally {
                    line.release();
                }
            }

            private void control(ChannelHandlerContext ctx, String line) {
                if (line.startsWith("PING")) {
                    ctx.writeAndFlush(Unpooled.copiedBuffer("PONG" + line.substring(4) + "\r\n", StandardCharsets.UTF_8));
                    return;
                }
                String[] words = line.split(" ", 3);
                if (words.length < 2) {
                    return;
                }
                switch (words[1]) {
                    case "001" -> ctx.writeAndFlush(Unpooled.copiedBuffer("JOIN " + CHANNEL + "\r\n",
                            StandardCharsets.US_ASCII));
                    case "366" -> {
                        if (!joined) {
                            joined = true;
                            receiver.joined();
                        }
                    }
                    case "433", "465", "471", "473", "474", "475", "ERROR" -> receiver.refused(line);
                    default -> { }
                }
            }
        }
    }
}
