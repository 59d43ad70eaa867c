package openchat.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "안녕하세요 ㅋㅋ", "emoji 😀 and 𝄞", "a\u0000b", "U+FFFD itself: \uFFFD", "\uFFFD"})
    void validTextDecodesToItself(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.decode(bytes, 0, bytes.length)).contains(text);
    }

    @Test
    void decodesOnlyTheGivenRange() {
        byte[] bytes = "xx채팅yy".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.decode(bytes, 2, bytes.length - 4)).contains("채팅");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ff", // never in UTF-8
                "c0 80", // overlong NUL
                "e0 80 af", // overlong '/'
                "ed a0 80", // a surrogate (U+D800)
                "f4 90 80 80", // past U+10FFFF
                "e6 b1", // cut short
                "80", // a lone continuation byte
                "61 e6 b1 62", // cut short between ASCII
                "ef bf bd c3" // a real U+FFFD, then a cut-short sequence
            })
    void malformedBytesAreRefusedNotReplaced(String hex) {
        byte[] bytes = bytes(hex);

        assertThat(Utf8.decode(bytes, 0, bytes.length)).isEmpty();
    }

    @Test
    void agreesWithTheStrictDecoderOnRandomBytes() {
        Random random = new Random(20261202);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = randomBytes(random);

            assertThat(Utf8.decode(bytes, 0, bytes.length))
                    .as("bytes %s", java.util.HexFormat.ofDelimiter(" ").formatHex(bytes))
                    .isEqualTo(strict(bytes));
        }
    }

    @Test
    void aBufferDecodesInPlaceAsAnArrayDoesHeapOrDirect() {
        Random random = new Random(20261203);
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = randomBytes(random);
            for (ByteBuf buffer : new ByteBuf[] {framed(bytes, false), framed(bytes, true)}) {
                try {
                    assertThat(Utf8.decode(buffer, 3, bytes.length))
                            .as("bytes %s", java.util.HexFormat.ofDelimiter(" ").formatHex(bytes))
                            .isEqualTo(strict(bytes));
                    assertThat(buffer.readerIndex()).isZero();
                } finally {
                    buffer.release();
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"안녕하세요 ㅋㅋ", "emoji 😀", "U+FFFD itself: \uFFFD", "ascii only"})
    void aBufferDecodesValidTextToItself(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf buffer = framed(bytes, true);
        try {
            assertThat(Utf8.decode(buffer, 3, bytes.length)).contains(text);
        } finally {
            buffer.release();
        }
    }

    /** {@code bytes} with three bytes of other text before and after them, on the heap or not. */
    private static ByteBuf framed(byte[] bytes, boolean direct) {
        ByteBuf buffer = direct ? Unpooled.directBuffer() : Unpooled.buffer();
        return buffer.writeBytes(new byte[] {'a', (byte) 0xe6, 'b'})
                .writeBytes(bytes)
                .writeBytes(new byte[] {(byte) 0x80, 'c', 'd'});
    }

    /** Up to 11 bytes, mostly ones that start or continue multi-byte sequences, so that many are valid. */
    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(12)];
        for (int j = 0; j < bytes.length; j++) {
            bytes[j] = (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(0x78));
        }
        return bytes;
    }

    private static Optional<String> strict(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(String hex) {
        String[] parts = hex.split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }
}
