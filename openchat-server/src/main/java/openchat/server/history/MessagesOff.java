package openchat.server.history;

import java.util.Collection;
import java.util.List;
import openchat.core.ChatEvent;
import openchat.core.HistoryAge;
import openchat.core.HistoryStore;
import openchat.core.StoredMessage;

/**
 * {@code --no-history} on a single server: no message is stored or replayed (each room's numbers start again at 1
 * after a restart), while the database behind keeps what is not history, as it does with history on: each room's
 * topic here, and the bans ({@link SqliteHistoryStore#bans}). A ban that vanished at a restart would let back in
 * whoever the administrator kept out.
 */
public final class MessagesOff implements HistoryStore {
    private final SqliteHistoryStore database;

    public MessagesOff(SqliteHistoryStore database) {
        this.database = database;
    }

    @Override
    public boolean writable() {
        return database.writable();
    }

    @Override
    public void append(StoredMessage message) {}

    @Override
    public void mark(String roomKey, long seq) {}

    @Override
    public void delete(String roomKey, Collection<Long> seqs) {}

    @Override
    public long lastSeq(String roomKey) {
        return HistoryStore.NONE.lastSeq(roomKey);
    }

    @Override
    public List<StoredMessage> before(String roomKey, long before, int limit) {
        return HistoryStore.NONE.before(roomKey, before, limit);
    }

    @Override
    public List<StoredMessage> after(String roomKey, long after, int limit) {
        return HistoryStore.NONE.after(roomKey, after, limit);
    }

    @Override
    public ChatEvent.Topic topic(String roomKey) {
        return database.topic(roomKey);
    }

    @Override
    public void keepTopic(String roomKey, ChatEvent.Topic topic) {
        database.keepTopic(roomKey, topic);
    }

    @Override
    public void roomEmptied(String roomKey) {
        database.roomEmptied(roomKey);
    }

    @Override
    public void flush() {}

    @Override
    public int maxPerRoom() {
        return 0;
    }

    @Override
    public HistoryAge age() {
        return HistoryAge.forever();
    }

    @Override
    public void close() {
        database.close();
    }
}
