package openchat.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames IRC lines in place, without a buffer per line: hands each complete line to {@link #line} as a range
 * of the read buffer, and closes the connection when a line grows past {@value #MAX_LINE} bytes.
 */
abstract class LineFramer extends ByteToMessageDecoder {
    static final int MAX_LINE = 8192;

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int limit = in.writerIndex();
        while (true) {
            int start = in.readerIndex();
            int lf = in.indexOf(start, limit, (byte) '\n');
            if (lf < 0) {
                if (limit - start > MAX_LINE) {
                    tooLong();
                    ctx.close();
                }
                return;
            }
            line(ctx, in, start, lf);
            in.readerIndex(lf + 1);
        }
    }

    /** One line: bytes {@code start} (inclusive) to {@code lf}, the index of its LF. */
    protected abstract void line(ChannelHandlerContext ctx, ByteBuf in, int start, int lf);

    /** Called before the connection is closed for a line past the limit. */
    protected void tooLong() {}
}
