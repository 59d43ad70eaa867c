package openchat.core;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One room message as history keeps it. {@code roomKey} is the room's identity ({@link RoomNames#key}),
 * {@code room} its name as first written; {@code seq} its number in the room's sequence.
 */
public record StoredMessage(String roomKey, String room, long seq, String from, OffsetDateTime at, String text) {
    public StoredMessage {
        Objects.requireNonNull(roomKey, "roomKey");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(text, "text");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1: " + seq);
        }
    }
}
