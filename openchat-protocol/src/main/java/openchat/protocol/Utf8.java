package openchat.protocol;

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

    private Utf8() {}

    /** The text of {@code length} bytes at {@code offset}, or empty when they are not valid UTF-8. */
    public static Optional<String> decode(byte[] bytes, int offset, int length) {
        if (isAscii(bytes, offset, length)) {
            return Optional.of(new String(bytes, offset, length, StandardCharsets.ISO_8859_1)); // no decoder needed
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

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
