package openchat.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Eight ASCII bytes as one long, so that the generator tells a received line by one or two reads instead of a call
 * per byte: an IRC command, an OCP header's name. Read the line's bytes with {@code ByteBuf.getLong} (big-endian),
 * set their case bits with {@link #LOWER_CASE}, and compare with {@link #of}.
 */
final class AsciiWord {
    /** The case bit of every byte: letters read alike in either case; {@code ' '}, {@code '-'}, {@code ':'} keep theirs. */
    static final long LOWER_CASE = 0x2020_2020_2020_2020L;

    private AsciiWord() {}

    /** {@code eightBytes}, which must be eight lower-case ASCII bytes, as a big-endian long. */
    static long of(String eightBytes) {
        byte[] bytes = eightBytes.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length != Long.BYTES || !eightBytes.equals(eightBytes.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("not eight lower-case ASCII bytes: " + eightBytes);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }
}
