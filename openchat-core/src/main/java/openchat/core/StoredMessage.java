package openchat.core;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One room message as history keeps it. {@code roomKey} is the room's identity ({@link RoomNames#key}),
 * {@code room} its name as first written; {@code seq} its number in the room's sequence. {@code textUtf8}: the
 * text's UTF-8 bytes, as {@link ChatEvent.Message#textUtf8} (the live line's, or those history read): to be read,
 * never changed, and no part of {@link #equals}. {@code notice}: the line was a notice (IRC's NOTICE, {@link
 * ChatEvent.Message#notice}), which a replay gives back as one, so that no client answers it automatically.
 */
public record StoredMessage(
        String roomKey,
        String room,
        long seq,
        String from,
        OffsetDateTime at,
        String text,
        boolean notice,
        byte[] textUtf8) {
    public StoredMessage {
        Objects.requireNonNull(roomKey, "roomKey");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(textUtf8, "textUtf8");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
    }

    /** An ordinary line (not a notice) with its text's bytes. */
    public StoredMessage(
            String roomKey, String room, long seq, String from, OffsetDateTime at, String text, byte[] textUtf8) {
        this(roomKey, room, seq, from, at, text, false, textUtf8);
    }

    public StoredMessage(
            String roomKey, String room, long seq, String from, OffsetDateTime at, String text, boolean notice) {
        this(roomKey, room, seq, from, at, text, notice, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An ordinary line (not a notice). */
    public StoredMessage(String roomKey, String room, long seq, String from, OffsetDateTime at, String text) {
        this(roomKey, room, seq, from, at, text, false);
    }

    /** {@code message}, a live line of the room {@code roomKey}, as history keeps it. */
    public static StoredMessage of(String roomKey, ChatEvent.Message message) {
        return new StoredMessage(
                roomKey,
                message.room(),
                message.seq(),
                message.from(),
                message.at(),
                message.text(),
                message.notice(),
                message.textUtf8());
    }

    /**
     * Whether history keeps a room line of this text: every one but a CTCP query ({@link DisplayText#isCtcpQuery}),
     * which asks the clients present for an answer. Kept, a query would be replayed to every later joiner, whose
     * client would answer it again, to an asker long gone, telling it which client and version it runs.
     */
    public static boolean isKept(String text) {
        return !DisplayText.isCtcpQuery(text);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredMessage that
                && seq == that.seq
                && notice == that.notice
                && roomKey.equals(that.roomKey)
                && room.equals(that.room)
                && from.equals(that.from)
                && at.equals(that.at)
                && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roomKey, room, seq, from, at, text, notice);
    }

    @Override
    public String toString() {
        return "StoredMessage[roomKey=" + roomKey + ", room=" + room + ", seq=" + seq + ", from=" + from + ", at=" + at
                + ", text=" + text + ", notice=" + notice + "]";
    }
}
