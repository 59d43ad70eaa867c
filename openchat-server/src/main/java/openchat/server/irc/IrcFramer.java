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

    IrcFramer() {
        super(IrcLineDecoder.MAX_FRAME_BYTES, true, false);
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf buffer) throws Exception {
        // Only a buffer the framer may refuse is looked at: every line passes here.
        tagsTooLong = buffer.readableBytes() > IrcLineDecoder.MAX_FRAME_BYTES
                && IrcLineDecoder.tagsTooLong(buffer, buffer.readerIndex(), buffer.readableBytes());
        return super.decode(ctx, buffer);
    }

    /** Whether the line last refused as too long was refused for its tags (a tag section over 8191 bytes). */
    boolean refusedForTags() {
        return tagsTooLong;
    }
}
