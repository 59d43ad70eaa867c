package openchat.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 decoding (malformed input is an error, never U+FFFD): header sections and chat bodies. */
public final class Utf8 {
    /** A decoder per thread: making one costs more than decoding a chat line. */
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    /** What the JDK's lenient decoding puts in place of each malformed sequence. */
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {}

    /**
     * The text of {@code length} bytes at {@code offset}, or empty when they are not valid UTF-8.
     *
     * <p>The JDK's own decoding (vectorised for ASCII) replaces every malformed sequence with U+FFFD, so a result
     * without U+FFFD proves the bytes valid; only text that has one (malformed, or U+FFFD itself) is decoded again
     * by the strict decoder to tell the two apart. A chat line's body took a scan and a copy of its own before.
     */
    public static Optional<String> decode(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT) < 0) {
            return Optional.of(text);
        }
        try {
            return Optional.of(DECODER.get()
                    .reset()
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * The text of {@code length} bytes at {@code index} of {@code buffer}, or empty when they are not valid UTF-8;
     * the buffer's indices do not move. As {@link #decode(byte[], int, int)}, without copying the bytes out first
     * unless they hold U+FFFD (Netty decodes a direct buffer through a per-thread array).
     */
    public static Optional<String> decode(ByteBuf buffer, int index, int length) {
        String text = buffer.toString(index, length, StandardCharsets.UTF_8);
        if (text.indexOf(REPLACEMENT) < 0) {
            return Optional.of(text);
        }
        byte[] bytes = ByteBufUtil.getBytes(buffer, index, length, false);
        return decode(bytes, 0, bytes.length);
    }
}
