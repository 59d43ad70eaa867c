package openchat.core;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * History kept in memory, up to {@code maxPerRoom} messages per room and none older than its {@link HistoryAge}: for
 * tests and as the reference.
 */
public final class InMemoryHistory implements HistoryStore {
    private final int maxPerRoom;
    private final HistoryAge age;
    private final Map<String, Deque<StoredMessage>> rooms = new HashMap<>();
    private final Map<String, Long> lastSeqs = new HashMap<>();
    private final Map<String, ChatEvent.Topic> topics = new HashMap<>();
    /** The kept topics of rooms that emptied, the one that emptied longest ago first. */
    private final Set<String> emptied = new LinkedHashSet<>();

    public InMemoryHistory(int maxPerRoom) {
        this(maxPerRoom, HistoryAge.forever());
    }

    public InMemoryHistory(int maxPerRoom, HistoryAge age) {
        if (maxPerRoom < 1) {
            throw new IllegalArgumentException("maxPerRoom must be at least 1: " + maxPerRoom);
        }
        this.maxPerRoom = maxPerRoom;
        this.age = age;
    }

    @Override
    public synchronized void append(StoredMessage message) {
        Deque<StoredMessage> kept = rooms.computeIfAbsent(message.roomKey(), k -> new ArrayDeque<>());
        kept.addLast(message);
        Instant oldestKept = age.oldestKept();
        while (kept.size() > maxPerRoom || !HistoryAge.keeps(kept.getFirst(), oldestKept)) {
            kept.removeFirst();
            if (kept.isEmpty()) {
                break;
            }
        }
        lastSeqs.merge(message.roomKey(), message.seq(), Math::max);
    }

    @Override
    public synchronized void delete(String roomKey, Collection<Long> seqs) {
        Deque<StoredMessage> kept = rooms.get(roomKey);
        if (kept != null) {
            kept.removeIf(message -> seqs.contains(message.seq()));
        }
    }

    @Override
    public synchronized void mark(String roomKey, long seq) {
        lastSeqs.merge(roomKey, seq, Math::max);
    }

    @Override
    public synchronized ChatEvent.Topic topic(String roomKey) {
        emptied.remove(roomKey); // the room is made: its topic is its own again
        return topics.get(roomKey);
    }

    @Override
    public synchronized void keepTopic(String roomKey, ChatEvent.Topic topic) {
        emptied.remove(roomKey);
        if (topic.topic().isEmpty()) {
            topics.remove(roomKey);
        } else {
            topics.put(roomKey, topic);
        }
    }

    @Override
    public synchronized void roomEmptied(String roomKey) {
        if (!topics.containsKey(roomKey)) {
            return;
        }
        emptied.remove(roomKey);
        emptied.add(roomKey);
        if (emptied.size() > CoreConfig.EMPTIED_ROOM_TOPICS) {
            String oldest = emptied.iterator().next();
            emptied.remove(oldest);
            topics.remove(oldest);
        }
    }

    @Override
    public synchronized long lastSeq(String roomKey) {
        return lastSeqs.getOrDefault(roomKey, 0L);
    }

    @Override
    public synchronized List<StoredMessage> before(String roomKey, long before, int limit) {
        List<StoredMessage> out = new ArrayList<>();
        Deque<StoredMessage> kept = rooms.getOrDefault(roomKey, new ArrayDeque<>());
        Instant oldestKept = age.oldestKept();
        for (Iterator<StoredMessage> it = kept.descendingIterator(); it.hasNext() && out.size() < limit; ) {
            StoredMessage m = it.next();
            if (m.seq() < before && HistoryAge.keeps(m, oldestKept)) {
                out.add(0, m);
            }
        }
        return out;
    }

    @Override
    public synchronized List<StoredMessage> after(String roomKey, long after, int limit) {
        List<StoredMessage> out = new ArrayList<>();
        Instant oldestKept = age.oldestKept();
        for (StoredMessage m : rooms.getOrDefault(roomKey, new ArrayDeque<>())) {
            if (out.size() >= limit) {
                break;
            }
            if (m.seq() > after && HistoryAge.keeps(m, oldestKept)) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public void flush() {}

    @Override
    public int maxPerRoom() {
        return maxPerRoom;
    }

    @Override
    public HistoryAge age() {
        return age;
    }

    @Override
    public void close() {}
}
