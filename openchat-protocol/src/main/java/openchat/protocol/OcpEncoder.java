package openchat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes {@link OcpMessage}s as bytes: start line, fields, {@code Content-Length} when there is a body,
 * CRLF line ends, UTF-8. Stateless and shareable. A {@link ByteBuf} written to the pipeline passes through
 * untouched, so a broadcast can be {@link #encode(ByteBufAllocator, OcpMessage) encoded once} and the same
 * bytes written to every member.
 */
@Sharable
public final class OcpEncoder extends MessageToByteEncoder<OcpMessage> {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONTENT_LENGTH =
            (HeaderNames.CONTENT_LENGTH + ": ").getBytes(StandardCharsets.US_ASCII);

    public OcpEncoder() {
        super(OcpMessage.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OcpMessage message, ByteBuf out) {
        write(message, out);
    }

    /** The message's bytes in a new buffer the caller owns. */
    public static ByteBuf encode(ByteBufAllocator allocator, OcpMessage message) {
        ByteBuf out = allocator.buffer(sizeHint(message));
        try {
            write(message, out);
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    /** The encoded size when every character is one byte; the buffer grows in the rare case it is not. */
    private static int sizeHint(OcpMessage message) {
        int size = 48 + message.bodyLength(); // version, CRLFs, Content-Length
        if (message.startLine() instanceof RequestLine line) {
            size += line.method().length() + line.target().length();
        } else {
            size += ((StatusLine) message.startLine()).reason().length();
        }
        for (Map.Entry<String, String> field : message.headers().fields()) {
            size += field.getKey().length() + field.getValue().length() + 4;
        }
        return size;
    }

    public static void write(OcpMessage message, ByteBuf out) {
        if (message.startLine() instanceof RequestLine line) {
            out.writeCharSequence(line.method(), StandardCharsets.US_ASCII);
            out.writeByte(' ');
            out.writeCharSequence(line.target(), StandardCharsets.UTF_8);
            out.writeByte(' ');
            out.writeCharSequence(OcpMessage.VERSION, StandardCharsets.US_ASCII);
        } else {
            StatusLine line = (StatusLine) message.startLine();
            out.writeCharSequence(OcpMessage.VERSION, StandardCharsets.US_ASCII);
            out.writeByte(' ');
            out.writeCharSequence(Integer.toString(line.code()), StandardCharsets.US_ASCII);
            out.writeByte(' ');
            out.writeCharSequence(line.reason(), StandardCharsets.UTF_8);
        }
        out.writeBytes(CRLF);
        for (Map.Entry<String, String> field : message.headers().fields()) {
            out.writeCharSequence(field.getKey(), StandardCharsets.US_ASCII);
            out.writeByte(':');
            out.writeByte(' ');
            out.writeCharSequence(field.getValue(), StandardCharsets.UTF_8);
            out.writeBytes(CRLF);
        }
        byte[] body = message.bodyBytes();
        if (body.length > 0) {
            out.writeBytes(CONTENT_LENGTH);
            writeDecimal(out, body.length);
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        out.writeBytes(body);
    }

    /** Writes {@code value} (not negative) in decimal ASCII digits, without allocating. */
    public static void writeDecimal(ByteBuf out, long value) {
        int digits = decimalDigits(value);
        int at = out.writerIndex();
        out.ensureWritable(digits);
        for (int i = digits - 1; i >= 0; i--) {
            out.setByte(at + i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(at + digits);
    }

    /**
     * Puts {@code value} (not negative) in decimal ASCII digits into {@code into} at {@code at}; returns the index
     * after the last digit. For a frame assembled in an array and copied into its buffer once: each {@code setByte}
     * on a buffer checks the buffer's reference count.
     */
    public static int putDecimal(byte[] into, int at, long value) {
        int end = at + decimalDigits(value);
        long rest = value;
        for (int i = end - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }

    private static int decimalDigits(long value) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
