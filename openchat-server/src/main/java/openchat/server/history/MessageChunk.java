package openchat.server.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import openchat.core.StoredMessage;

/**
 * The messages of one room from one write batch, as one row's blob. A row per message cost the writer thread
 * as much CPU as the whole chat server at 90,000 messages a second (SQLite's per-row insert and JDBC's per-value
 * calls); a row per room per batch makes a busy room's history cost a few percent, and a quiet room's row holds
 * its one message.
 *
 * <p>SQLite's work grows with the blob's bytes (they are copied into pages, written to the WAL, then checkpointed
 * into the database), so the encoding is compact: a 100-byte message takes 105 bytes, where format 1 took 133.
 *
 * <p><b>Format 2</b> (written now): the byte 0x82 ({@link #FORMAT_2}), the count as a varint, then per message
 * <ol>
 *   <li>a flags byte: {@link #NEW_SENDER}, {@link #NEW_OFFSET}, {@link #WHOLE_MILLIS}, {@link #NOTICE} (a bit that
 *       chunks written before openchat kept notices never set, so their messages read as ordinary lines; readers
 *       from before then ignore it, and read a notice as an ordinary line);</li>
 *   <li>the seq minus the previous message's (the first's minus 0), as a varint;</li>
 *   <li>with {@link #NEW_OFFSET} only: the offset in seconds, zigzag varint; it holds for the following messages
 *       (the chunk starts at offset 0, UTC);</li>
 *   <li>the instant: with {@link #WHOLE_MILLIS}, the milliseconds since the previous message's instant (counted in
 *       whole milliseconds, the first's since the epoch), zigzag varint; otherwise the seconds since the previous
 *       instant's, zigzag varint, and the nanosecond of the second, varint;</li>
 *   <li>the sender: with {@link #NEW_SENDER}, its UTF-8 length (varint) and bytes, which give it the next index;
 *       otherwise the index of an earlier message's sender in this chunk, varint;</li>
 *   <li>the text: its UTF-8 length (varint) and bytes.</li>
 * </ol>
 * Varints are unsigned LEB128 of a long (a negative difference round-trips, in ten bytes); zigzag maps small
 * negatives to small numbers. Sender and text are valid Unicode (the server decoded them strictly), so UTF-8
 * keeps them exactly, and every {@link OffsetDateTime} round-trips exactly, offset and nanoseconds included.
 *
 * <p><b>Format 1</b> (openchat until history schema 2; read only; no notices): big-endian, the count (4 bytes), then per message
 * its seq (8), the instant as epoch second (8) and nanosecond (4), the offset in seconds (4), the sender and the
 * text, each as a 4-byte length and UTF-8. Its first byte is the high byte of a non-negative count, so it never has
 * the high bit set that 0x82 has: the first byte tells the formats apart.
 */
final class MessageChunk {
    /** The first byte of a format-2 chunk. */
    static final int FORMAT_2 = 0x82;

    /** The sender is written out, not an index: this chunk has not had it yet. */
    static final int NEW_SENDER = 1;
    /** The offset differs from the previous message's and follows. */
    static final int NEW_OFFSET = 2;
    /** The instant is a whole millisecond (as the server's clock gives them), written as a millisecond difference. */
    static final int WHOLE_MILLIS = 4;
    /** The message was a notice ({@link StoredMessage#notice}). */
    static final int NOTICE = 8;

    /**
     * Instants within this many seconds of the epoch (about 35,000 years) count in milliseconds without overflow;
     * the rest of {@link OffsetDateTime}'s range takes the seconds-and-nanoseconds form.
     */
    private static final long MILLIS_SAFE_SECONDS = 1L << 40;

    private static final int NANOS_PER_MILLI = 1_000_000;

    private MessageChunk() {}

    /**
     * Encodes chunks. One per writer: it keeps its buffer and its sender dictionary from one chunk to the next, so
     * that a batch allocates little more than the blobs JDBC takes. Not thread-safe.
     */
    static final class Encoder {
        /** 64 KiB holds a batch of 500 short messages. */
        private static final int USUAL_BYTES = 64 * 1024;
        /** A buffer grown past this for a chunk of long messages is let go after it. */
        private static final int MOST_KEPT_BYTES = 1024 * 1024;

        private byte[] buffer = new byte[USUAL_BYTES];

