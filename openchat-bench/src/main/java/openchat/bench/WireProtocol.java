package openchat.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How the generator speaks to a server: OCP/1.0 to openchat, or IRC to IRC servers and the bare relay.
 *
 * <p>The generator must cost as little as it can (at N=50 it is every server's limit: docs/BENCHMARKS.md), so chat
 * is read and written at the byte level: a received chat message is handed over as a range of the read buffer,
 * never decoded into objects or strings, its framing told by words of eight bytes ({@link AsciiWord}), and a sent
 * one is a copy of a prepared frame. Only the rare control messages (the join, PING, refusals) are turned into
 * text; everything else the server sends (other members' joins and leaves) is skipped unread.
 */
public interface WireProtocol {

    enum Kind {
        ocp,
        irc
    }

    /** Told what arrives; called on the connection's event loop. */
    interface Receiver {
        void joined();

        void refused(String why);

        /** The server throttles this client (flood control): the load cannot go on. */
        void throttled(String answer);

        /** A chat body: bytes {@code from} (inclusive) to {@code to} (exclusive) of {@code buffer}. */
        void chat(ByteBuf buffer, int from, int to);
    }

    /** The bytes of one chat message with a body of 'x's, and where in them the body starts. */
    record ChatFrame(byte[] bytes, int bodyOffset) {
        static ChatFrame of(String head, int size, String tail) {
            byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
            byte[] tailBytes = tail.getBytes(StandardCharsets.US_ASCII);
            byte[] bytes = new byte[headBytes.length + size + tailBytes.length];
            System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
            Arrays.fill(bytes, headBytes.length, headBytes.length + size, (byte) 'x');
            System.arraycopy(tailBytes, 0, bytes, headBytes.length + size, tailBytes.length);
            return new ChatFrame(bytes, headBytes.length);
        }
    }

    void configure(ChannelPipeline pipeline, Receiver receiver);

    void join(Channel channel, String name);

    /** The frame of a chat message with a {@code size}-byte body. */
    ChatFrame chatFrame(int size);

    static WireProtocol of(Kind kind) {
        return kind == Kind.ocp ? new Ocp() : new Irc();
    }

    /** OCP/1.0: frames by the empty line and Content-Length; MESSAGE bodies are handed over in place. */
    final class Ocp implements WireProtocol {
        /**
         * {@code "content-length:"} as two big-endian longs, bytes 0–7 and 7–14, compared with the header line's
         * bytes read as two words, each with its case bits set (as the IRC command is): a header line costs two
         * reads to tell, not a call per byte. {@code '-'} and {@code ':'} have the bit set already.
         */
        private static final long CONTENT_LENGTH_HEAD = AsciiWord.of("content-");

        private static final long CONTENT_LENGTH_TAIL = AsciiWord.of("-length:");
        private static final int CONTENT_LENGTH_SIZE = "content-length:".length();
        /** {@code "history:"}: marks a message replayed from history on join, sent before the run, so not measured. */
        private static final long HISTORY = AsciiWord.of("history:");

        @Override
        public void configure(ChannelPipeline pipeline, Receiver receiver) {
            pipeline.addLast(new Framer(receiver));
        }

        @Override
        public void join(Channel channel, String name) {
            channel.writeAndFlush(Unpooled.copiedBuffer(
                    "CONNECT /rooms/lobby OCP/1.0\r\nName: " + name + "\r\n\r\n", StandardCharsets.UTF_8));
        }

        @Override
        public ChatFrame chatFrame(int size) {
            return ChatFrame.of("SEND /rooms/lobby OCP/1.0\r\nContent-Length: " + size + "\r\n\r\n", size, "");
        }

        private static final class Framer extends ByteToMessageDecoder {
            private final Receiver receiver;
            private boolean joined;

            Framer(Receiver receiver) {
                this.receiver = receiver;
            }

            @Override
            protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
                int end = in.writerIndex();
                while (true) {
                    int start = in.readerIndex();
                    int length = 0;
                    boolean replay = false;
                    int lineStart = start;
                    int bodyStart;
                    while (true) { // header lines up to the empty one
                        int lf = in.indexOf(lineStart, end, (byte) '\n');
                        if (lf < 0) {
                            return;
                        }
                        if (lf - lineStart <= 1) {
                            bodyStart = lf + 1;
                            break;
                        }
                        if (lineStart != start && lf - lineStart >= Long.BYTES) {
                            long head = in.getLong(lineStart) | AsciiWord.LOWER_CASE;
                            if (head == CONTENT_LENGTH_HEAD
                                    && lf - lineStart >= CONTENT_LENGTH_SIZE
                                    && (in.getLong(lineStart + 7) | AsciiWord.LOWER_CASE) == CONTENT_LENGTH_TAIL) {
                                length = digits(in, lineStart + CONTENT_LENGTH_SIZE, lf);
                            } else if (head == HISTORY) {
                                replay = true;
                            }
                        }
                        lineStart = lf + 1;
                    }
                    if (end - bodyStart < length) {
                        return;
                    }
                    switch (in.getByte(start)) {
                        case 'M' -> {
                            if (!replay) {
                                receiver.chat(in, bodyStart, bodyStart + length); // MESSAGE
                            }
                        }
                        case 'O' -> answer(
                                in.toString(start, bodyStart - start, StandardCharsets.UTF_8),
                                in.toString(bodyStart, length, StandardCharsets.UTF_8));
                        case 'P' -> {
                            if (in.getByte(start + 1) == 'I') { // PING (not PRIVATE)
                                ctx.writeAndFlush(
                                        Unpooled.copiedBuffer("OCP/1.0 200 OK\r\n\r\n", StandardCharsets.US_ASCII));
                            }
                        }
                        default -> {} // JOINED, LEFT, TOPIC, SHUTDOWN: not measured
                    }
                    in.readerIndex(bodyStart + length);
                }
            }

            private void answer(String head, String body) {
                boolean ok = head.startsWith("OCP/1.0 2");
                String statusLine = head.lines().findFirst().orElse(head);
                if (!joined && ok) {
                    joined = true;
                    receiver.joined();
                } else if (joined && head.startsWith("OCP/1.0 429")) {
                    String retryAfter = head.lines()
                            .filter(line -> line.regionMatches(true, 0, "Retry-After:", 0, 12))
                            .map(line -> " (" + line.strip() + ")")
                            .findFirst()
                            .orElse("");
                    receiver.throttled("\"" + statusLine + "\"" + retryAfter);
                } else if (!ok) {
                    receiver.refused(statusLine + " " + body);
                }
            }

            private static int digits(ByteBuf in, int from, int to) {
                int value = 0;
                for (int i = from; i < to; i++) {
                    byte b = in.getByte(i);
                    if (b >= '0' && b <= '9') {
                        value = value * 10 + (b - '0');
                    } else if (b != ' ' && b != '\t') {
                        break;
                    }
                }
                return value;
            }
        }
    }

    /** IRC: frames by line; PRIVMSG text is handed over in place. */
    final class Irc implements WireProtocol {
        static final String CHANNEL = "#bench";
        /** {@code "privmsg "}, to compare the command with one read (it comes every line). */
        private static final long PRIVMSG = AsciiWord.of("privmsg ");
        /** The commands and numerics the generator acts on; every other line is skipped unread. */
        private static final Set<String> CONTROL =
                Set.of("PING", "001", "366", "433", "465", "471", "473", "474", "475", "ERROR");

        @Override
        public void configure(ChannelPipeline pipeline, Receiver receiver) {
            pipeline.addLast(new Lines(receiver));
        }

        @Override
        public void join(Channel channel, String name) {
            channel.writeAndFlush(Unpooled.copiedBuffer(
                    "NICK " + name + "\r\nUSER " + name + " 0 * :" + name + "\r\n", StandardCharsets.US_ASCII));
        }

        @Override
        public ChatFrame chatFrame(int size) {
            return ChatFrame.of("PRIVMSG " + CHANNEL + " :", size, "\r\n");
        }

        private static final class Lines extends LineFramer {
            private final Receiver receiver;
            private boolean joined;

            Lines(Receiver receiver) {
                this.receiver = receiver;
            }

            @Override
            protected void tooLong() {
                receiver.refused("a line longer than " + MAX_LINE + " bytes");
            }

            @Override
            protected void line(ChannelHandlerContext ctx, ByteBuf in, int start, int lf) {
                int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
                message(ctx, in, start, end);
            }

            private void message(ChannelHandlerContext ctx, ByteBuf in, int start, int end) {
                int command = start;
                if (start < end && in.getByte(start) == ':') {
                    int space = in.indexOf(start, end, (byte) ' ');
                    if (space < 0) {
                        return;
                    }
                    command = space + 1;
                }
                if (end - command >= Long.BYTES && (in.getLong(command) | AsciiWord.LOWER_CASE) == PRIVMSG) {
                    int colon = in.indexOf(command + Long.BYTES, end, (byte) ':');
                    if (colon >= 0) {
                        receiver.chat(in, colon + 1, end);
                    }
                    return;
                }
                int space = in.indexOf(command, end, (byte) ' ');
                int commandEnd = space < 0 ? end : space;
                if (commandEnd - command <= 5
                        && CONTROL.contains(in.toString(command, commandEnd - command, StandardCharsets.US_ASCII))) {
                    control(ctx, in.toString(start, end - start, StandardCharsets.UTF_8));
                }
            }

            private void control(ChannelHandlerContext ctx, String line) {
                if (line.startsWith("PING")) {
                    ctx.writeAndFlush(
                            Unpooled.copiedBuffer("PONG" + line.substring(4) + "\r\n", StandardCharsets.UTF_8));
                    return;
                }
                String[] words = line.split(" ", 3);
                String command = line.startsWith(":") && words.length >= 2 ? words[1] : words[0];
                switch (command) {
                    case "001" -> ctx.writeAndFlush(
                            Unpooled.copiedBuffer("JOIN " + CHANNEL + "\r\n", StandardCharsets.US_ASCII));
                    case "366" -> {
                        if (!joined) {
                            joined = true;
                            receiver.joined();
                        }
                    }
                    case "ERROR" -> {
                        if (joined) {
                            receiver.throttled("\"" + line + "\"");
                        } else {
                            receiver.refused(line);
                        }
                    }
                    default -> receiver.refused(line);
                }
            }
        }
    }
}
