package openchat.core;

import java.util.Collection;
import java.util.List;

/**
 * Where room messages are kept: the port the core owns. Implementations: {@link InMemoryHistory} (tests,
 * {@code --no-history} uses {@link #NONE}), SQLite in the server.
 *
 * <p>Contract (HistoryStoreContract in the test jar checks it for every implementation):
 * <ul>
 *   <li>{@link #append} never waits for a disk: it queues. The core calls it under the room's lock, in
 *       {@code seq} order per room.</li>
 *   <li>Reads see every message appended before them, written out yet or not (read your writes), each
 *       once, in ascending {@code seq} order.</li>
 *   <li>A room keeps at most {@link #maxPerRoom} messages: older ones are dropped (not necessarily at
 *       once, but reads never return more than that many older than the newest).</li>
 *   <li>With a maximum {@link #age}, reads never return a message older than that on the store's clock, and
 *       storage drops it within {@link HistoryAge#sweepInterval} of its expiry (a closed store: when next opened).
 *       Count and age both apply: a message goes at whichever comes first.</li>
 *   <li>{@link #lastSeq} survives dropping: it is the highest {@code seq} ever appended or {@link #mark marked}
 *       for the room. A mark is as durable as an append made at the same moment.</li>
 *   <li>{@link #close} writes out everything appended, then releases the store; it may be called twice.</li>
 * </ul>
 * Thread-safe.
 */
public interface HistoryStore extends AutoCloseable {

    /**
     * Whether messages are reaching storage now: false while writes fail (a full disk...), for the server's health
     * check. By default true.
     */
    default boolean writable() {
        return true;
    }

    /** Queues {@code message} for storage. */
    void append(StoredMessage message);

    /**
     * Deletes the room's messages numbered {@code seqs} (a moderator's {@link Chat#delete}); numbers it does not hold
     * are passed over. Reads that start after the call never return them, and they stay deleted across a restart;
     * {@link #lastSeq} is unchanged. Rare: may write at once, or queue as {@link #append} does.
     */
    void delete(String roomKey, Collection<Long> seqs);

    /**
     * Records that the room's sequence reached {@code seq} with an event that is not stored (a join, a leave, a
     * topic), so a room made again, or a restarted server, never hands out that number twice.
     */
    void mark(String roomKey, long seq);

    /** The highest seq appended or marked for the room, 0 when none ever was. */
    long lastSeq(String roomKey);

    /** Up to {@code limit} messages with {@code seq < before}, the newest of them, ascending. */
    List<StoredMessage> before(String roomKey, long before, int limit);

    /** Up to {@code limit} messages with {@code seq > after}, the oldest of them, ascending. */
    List<StoredMessage> after(String roomKey, long after, int limit);

    /** The newest {@code limit} messages, ascending. */
    default List<StoredMessage> latest(String roomKey, int limit) {
        return before(roomKey, Long.MAX_VALUE, limit);
    }

    /**
     * The room's topic as last set, read when the room is made: kept across the room's emptying and the server's
     * restarts, for as long as {@link #roomEmptied} says. Null when none is kept (never set, cleared, forgotten, or a
     * store that keeps nothing). From this read until the room empties again, the topic is the room's and is not
     * forgotten.
     */
    default ChatEvent.Topic topic(String roomKey) {
        return null;
    }

    /** Keeps {@code topic} as the room's, replacing the one kept; an empty text clears it. Rare: may write at once. */
    default void keepTopic(String roomKey, ChatEvent.Topic topic) {}

    /**
     * The room emptied and is gone (not a server's stop: a store opened again takes every room it kept a topic of as
     * emptied then). Its topic is kept for when the room is made again, but only the topics of the last
     * {@link CoreConfig#EMPTIED_ROOM_TOPICS} rooms that emptied are: past that, the one that emptied longest ago is
     * forgotten, for good. A room that exists keeps its topic however many others empty.
     */
    default void roomEmptied(String roomKey) {}

    /** Blocks until everything appended so far is written out. */
    void flush();

    /** The retention: messages kept per room. */
    int maxPerRoom();

    /** The retention by age: how old a message may grow before it is dropped. By default any age is kept. */
    default HistoryAge age() {
        return HistoryAge.forever();
    }

    /** Writes out what is queued, then releases the store. */
    @Override
    void close();

    /** Keeps nothing: {@code --no-history}. */
    HistoryStore NONE = new HistoryStore() {
        @Override
        public void append(StoredMessage message) {}

        @Override
        public void mark(String roomKey, long seq) {}

        @Override
        public void delete(String roomKey, Collection<Long> seqs) {}

        @Override
        public long lastSeq(String roomKey) {
            return 0;
        }

        @Override
        public List<StoredMessage> before(String roomKey, long before, int limit) {
            return List.of();
        }

        @Override
        public List<StoredMessage> after(String roomKey, long after, int limit) {
            return List.of();
        }

        @Override
        public void flush() {}

        @Override
        public int maxPerRoom() {
            return 0;
        }

        @Override
        public void close() {}
    };
}
