package openchat.server.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import openchat.core.StoredMessage;

/**
 * One room of the history in memory: the highest seq appended, and the messages appended but not yet committed, as
 * {@link PendingChunk}s, oldest first. Each message is encoded into the room's open chunk as it is appended, on the
 * appending thread (the event loop, while the message is in its cache), so that the writer thread has only blobs to
 * insert and the collector one growing array per room to copy instead of a few objects per message.
 *
 * <p>The core appends a room's messages one at a time in seq order (under its room's lock). This object's lock guards
 * the encoder and the chunks; the writer takes it only to seal a chunk and to forget a committed one, and a read only
 * to copy the blobs it needs, so appends seldom wait for it. While holding it an append counts its message in the
 * {@link WriteQueue} (the queue's lock is taken inside this one, never the other way round): a chunk then never holds
 * a message the queue has not counted, and a {@link SqliteHistoryStore#flush flush} that follows an append finds its
 * chunk queued or already taken.
 */
final class RoomTail {
    private final String key;
    private final AtomicLong lastSeq;
    /** The seq of the newest message stored or appended (not of marks): reads above it find nothing. */
    private final AtomicLong lastMessageSeq;

    private final MessageChunk.Encoder encoder = new MessageChunk.Encoder();
    /** The chunk the next append goes into, or null: the next append opens one. Its bytes are in the encoder. */
    private PendingChunk open;
    /** The chunks not yet committed, oldest first; the open one, if any, last. */
    private final ArrayDeque<PendingChunk> pending = new ArrayDeque<>();

    RoomTail(String key, long lastSeq, long lastMessageSeq) {
        this.key = key;
        this.lastSeq = new AtomicLong(lastSeq);
        this.lastMessageSeq = new AtomicLong(lastMessageSeq);
    }

    String key() {
        return key;
    }

    /**
     * Encodes {@code message} into the open chunk, opening one if there is none, and counts it in {@code queue}, which
     * gets the chunk itself when this message opened it. A chunk that reaches {@code chunkLimit} messages is sealed,
     * so that a chunk never holds more than a batch and a full queue drops at most a batch at a time. The message
     * is in the tail before the last seqs are raised (see {@link SqliteHistoryStore}'s read).
     *
     * @return whether the queue now holds more than its capacity: the caller drops its oldest chunks, holding no lock
     */
    synchronized boolean append(StoredMessage message, WriteQueue queue, int chunkLimit) {
        boolean opened = open == null;
        if (opened) {
            open = new PendingChunk(this, message.room());
            pending.addLast(open);
        }
        PendingChunk chunk = open;
        encoder.add(message);
        if (encoder.count() >= chunkLimit) {
            sealOpen();
        }
        lastMessageSeq.setRelease(message.seq());
        lastSeq.accumulateAndGet(message.seq(), Math::max);
        return queue.add(chunk, opened);
    }

    /** Fixes {@code chunk}'s bytes if it is still open: the writer took it for a batch. */
    synchronized void seal(PendingChunk chunk) {
        if (chunk == open) {
            sealOpen();
        }
    }

    private void sealOpen() {
        open.sealed(encoder.chunk(), encoder.count(), encoder.firstSeq(), encoder.lastSeq());
        encoder.reset();
        open = null;
    }

    /** {@code chunk} is committed: reads no longer need it from memory. Usually the oldest. */
    synchronized void forget(PendingChunk chunk) {
        if (pending.peekFirst() == chunk) {
            pending.pollFirst();
        } else {
            pending.remove(chunk);
        }
    }

    /** Drops {@code chunk}, which the full queue let go: its messages will never be written. How many it held. */
    synchronized int drop(PendingChunk chunk) {
        seal(chunk);
        forget(chunk);
        return chunk.count();
    }

    void raise(long seq) {
        lastSeq.accumulateAndGet(seq, Math::max);
    }

    long lastSeq() {
        return lastSeq.get();
    }

    long lastMessageSeq() {
        return lastMessageSeq.get();
    }

    /**
     * The pending messages with {@code lowExclusive < seq <= highInclusive}, ascending: the blobs of the chunks that
     * may hold some are copied (the open one) or taken (sealed ones are never changed) under the lock, and decoded
     * after it.
     */
    List<StoredMessage> pending(long lowExclusive, long highInclusive) {
        List<PendingChunk> chunks = new ArrayList<>();
        List<byte[]> blobs = new ArrayList<>();
        synchronized (this) {
            for (PendingChunk chunk : pending) {
                if (chunk == open) {
                    if (encoder.count() > 0
                            && encoder.lastSeq() > lowExclusive
                            && encoder.firstSeq() <= highInclusive) {
                        chunks.add(chunk);
                        blobs.add(encoder.chunk());
                    }
                } else if (chunk.lastSeq() > lowExclusive && chunk.firstSeq() <= highInclusive) {
                    chunks.add(chunk);
                    blobs.add(chunk.bytes());
                }
            }
        }
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            messages.addAll(chunks.get(i).decode(blobs.get(i), lowExclusive, highInclusive));
        }
        return messages;
    }
}
