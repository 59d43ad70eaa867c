package openchat.server.history;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import openchat.core.StoredMessage;

/**
 * The messages of one room from one write batch, as one row's blob. A row per message cost the writer thread
 * as much CPU as the whole chat server at 90,000 messages a second (SQLite's per-row insert and JDBC's per-value
 * calls); a row per room per batch makes a busy room's history cost a few percent, and a quiet room's row holds
 * its one message.
 *
 * <p>Encoding, big-endian: the count, then per message its seq (8 bytes), the instant as epoch second (8) and
 * nanosecond (4), the offset in seconds (4), then the sender and the text, each as a 4-byte length and UTF-8.
 * (Both are valid Unicode: the server decoded them strictly, so UTF-8 keeps them exactly.)
 */
final class MessageChunk {
    private static final int FIXED_BYTES = 8 + 8 + 4 + 4 + 4 + 4;

    private MessageChunk() {}

    /** {@code messages}: one room's, ascending by seq. */
    static byte[] encode(List<StoredMessage> messages) {
        byte[] out = new byte[4 + messages.size() * (FIXED_BYTES + 128)];
        ByteBuffer buffer = ByteBuffer.wrap(out).putInt(messages.size());
        for (StoredMessage message : messages) {
            byte[] from = message.from().getBytes(StandardCharsets.UTF_8);
            byte[] text = message.text().getBytes(StandardCharsets.UTF_8);
            int needed = FIXED_BYTES + from.length + text.length;
            if (buffer.remaining() < needed) {
                int position = buffer.position();
                out = Arrays.copyOf(out, Math.max(out.length * 2, position + needed));
                buffer = ByteBuffer.wrap(out).position(position);
            }
            Instant instant = message.at().toInstant();
            buffer.putLong(message.seq())
                    .putLong(instant.getEpochSecond())
                    .putInt(instant.getNano())
                    .putInt(message.at().getOffset().getTotalSeconds())
                    .putInt(from.length)
                    .put(from)
                    .putInt(text.length)
                    .put(text);
        }
        return Arrays.copyOf(out, buffer.position());
    }

    /** The messages of {@code chunk} with {@code lowExclusive < seq <= highInclusive}, ascending. */
    static List<StoredMessage> decode(String roomKey, String room, byte[] chunk, long lowExclusive, long highInclusive)
            throws IOException {
        try {
            ByteBuffer in = ByteBuffer.wrap(chunk);
            int count = in.getInt();
            List<StoredMessage> messages = new ArrayList<>(Math.min(count, 1024));
            for (int i = 0; i < count; i++) {
                long seq = in.getLong();
                Instant instant = Instant.ofEpochSecond(in.getLong(), in.getInt());
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.getInt());
                String from = text(in);
                String text = text(in);
                if (seq > lowExclusive && seq <= highInclusive) {
                    messages.add(new StoredMessage(
                            roomKey, room, seq, from, OffsetDateTime.ofInstant(instant, offset), text));
                }
            }
            return messages;
        } catch (BufferUnderflowException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new IOException("a chunk of " + room + " is damaged: " + e, e);
        }
    }

    private static String text(ByteBuffer in) {
        return new String(chunkBytes(in, in.getInt()), StandardCharsets.UTF_8);
    }

    private static byte[] chunkBytes(ByteBuffer in, int length) {
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("length " + length + " past the chunk's end");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
