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
 *
 * <p><b>A writer that is behind.</b> Appending never waits for the disk while the writer keeps up. When it falls
 * {@code maxBehind} messages behind and is still working (not failing, and settling something at least every
 * {@code stallNanos}), an append waits until it is halfway back: chat faster than the disk can store, on a server
 * whose event loop and writer share one core, slows down rather than losing history. A writer that fails or stops
 * making progress is not waited for: appends queue up to {@code capacity}, then the oldest are dropped.
 */
final class WriteQueue<E> {
    private final int batchSize;
    private final long batchDelayNanos;
    private final int capacity;
    private final int maxBehind;
    private final long stallNanos;

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
    /** The writer's last attempt failed: appends do not wait for it. */
    private boolean writerFailing;
    /** An append waited {@code stallNanos} and nothing was settled: appends do not wait until something is. */
    private boolean writerStalled;
    /** Appends that waited for the writer to catch up, since the start. */
    private long appendsHeld;

    /**
     * @param maxBehind messages waiting past which an append waits for the writer (at most {@code capacity})
     * @param stallNanos how long an append waits without anything settled before it stops waiting for the writer
     */
    WriteQueue(int batchSize, long batchDelayNanos, int capacity, int maxBehind, long stallNanos) {
        this.batchSize = batchSize;
        this.batchDelayNanos = batchDelayNanos;
        this.capacity = capacity;
        this.maxBehind = Math.min(maxBehind, capacity);
        this.stallNanos = stallNanos;
    }

    /**
     * Queues {@code message}; when the writer is {@code maxBehind} behind and working, waits for it to get halfway
     * back. Over capacity the oldest waiting messages are dropped, to bound memory when the disk is failing: they
     * are returned (usually none) so that the caller can forget them too.
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
            if (waiting.size() > capacity) {
                return dropOldest();
            }
            if (waiting.size() > maxBehind && !writerFailing && !writerStalled) {
                awaitCatchingUp();
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, the lock released meanwhile, until at most half of {@code maxBehind} wait, or the writer fails, stalls
     * or stops, or the queue closes. An interrupt ends the wait and is kept.
     */
    private void awaitCatchingUp() {
        appendsHeld++;
        long settledBefore = settled;
        long left = stallNanos;
        try {
            while (waiting.size() > maxBehind / 2 && !writerFailing && !closed) {
                if (left <= 0) {
                    if (settled == settledBefore) {
                        writerStalled = true; // until the writer settles something (settle)
                        return;
                    }
                    settledBefore = settled;
                    left = stallNanos;
                }
                left = progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the writer's last attempt failed: while it does, appends do not wait for it. */
    void writerFailing(boolean failing) {
        lock.lock();
        try {
            writerFailing = failing;
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Appends that waited for the writer to catch up, since the start. */
    long appendsHeld() {
        lock.lock();
        try {
            return appendsHeld;
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
            writerStalled = false;
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
            progress.signalAll(); // appends waiting for the writer to catch up
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
