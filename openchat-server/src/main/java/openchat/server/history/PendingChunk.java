package openchat.server.history;

import java.io.IOException;
import java.util.List;
import openchat.core.StoredMessage;

/**
 * One room's messages that are not yet committed, as one future row of the {@code chunks} table: <em>open</em> while
 * its room's appends still go into it (its bytes are then in the room's {@link MessageChunk.Encoder}), <em>sealed</em>
 * once the writer took it for a batch or it reached the batch size (its bytes then fixed, here). Its fields are
 * guarded by its room's lock ({@link RoomTail}), except the two that say where it is in the {@link WriteQueue},
 * which the queue's lock guards.
 */
final class PendingChunk {
    private final RoomTail room;
    /** The room's name as the chunk's first message gave it: what reads of the chunk show. */
    private final String roomName;

    private byte[] bytes;
    private int count;
    private long firstSeq;
    private long lastSeq;

    /** Messages counted by the queue while this chunk waited in it (the queue's lock). */
    int queued;
    /** Taken from the queue, by the writer or a drop: later appends to it are no longer waiting (the queue's lock). */
    boolean dequeued;

    PendingChunk(RoomTail room, String roomName) {
        this.room = room;
        this.roomName = roomName;
    }

    RoomTail room() {
        return room;
    }

    String roomKey() {
        return room.key();
    }

    String roomName() {
        return roomName;
    }

    /** Fixes the chunk's bytes and range; under the room's lock. */
    void sealed(byte[] chunk, int messages, long first, long last) {
        this.bytes = chunk;
        this.count = messages;
        this.firstSeq = first;
        this.lastSeq = last;
    }

    /** Whether the chunk's bytes are fixed; under the room's lock. */
    boolean isSealed() {
        return bytes != null;
    }

    /** The sealed chunk's blob ({@link MessageChunk} format 2). */
    byte[] bytes() {
        return bytes;
    }

    /** The sealed chunk's number of messages. */
    int count() {
        return count;
    }

    long firstSeq() {
        return firstSeq;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** The messages of a copy of a chunk's blob with {@code lowExclusive < seq <= highInclusive}, ascending. */
    List<StoredMessage> decode(byte[] chunk, long lowExclusive, long highInclusive) {
        try {
            return MessageChunk.decode(room.key(), roomName, chunk, lowExclusive, highInclusive);
        } catch (IOException e) {
            throw new IllegalStateException("a pending chunk of " + roomName + " does not decode", e);
        }
    }
}
