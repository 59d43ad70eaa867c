package openchat.server.irc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.time.Duration;
import java.util.List;
import openchat.server.net.MessageDeadline;

/**
 * Cuts the bytes read into lines at LF and hands each line on decoded ({@link IrcLineDecoder}: an {@link IrcMessage}
 * or a {@link IrcLineDecoder.BadLine}; blank lines are skipped). A line longer than {@link
 * IrcLineDecoder#MAX_FRAME_BYTES} is skipped up to its LF, which may come reads later, and then refused with a {@link
 * TooLongFrameException}; the framer remembers whether that line started with more tag bytes than a line may carry,
 * and its {@code label} when its tags were within their limit, so that the session's 417 says which part was too long
 * and answers the label, as it does for the lines {@link IrcLineDecoder} refuses.
 *
 * <p>It does what Netty's {@code LineBasedFrameDecoder} (not failing fast, delimiter stripped) and a decoder after it
 * did, but reads each line where it lies in the buffer: with a slice per line and a second handler, a chat line over
 * IRC took 6–9 % more of the server's CPU (docs/BENCHMARKS.md, "What each optimisation changed").
 *
 * <p>A line that has begun must end within the line deadline ({@link MessageDeadline}: the header deadline, from the
 * read that brought its first byte), a line being skipped too; else the session is told {@link #SLOW_LINE} and ends
 * the connection. After each read the framer tells the deadline whether bytes of a line are left without their LF.
 */
final class IrcFramer extends ByteToMessageDecoder {
    /** The user event a line not whole within its deadline fires towards the session. */
    static final Object SLOW_LINE = new Object() {
        @Override
        public String toString() {
            return "SLOW_LINE";
        }
    };

    private boolean tagsTooLong;
    /** The label of the line last refused as too long, read from its start ({@link IrcLineDecoder#label}); or null. */
    private String refusedLabel;
    /** Inside a line over the limit, until its LF: everything up to it is skipped, then the line is refused. */
    private boolean skipping;
    /** How much of the line being skipped went by, for the refusal's message. */
    private int skipped;
    /** How many bytes after the reader index were searched for an LF without finding one. */
    private int searched;

    private final IrcLineDecoder.LastTarget lastTarget = new IrcLineDecoder.LastTarget();

    private final MessageDeadline deadline;
    private ChannelHandlerContext ctx;
    /** The read being handed on ended a line (an LF was found). */
    private boolean lineEnded;

    /** {@code lineDeadline}: how long a line may take from its first byte to its LF. */
    IrcFramer(Duration lineDeadline) {
        this.deadline = new MessageDeadline(lineDeadline, this::tooSlow);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        lineEnded = false;
        super.channelRead(ctx, msg);
        deadline.afterRead(ctx, skipping || actualReadableBytes() > 0, lineEnded);
    }

    private void tooSlow() {
        ctx.fireUserEventTriggered(SLOW_LINE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        deadline.stop();
        super.channelInactive(ctx);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        deadline.stop();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lf = in.indexOf(start + searched, end, (byte) '\n');
        if (lf < 0) {
            searched = end - start;
            if (!skipping && searched > IrcLineDecoder.MAX_FRAME_BYTES) {
                readStart(in, start, searched);
                skipping = true;
                skipped = 0;
            }
            if (skipping) {
                skipped += searched;
                in.skipBytes(searched);
                searched = 0;
            }
            return;
        }
        searched = 0;
        lineEnded = true;
        in.readerIndex(lf + 1);
        int length = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 - start : lf - start;
        if (skipping) {
            skipping = false;
            refuse(ctx, skipped + length);
        } else if (length > IrcLineDecoder.MAX_FRAME_BYTES) {
            readStart(in, start, length);
            refuse(ctx, length);
        } else {
            Object line = IrcLineDecoder.decode(in, start, length, lastTarget);
            if (line != null) {
                out.add(line);
            }
        }
    }

    /** What the refusal of the line starting at {@code start} says: whether its tags were too long, its label. */
    private void readStart(ByteBuf in, int start, int length) {
        tagsTooLong = IrcLineDecoder.tagsTooLong(in, start, length);
        refusedLabel = IrcLineDecoder.label(in, start, length);
    }

    private static void refuse(ChannelHandlerContext ctx, int length) {
        ctx.fireExceptionCaught(new TooLongFrameException(
                "frame length (" + length + ") exceeds the allowed maximum (" + IrcLineDecoder.MAX_FRAME_BYTES + ")"));
    }

    /** Whether the line last refused as too long was refused for its tags (a tag section over 8191 bytes). */
    boolean refusedForTags() {
        return tagsTooLong;
    }

    /** The {@code label} of the line last refused as too long, when its tag section could be read; else null. */
    String refusedLabel() {
        return refusedLabel;
    }
}