        private int position;
        private final Map<String, Integer> senders = new HashMap<>();

        /** {@code messages}: one room's, ascending by seq. */
        byte[] encode(List<StoredMessage> messages) {
            position = 0;
            senders.clear();
            ensure(1 + 10);
            buffer[position++] = (byte) FORMAT_2;
            writeVarLong(messages.size());
            long previousSeq = 0;
            long previousSecond = 0;
            int previousNano = 0;
            int previousOffset = 0;
            OffsetDateTime previousAt = null;
            long second = 0;
            int nano = 0;
            int offset = 0;
            for (StoredMessage message : messages) {
                OffsetDateTime at = message.at();
                if (!at.equals(previousAt)) { // the server's messages of one millisecond share their time
                    second = at.toEpochSecond();
                    nano = at.getNano();
                    offset = at.getOffset().getTotalSeconds();
                    previousAt = at;
                }
                Integer sender = senders.get(message.from());
                byte[] from = null;
                if (sender == null) {
                    from = message.from().getBytes(StandardCharsets.UTF_8);
                    senders.put(message.from(), senders.size());
                }
                byte[] text = message.textUtf8();
                boolean wholeMillis = nano % NANOS_PER_MILLI == 0
                        && Math.abs(second) < MILLIS_SAFE_SECONDS
                        && Math.abs(previousSecond) < MILLIS_SAFE_SECONDS;
                int flags = (from != null ? NEW_SENDER : 0)
                        | (offset != previousOffset ? NEW_OFFSET : 0)
                        | (wholeMillis ? WHOLE_MILLIS : 0)
                        | (message.notice() ? NOTICE : 0);

                // flags, seq, offset, instant (at most 2 varints), sender and text lengths: 6 varints at most.
                ensure(1 + 6 * 10 + (from == null ? 0 : from.length) + text.length);
                buffer[position++] = (byte) flags;
                writeVarLong(message.seq() - previousSeq);
                if (offset != previousOffset) {
                    writeVarLong(zigzag(offset));
                }
                if (wholeMillis) {
                    writeVarLong(zigzag(millis(second, nano) - millis(previousSecond, previousNano)));
                } else {
                    writeVarLong(zigzag(second - previousSecond));
                    writeVarLong(nano);
                }
                if (from != null) {
                    writeBytes(from);
                } else {
                    writeVarLong(sender);
                }
                writeBytes(text);

                previousSeq = message.seq();
                previousSecond = second;
                previousNano = nano;
                previousOffset = offset;
            }
            byte[] chunk = Arrays.copyOf(buffer, position);
            if (buffer.length > MOST_KEPT_BYTES) {
                buffer = new byte[USUAL_BYTES];
            }
            return chunk;
        }

        private void writeBytes(byte[] bytes) {
            writeVarLong(bytes.length);
            System.arraycopy(bytes, 0, buffer, position, bytes.length);
            position += bytes.length;
        }

        private void writeVarLong(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                buffer[position++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            buffer[position++] = (byte) rest;
        }

        private void ensure(int more) {
            if (buffer.length - position < more) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
            }
        }
    }

    /** {@code messages}: one room's, ascending by seq. For one chunk; the writer keeps an {@link Encoder}. */
    static byte[] encode(List<StoredMessage> messages) {
        return new Encoder().encode(messages);
    }

    /** The messages of {@code chunk} (either format) with {@code lowExclusive < seq <= highInclusive}, ascending. */
    static List<StoredMessage> decode(String roomKey, String room, byte[] chunk, long lowExclusive, long highInclusive)
            throws IOException {
        try {
            Reader in = new Reader(chunk);
            return chunk.length > 0 && (chunk[0] & 0xFF) == FORMAT_2
                    ? decode2(in, roomKey, room, lowExclusive, highInclusive)
                    : decode1(in, roomKey, room, lowExclusive, highInclusive);
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            throw new IOException("a chunk of " + room + " is damaged: " + e, e);
        }
    }

