package openchat.server.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import openchat.core.StoredMessage;
import org.junit.jupiter.api.Test;

class MessageChunkTest {
    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 12, 1, 12, 0, 0, 0, ZoneOffset.ofHours(1));

    @Test
    void everyFieldComesBackExactly() throws IOException {
        List<StoredMessage> messages = List.of(
                message(1, "alice", NOON, "first"),
                message(2, "bob", NOON, "same millisecond, another sender"),
                message(3, "alice", NOON.plusNanos(1_000_000), "a millisecond later, a sender seen before"),
                message(7, "김철수", NOON.plusNanos(1_000_001), "안녕하세요! 👋🏽 𝄞 e\u0301, nanoseconds, a gap in seq"),
                message(8, "bob", NOON.minusSeconds(3600), "the clock went back an hour"),
                message(9, "bob", NOON.withOffsetSameInstant(ZoneOffset.ofHoursMinutes(-3, -30)), "another offset"),
                message(10, "carol", NOON.withOffsetSameInstant(ZoneOffset.UTC), "UTC, the chunk's starting offset"),
                message(11, "", NOON, ""),
                message(Long.MAX_VALUE, "dave", NOON.plusYears(5_000), "the last seq there is"));

        assertThat(roundTrip(messages)).containsExactlyElementsOf(messages);
    }

    /** Times far from the epoch cannot count in milliseconds without overflow: they take the other form. */
    @Test
    void theWholeRangeOfTimesComesBack() throws IOException {
        List<StoredMessage> messages = List.of(
                message(1, "alice", OffsetDateTime.MIN, "the first instant there is"),
                message(2, "alice", NOON, "back to now"),
                message(3, "alice", OffsetDateTime.MAX, "the last"),
                message(4, "alice", OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC), "the epoch"),
                message(5, "alice", OffsetDateTime.MAX.withNano(0), "whole milliseconds, far out"));

        assertThat(roundTrip(messages)).containsExactlyElementsOf(messages);
    }

    @Test
    void aTypicalMessageTakesFiveBytesBesideItsText() {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            messages.add(message(i, "user" + (i % 5), NOON.plusNanos(i / 100 * 1_000_000L), "x".repeat(100)));
        }

        assertThat(MessageChunk.encode(messages)).hasSizeLessThan(500 * 105 + 100);
    }

    @Test
    void onlyTheAskedRangeIsReturned() throws IOException {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            messages.add(message(i, "alice", NOON.plusSeconds(i), "message " + i));
        }
        byte[] chunk = MessageChunk.encode(messages);

        assertThat(MessageChunk.decode("lobby", "Lobby", chunk, 3, 7))
                .containsExactlyElementsOf(messages.subList(3, 7));
    }

    /** One encoder serves every chunk of the writer: nothing of one chunk may leak into the next. */
    @Test
    void anEncoderStartsEachChunkAfresh() throws IOException {
        MessageChunk.Encoder encoder = new MessageChunk.Encoder();
        List<StoredMessage> first = List.of(message(1, "alice", NOON, "x".repeat(2_000_000))); // past what it keeps
        List<StoredMessage> second = List.of(
                message(2, "bob", NOON.withOffsetSameInstant(ZoneOffset.UTC), "hi"), message(3, "alice", NOON, "hey"));

        byte[] one = encoder.encode(first);
        byte[] two = encoder.encode(second);

        assertThat(MessageChunk.decode("lobby", "Lobby", one, 0, Long.MAX_VALUE))
                .isEqualTo(first);
        assertThat(MessageChunk.decode("lobby", "Lobby", two, 0, Long.MAX_VALUE))
                .isEqualTo(second);
        assertThat(two).isEqualTo(MessageChunk.encode(second));
    }

    /** A notice keeps its flag through the chunk, beside ordinary lines of the same sender and millisecond. */
    @Test
    void aNoticeComesBackAsANotice() throws IOException {
        List<StoredMessage> messages = List.of(
                notice(1, "bot", NOON, "a notice first"),
                message(2, "bot", NOON, "then an ordinary line"),
                notice(3, "alice", NOON.plusNanos(1), "a notice of nanoseconds"),
                notice(4, "bot", NOON.withOffsetSameInstant(ZoneOffset.UTC), "another offset"));

        List<StoredMessage> back = roundTrip(messages);

        assertThat(back).containsExactlyElementsOf(messages);
        assertThat(back).extracting(StoredMessage::notice).containsExactly(true, false, true, true);
    }

    /**
     * A format-2 chunk as openchat wrote it before it kept notices (no {@link MessageChunk#NOTICE} bit): read as an
     * ordinary line; and an ordinary line is still written byte for byte as then.
     */
    @Test
    void aChunkWrittenBeforeNoticesWereKeptReadsAsOrdinaryLines() throws IOException {
        OffsetDateTime second = OffsetDateTime.ofInstant(Instant.ofEpochSecond(1), ZoneOffset.UTC);
        byte[] old = {
            (byte) 0x82,
            1, // format 2, one message
            MessageChunk.NEW_SENDER | MessageChunk.WHOLE_MILLIS, // flags: no notice bit
            1, // seq 1
            (byte) 0xD0,
            0x0F, // 1000 ms since the epoch, zigzag
            5,
            'a',
            'l',
            'i',
            'c',
            'e', // the sender
            2,
            'h',
            'i' // the text
        };

        List<StoredMessage> back = MessageChunk.decode("lobby", "Lobby", old, 0, Long.MAX_VALUE);

        assertThat(back).containsExactly(message(1, "alice", second, "hi"));
        assertThat(back.get(0).notice()).isFalse();
        assertThat(MessageChunk.encode(back)).isEqualTo(old);
    }

    /** What openchat wrote before schema 2, as it wrote it: still read. */
    @Test
    void formatOneIsStillRead() throws IOException {
        List<StoredMessage> messages = List.of(
                message(41, "alice", NOON, "written by schema 1"),
                message(42, "김철수", NOON.plusNanos(5).withOffsetSameInstant(ZoneOffset.ofHours(9)), "👋🏽"));

        assertThat(MessageChunk.decode("lobby", "Lobby", formatOne(messages), 0, Long.MAX_VALUE))
                .containsExactlyElementsOf(messages);
    }

    @Test
    void aDamagedChunkIsReportedNotMisread() {
        List<StoredMessage> messages = List.of(message(1, "alice", NOON, "hello"), message(2, "alice", NOON, "hi"));
        byte[] chunk = MessageChunk.encode(messages);

        for (int length = 0; length < chunk.length; length++) {
            byte[] cut = Arrays.copyOf(chunk, length);
            assertThatThrownBy(() -> MessageChunk.decode("lobby", "Lobby", cut, 0, Long.MAX_VALUE))
                    .as("cut to %d bytes", length)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("a chunk of Lobby is damaged");
        }
        byte[] badSender = chunk.clone();
        // The second message ends with its sender's index (0: alice) and its text (length 2, "hi"); only 0 is known.
        badSender[badSender.length - 4] = 9;
        assertThatThrownBy(() -> MessageChunk.decode("lobby", "Lobby", badSender, 0, Long.MAX_VALUE))
                .isInstanceOf(IOException.class);
    }

    /** Whatever the bytes, decoding ends with messages or an IOException, never another exception or a hang. */
    @Test
    void randomDamageEndsInAnIOExceptionAtWorst() {
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            messages.add(message(i, "user" + (i % 3), NOON.plusNanos(i * 999_999L), "text " + i));
        }
        byte[] chunk = MessageChunk.encode(messages);
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            byte[] damaged = chunk.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                damaged[1 + random.nextInt(damaged.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                MessageChunk.decode("lobby", "Lobby", damaged, 0, Long.MAX_VALUE);
            } catch (IOException expected) {
                // reported as damaged: fine
            }
        }
    }

    /** The chunk's messages read back, each with its text's UTF-8 kept beside the text ({@code equals} ignores it). */
    private static List<StoredMessage> roundTrip(List<StoredMessage> messages) throws IOException {
        List<StoredMessage> back =
                MessageChunk.decode("lobby", "Lobby", MessageChunk.encode(messages), 0, Long.MAX_VALUE);
        assertThat(back)
                .allSatisfy(m -> assertThat(m.textUtf8()).isEqualTo(m.text().getBytes(StandardCharsets.UTF_8)));
        return back;
    }

    /**
     * What a damaged file turned into malformed UTF-8 is read as U+FFFD, and the bytes kept beside the text are the
     * text's, never the malformed ones, which a replay would write to clients as they are.
     */
    @Test
    void malformedTextInAChunkComesBackAsReplacementCharactersInItsBytesToo() throws IOException {
        byte[] chunk = MessageChunk.encode(List.of(message(1, "alice", NOON, "a-c")));
        int dash = indexOf(chunk, (byte) '-');
        chunk[dash] = (byte) 0xFF; // never in UTF-8

        StoredMessage back =
                MessageChunk.decode("lobby", "Lobby", chunk, 0, Long.MAX_VALUE).get(0);

        assertThat(back.text()).isEqualTo("a\uFFFDc");
        assertThat(back.textUtf8()).isEqualTo("a\uFFFDc".getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("not in the chunk: " + wanted);
    }

    private static StoredMessage message(long seq, String from, OffsetDateTime at, String text) {
        return new StoredMessage("lobby", "Lobby", seq, from, at, text);
    }

    private static StoredMessage notice(long seq, String from, OffsetDateTime at, String text) {
        return new StoredMessage("lobby", "Lobby", seq, from, at, text, true);
    }

    /** Format 1 as openchat wrote it until schema 2 (see {@link MessageChunk}). */
    static byte[] formatOne(List<StoredMessage> messages) {
        ByteBuffer out = ByteBuffer.allocate(1 << 20).putInt(messages.size());
        for (StoredMessage message : messages) {
            byte[] from = message.from().getBytes(StandardCharsets.UTF_8);
            byte[] text = message.text().getBytes(StandardCharsets.UTF_8);
            Instant instant = message.at().toInstant();
            out.putLong(message.seq())
                    .putLong(instant.getEpochSecond())
                    .putInt(instant.getNano())
                    .putInt(message.at().getOffset().getTotalSeconds())
                    .putInt(from.length)
                    .put(from)
                    .putInt(text.length)
                    .put(text);
        }
        return Arrays.copyOf(out.array(), out.position());
    }
}
