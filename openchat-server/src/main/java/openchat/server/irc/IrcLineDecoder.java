package openchat.server.irc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.Optional;
import openchat.protocol.Utf8;

/**
 * One framed line (after Netty's {@code LineBasedFrameDecoder}, which cut it at LF and dropped the LF) to an
 * {@link IrcMessage}, or to a {@link BadLine} that says what is wrong with it, so that the session answers and
 * the connection goes on. Checks the limits of the Modern IRC and message-tags documents: at most 510 bytes
 * besides the tags, at most {@value #MAX_TAGS_BYTES} bytes of tags; strict UTF-8. Blank lines are skipped.
 */
final class IrcLineDecoder extends MessageToMessageDecoder<ByteBuf> {
    /** A line without its tags and CR LF. */
    static final int MAX_LINE_BYTES = IrcListener.MAX_LINE_BYTES - 2;
    /** The tags section with its {@code @} and the space after it (the message-tags specification's 8191). */
    static final int MAX_TAGS_BYTES = IrcListener.MAX_TAG_BYTES;
    /** What the framer lets through: the longest line with tags, and its CR. */
    static final int MAX_FRAME_BYTES = MAX_TAGS_BYTES + MAX_LINE_BYTES + 1;

    /** A line the session refuses; {@code command} is the line's command when it could be read, else null. */
    record BadLine(Problem problem, String command) {}

    enum Problem {
        /** Over the length limits: 417. */
        TOO_LONG,
        /** Not valid UTF-8: the server is {@code UTF8ONLY}. */
        NOT_UTF8,
        /** No command, a NUL, or too many parameters. */
        MALFORMED
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int length = frame.readableBytes();
        if (length > 0 && frame.getByte(frame.readerIndex() + length - 1) == '\r') {
            length--;
        }
        if (length == 0) {
            return;
        }
        int start = frame.readerIndex();
        int tagBytes = 0;
        if (frame.getByte(start) == '@') {
            int space = frame.indexOf(start, start + length, (byte) ' ');
            tagBytes = space < 0 ? length : space - start + 1;
        }
        if (tagBytes > MAX_TAGS_BYTES || length - tagBytes > MAX_LINE_BYTES) {
            out.add(new BadLine(Problem.TOO_LONG, null));
            return;
        }
        Optional<String> line = Utf8.decode(frame, start, length);
        if (line.isEmpty()) {
            out.add(new BadLine(Problem.NOT_UTF8, null));
            return;
        }
        try {
            out.add(IrcMessage.parse(line.get()));
        } catch (IllegalArgumentException malformed) {
            out.add(new BadLine(Problem.MALFORMED, null));
        }
    }
}
