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
        int i = end;
        long rest = value;
        while (rest > Integer.MAX_VALUE) { // a 64-bit division costs several 32-bit ones: only while needed
            long next = rest / 10;
            into[--i] = (byte) ('0' + (int) (rest - next * 10));
            rest = next;
        }
        int small = (int) rest;
        while (small >= 10) {
            int next = small / 10;
            into[--i] = (byte) ('0' + small - next * 10);
            small = next;
        }
        into[--i] = (byte) ('0' + small);
        return end;
    }

    /** How many decimal digits {@code value} (not negative) has: by comparisons, not divisions. */
    private static int decimalDigits(long value) {
        int digits = 1;
        for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
            digits++;
        }
        return digits;
    }
}
