package openchat.server.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What waits for the writer thread, oldest first: the rooms' {@link PendingChunk}s (each queued when its first message
 * is appended, and growing while it waits) and {@link SeqMark}s, the numbers taken by events history does not keep.
 * It counts the messages and marks that wait, so that the writer takes a group-commit batch as soon as a batch's
 * worth waits or the oldest has waited the batch delay, and the batches taken and finished, which
 * {@link #awaitSettled flush} waits on. An append holds its lock only to count one message, never while anything
 * touches the disk; it is taken inside a room's lock and never holds one (see {@link RoomTail}).
 */
final class WriteQueue {
    private final int batchSize;
    private final long batchDelayNanos;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer may have a batch to take: the first entry, a full batch, a flush or a close. */
    private final Condition batchReady = lock.newCondition();
    /** Signalled when a batch is finished, messages are dropped or the writer stops: what flushes wait for. */
    private final Condition progress = lock.newCondition();
    /** Signalled on close: cuts the writer's pause between failed attempts short. */
    private final Condition closing = lock.newCondition();

    private final ArrayDeque<Object> entries = new ArrayDeque<>();
    /** Messages and marks in {@link #entries}: a chunk's messages count until the writer takes it. */
    private long waiting;
    /** When the queue last went from nothing waiting to something: the oldest waits at most the delay. */
    private long oldestSinceNanos;

    /** Messages and marks ever counted, and those committed or dropped since: what a writer that stops has lost. */
    private long added;

    private long settled;
    /** Batches the writer took, and those it finished (committed): a flush waits for the batch that takes its chunks. */
    private long taken;

    private long finished;
    /** A batch number a flush waits for: until the writer has taken it, the writer neither lingers nor leaves any. */
    private long flushTarget;

    private long droppedUnreported;
    private boolean closed;
    private boolean writerStopped;

    WriteQueue(int batchSize, long batchDelayNanos, int capacity) {
        this.batchSize = batchSize;
        this.batchDelayNanos = batchDelayNanos;
        this.capacity = capacity;
    }

    /**
     * Counts a message appended to {@code chunk}, which is queued when the message opened it. Called under the
     * chunk's room's lock.
     *
     * @return whether more than the capacity waits: the caller then calls {@link #dropOldest}, holding no room's lock
     * @throws IllegalStateException when the queue is closed: nothing would write the message
     */
    boolean add(PendingChunk chunk, boolean opened) {
        lock.lock();
        try {
            ensureOpen();
            added++;
            if (opened) {
                entries.addLast(chunk);
            }
            if (!chunk.dequeued) {
                chunk.queued++;
                countWaiting();
            }
            return waiting > capacity;
        } finally {
            lock.unlock();
        }
    }

    /** Queues {@code mark}, as {@link #add} does a message. */
    boolean add(SeqMark mark) {
        lock.lock();
        try {
            ensureOpen();
            added++;
            entries.addLast(mark);
            countWaiting();
            return waiting > capacity;
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the history store is closed");
        }
    }

    private void countWaiting() {
        waiting++;
        if (waiting == 1) {
            oldestSinceNanos = System.nanoTime();
            batchReady.signal();
        } else if (waiting == batchSize) {
            batchReady.signal();
        }
    }

    /**
     * Takes the oldest entries off the queue until no more than its capacity waits, to bound memory when the disk is
     * failing: the caller drops the chunks from their rooms (they are sealed, whole: at most a batch each) and
     * reports how many messages that dropped with {@link #dropped}.
     */
    List<Object> dropOldest() {
        lock.lock();
        try {
            List<Object> dropped = new ArrayList<>();
            while (waiting > capacity && !entries.isEmpty()) {
                Object entry = entries.removeFirst();
                if (entry instanceof PendingChunk chunk) {
                    chunk.dequeued = true;
                    waiting -= chunk.queued;
                } else {
                    waiting--;
                    settle(1);
                    droppedUnreported++;
                }
                dropped.add(entry);
            }
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** {@code messages} of chunks taken by {@link #dropOldest} are dropped: they count as settled, and are logged. */
    void dropped(long messages) {
        lock.lock();
        try {
            settle(messages);
            droppedUnreported += messages;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer's next batch: waits for an entry, then for a batch's worth until the oldest has waited the batch
     * delay, unless a flush or a close is waiting; takes the oldest entries up to a batch's worth of messages, or all
     * of them when a flush or a close waits. What piled up during the previous commit is older than the delay, so
     * it goes at once. The chunks taken may still grow until the writer seals them. Empty only when the queue is
     * closed and nothing is left.
     */
    List<Object> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (entries.isEmpty() && !closed) {
                batchReady.await();
            }
            long wait;
            while (waiting < batchSize
                    && !closed
                    && taken >= flushTarget
                    && (wait = oldestSinceNanos + batchDelayNanos - System.nanoTime()) > 0) {
                batchReady.awaitNanos(wait);
            }
            boolean all = closed || taken < flushTarget;
            List<Object> batch = new ArrayList<>();
            long messages = 0;
            while (!entries.isEmpty() && (all || messages < batchSize)) {
                Object entry = entries.removeFirst();
                if (entry instanceof PendingChunk chunk) {
                    chunk.dequeued = true;
                    messages += chunk.queued;
                } else {
                    messages++;
                }
                batch.add(entry);
            }
            waiting -= messages;
            if (!batch.isEmpty()) {
                taken++;
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** The writer committed the batch it took last, of {@code messages} messages and marks. */
    void finish(long messages) {
        lock.lock();
        try {
            finished++;
            settle(messages);
        } finally {
            lock.unlock();
        }
    }

    private void settle(long messages) {
        settled += messages;
        progress.signalAll();
    }

    /**
     * Blocks until everything appended before the call is committed, or dropped, or the writer stopped: until the
     * writer has finished the batch it holds and, when anything waits, the next one, which then takes everything.
     * Returns early, with the interrupt status set, when the calling thread is interrupted.
     */
    void awaitSettled() {
        lock.lock();
        try {
            long target = entries.isEmpty() ? taken : taken + 1;
            if (target > flushTarget) {
                flushTarget = target;
                batchReady.signal();
            }
            // Or nothing waits and nothing is being written: what the full queue dropped may have emptied it.
            while (finished < target && !writerStopped && !(entries.isEmpty() && finished == taken)) {
                progress.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further messages; the writer takes what is left without lingering, then gets an empty batch. */
    void close() {
        lock.lock();
        try {
            closed = true;
            batchReady.signal();
            closing.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** The writer's pause between failed attempts: {@code nanos}, or less when the queue is closed meanwhile. */
    void pauseUnlessClosed(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (!closed && left > 0) {
                left = closing.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many messages were dropped since the last call. */
    long takeDropped() {
        lock.lock();
        try {
            long dropped = droppedUnreported;
            droppedUnreported = 0;
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The writer is gone: refuses further messages, releases every flush, and returns how many messages were
     * neither committed nor dropped, which are lost.
     */
    long writerStopped() {
        lock.lock();
        try {
            closed = true;
            writerStopped = true;
            entries.clear();
            long lost = added - settled;
            settled = added;
            progress.signalAll();
            return lost;
        } finally {
            lock.unlock();
        }
    }
}
