package openchat.server.irc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LineBasedFrameDecoder;

/**
 * Netty's line framer (cuts at LF, fails a line longer than {@link IrcLineDecoder#MAX_FRAME_BYTES} with a
 * {@link io.netty.handler.codec.TooLongFrameException} and skips it up to its LF), which also remembers whether the
 * line it last looked at starts with more tag bytes than a line may carry: the session's 417 for a refused frame
 * then says which part was too long, as {@link IrcLineDecoder} does for the lines it refuses.
 */
final class IrcFramer extends LineBasedFrameDecoder {
    private boolean tagsTooLong;
    /**
     * Inside a line over the limit, until its LF: Netty (not failing fast) refuses the line only when its LF comes,
     * in a later read, so what {@link #tagsTooLong} found at the line's start must hold until then.
     */
    private boolean skipping;

    IrcFramer() {
        super(IrcLineDecoder.MAX_FRAME_BYTES, true, false);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        int readable = buffer.readableBytes();
        if (skipping) {
            skipping = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) '\n') < 0;
        } else if (readable > IrcLineDecoder.MAX_FRAME_BYTES) {
            tagsTooLong = IrcLineDecoder.tagsTooLong(buffer, buffer.readerIndex(), readable);
            skipping = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) '\n') < 0;
        }
        return super.decode(ctx, buffer);
    }

    /** Whether the line last refused as too long was refused for its tags (a tag section over 8191 bytes). */
    boolean refusedForTags() {
        return tagsTooLong;
    }
}
