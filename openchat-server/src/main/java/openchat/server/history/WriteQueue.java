package openchat.server.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The entries (messages, and marks of numbers taken by events history does not keep) waiting for the writer
 * thread, oldest first, and how many have been settled (committed or dropped).
 * The writer takes group-commit batches from it and {@link #awaitSettled flush} waits on it. An append holds its lock
 * only to link one message in, never while anything touches the disk.
 */
final class WriteQueue<E> {
    private final int batchSize;
    private final long batchDelayNanos;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the writer may have a batch to take: the first message, a full batch, a flush or a close. */
    private final Condition batchReady = lock.newCondition();
    /** Signalled when messages are settled or the writer stops: what {@link #awaitSettled} waits for. */
    private final Condition progress = lock.newCondition();
    /** Signalled on close: cuts the writer's pause between failed attempts short. */
    private final Condition closing = lock.newCondition();

    private final ArrayDeque<E> waiting = new ArrayDeque<>();
    /** When the queue last went from empty to not empty: the oldest waiting message waits at most the delay. */
    private long oldestSinceNanos;

    private long added;
    private long settled;
    /** The highest count of added messages a flush waits for: while settled is below it, the writer does not linger. */
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
     * Queues {@code message}. Over capacity the oldest waiting messages are dropped, to bound memory when the disk
     * is failing: they are returned (usually none) so that the caller can forget them too.
     *
     * @throws IllegalStateException when the queue is closed: nothing would write the message
     */
    List<E> add(E message) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the history store is closed");
            }
            waiting.addLast(message);
            added++;
            if (waiting.size() == 1) {
                oldestSinceNanos = System.nanoTime();
                batchReady.signal();
            } else if (waiting.size() == batchSize) {
                batchReady.signal();
            }
            return waiting.size() > capacity ? dropOldest() : List.of();
        } finally {
            lock.unlock();
        }
    }

    private List<E> dropOldest() {
        List<E> dropped = new ArrayList<>();
        while (waiting.size() > capacity) {
            dropped.add(waiting.removeFirst());
        }
        settled += dropped.size();
        droppedUnreported += dropped.size();
        progress.signalAll();
        return dropped;
    }

    /**
     * The writer's next batch: waits for a message, then for a full batch until the oldest message has waited the
     * batch delay, unless a flush or a close is waiting. Messages that piled up during the previous commit are older
     * than that, so they go at once. Empty only when the queue is closed and nothing is left.
     */
    List<E> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.isEmpty() && !closed) {
                batchReady.await();
            }
            long wait;
            while (waiting.size() < batchSize
                    && !closed
                    && settled >= flushTarget
                    && (wait = oldestSinceNanos + batchDelayNanos - System.nanoTime()) > 0) {
                batchReady.awaitNanos(wait);
            }
            List<E> batch = new ArrayList<>(Math.min(waiting.size(), batchSize));
            while (batch.size() < batchSize && !waiting.isEmpty()) {
                batch.add(waiting.removeFirst());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** The writer committed {@code count} messages. */
    void settle(int count) {
        lock.lock();
        try {
            settled += count;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until every message added before the call is settled, or the writer stopped. Returns early, with the
     * interrupt status set, when the calling thread is interrupted.
     */
    void awaitSettled() {
        lock.lock();
        try {
            long target = added;
            if (target > flushTarget) {
                flushTarget = target;
                batchReady.signal();
            }
            while (settled < target && !writerStopped) {
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

    /** Messages waiting besides the batch the writer holds. */
    int size() {
        lock.lock();
        try {
            return waiting.size();
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
            waiting.clear();
            long lost = added - settled;
            settled = added;
            progress.signalAll();
            return lost;
        } finally {
            lock.unlock();
        }
    }
}