    private static List<StoredMessage> decode2(
            Reader in, String roomKey, String room, long lowExclusive, long highInclusive) {
        in.position = 1;
        long count = in.varLong();
        if (count < 0 || count > in.remaining()) {
            throw new IllegalArgumentException("count " + count + " past the chunk's end");
        }
        List<StoredMessage> messages = new ArrayList<>((int) Math.min(count, 1024));
        List<String> senders = new ArrayList<>();
        long seq = 0;
        long second = 0;
        int nano = 0;
        ZoneOffset offset = ZoneOffset.UTC;
        for (long i = 0; i < count; i++) {
            int flags = in.u8();
            seq += in.varLong();
            if ((flags & NEW_OFFSET) != 0) {
                offset = ZoneOffset.ofTotalSeconds(Math.toIntExact(unzigzag(in.varLong())));
            }
            if ((flags & WHOLE_MILLIS) != 0) {
                long millis = Math.addExact(millis(second, nano), unzigzag(in.varLong()));
                second = Math.floorDiv(millis, 1000);
                nano = Math.floorMod(millis, 1000) * NANOS_PER_MILLI;
            } else {
                second = Math.addExact(second, unzigzag(in.varLong()));
                nano = Math.toIntExact(in.varLong());
            }
            String from;
            if ((flags & NEW_SENDER) != 0) {
                from = in.utf8(in.length());
                senders.add(from);
            } else {
                long index = in.varLong();
                if (index < 0 || index >= senders.size()) {
                    throw new IllegalArgumentException("sender " + index + " of " + senders.size());
                }
                from = senders.get((int) index);
            }
            int length = in.length();
            if (seq > lowExclusive && seq <= highInclusive) {
                OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), offset);
                // The bytes kept with the text, for a replay to write as they are; made again from the text where
                // it holds U+FFFD, which is what decoding makes of bytes a damaged file turned into malformed UTF-8.
                byte[] bytes = in.bytes(length);
                String text = new String(bytes, StandardCharsets.UTF_8);
                messages.add(new StoredMessage(
                        roomKey,
                        room,
                        seq,
                        from,
                        at,
                        text,
                        (flags & NOTICE) != 0,
                        text.indexOf('\uFFFD') < 0 ? bytes : text.getBytes(StandardCharsets.UTF_8)));
            } else {
                in.skip(length);
            }
        }
        return messages;
    }

    private static List<StoredMessage> decode1(
            Reader in, String roomKey, String room, long lowExclusive, long highInclusive) {
        int count = in.int32();
        if (count < 0) {
            throw new IllegalArgumentException("count " + count);
        }
        List<StoredMessage> messages = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            long seq = in.int64();
            Instant instant = Instant.ofEpochSecond(in.int64(), in.int32());
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.int32());
            String from = in.utf8(in.int32());
            String text = in.utf8(in.int32());
            if (seq > lowExclusive && seq <= highInclusive) {
                messages.add(
                        new StoredMessage(roomKey, room, seq, from, OffsetDateTime.ofInstant(instant, offset), text));
            }
        }
        return messages;
    }

    /** Counted in whole milliseconds, nanoseconds rounded down (exact arithmetic: a damaged chunk may overflow). */
    private static long millis(long second, int nano) {
        return Math.addExact(Math.multiplyExact(second, 1000), nano / NANOS_PER_MILLI);
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    /** Reads a chunk; every read past its end or of a malformed number throws IllegalArgumentException. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int remaining() {
            return bytes.length - position;
        }

        int u8() {
            need(1);
            return bytes[position++] & 0xFF;
        }

        long varLong() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("a varint longer than ten bytes");
        }

        /** A varint length of bytes that follow in the chunk. */
        int length() {
            long length = varLong();
            if (length < 0 || length > remaining()) {
                throw new IllegalArgumentException("length " + length + " past the chunk's end");
            }
            return (int) length;
        }

        int int32() {
            need(4);
            int value = ((bytes[position] & 0xFF) << 24)
                    | ((bytes[position + 1] & 0xFF) << 16)
                    | ((bytes[position + 2] & 0xFF) << 8)
                    | (bytes[position + 3] & 0xFF);
            position += 4;
            return value;
        }

        long int64() {
            return ((long) int32() << 32) | (int32() & 0xFFFFFFFFL);
        }

        String utf8(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("length " + length);
            }
            need(length);
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        byte[] bytes(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("length " + length);
            }
            need(length);
            position += length;
            return Arrays.copyOfRange(bytes, position - length, position);
        }

        void skip(int length) {
            need(length);
            position += length;
        }

        private void need(int length) {
            if (length > bytes.length - position) {
                throw new IllegalArgumentException("length " + length + " past the chunk's end");
            }
        }
    }
}
