package openchat.client;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import openchat.core.Names;

/**
 * What this client knows of one room it is in. The newest {@code Seq} seen is where a reconnect catches up
 * from ({@code History-After}); the oldest message seen is where {@code /history} pages back from; the members
 * feed tab completion. The connection's thread updates it while the input thread reads it: every method holds
 * its monitor (taken inside {@link JoinedRooms}'s, never the other way round).
 */
final class RoomState {
    /** No Seq seen yet. */
    static final long NONE = -1;
    /** How many of the chat lines it showed a room remembers the time of, the newest shown. */
    static final int SHOWN_KEPT = 1000;

    private final String name;
    private long newestSeq = NONE;
    private long oldestMessageSeq = NONE;
    /** The room has a key whose holder owns it: as the join's answer said, and the REGISTER or UNREGISTER since. */
    private boolean registered;
    /**
     * This client owns the room: as the join's answer said ({@code Room-Role}), a CLAIM's, and the LEFT or OWNER events
     * that passed it since.
     */
    private boolean owned;
    /**
     * The chat lines this client showed lately, by Seq: when each was sent, the newest {@link #SHOWN_KEPT} shown, so that
     * a deletion of some of them says when they were sent (the terminal cannot take back what it printed).
     */
    private final Map<Long, OffsetDateTime> shown = new LinkedHashMap<>();
    /** Members by name key, in the order they were learned. */
    private final Map<String, String> members = new LinkedHashMap<>();

    RoomState(String name) {
        this.name = name;
    }

    /** The room's name as the server shows it. */
    String name() {
        return name;
    }

    synchronized long newestSeq() {
        return newestSeq;
    }

    synchronized long oldestMessageSeq() {
        return oldestMessageSeq;
    }

    /** Any numbered event of the room: a join, a leave, a topic, or the room's Seq in a join answer. */
    synchronized void sawSeq(long seq) {
        newestSeq = Math.max(newestSeq, seq);
    }

    /** A chat line of the room: someone's, replayed, or this client's own as its answer numbered it. */
    synchronized void sawMessage(long seq) {
        sawSeq(seq);
        oldestMessageSeq = oldestMessageSeq == NONE ? seq : Math.min(oldestMessageSeq, seq);
    }

    /** This client showed the chat line {@code seq}, sent at {@code sent}; the one shown longest ago is forgotten past the bound. */
    synchronized void showed(long seq, OffsetDateTime sent) {
        shown.remove(seq);
        shown.put(seq, sent);
        Iterator<Long> oldest = shown.keySet().iterator();
        while (shown.size() > SHOWN_KEPT) {
            oldest.next();
            oldest.remove();
        }
    }

    /** When the lines among {@code seqs} this client showed (and still remembers) were sent, earliest first. */
    synchronized List<OffsetDateTime> shownAmong(Collection<Long> seqs) {
        return seqs.stream()
                .map(shown::get)
                .filter(java.util.Objects::nonNull)
                .sorted()
                .toList();
    }

    /** Whether the room is registered, as far as this client was told (docs/PROTOCOL.md, "Registered rooms"). */
    synchronized boolean registered() {
        return registered;
    }

    synchronized void registered(boolean now) {
        registered = now;
    }

    /** Whether this client owns the room, as far as it was told. */
    synchronized boolean owned() {
        return owned;
    }

    synchronized void owned(boolean now) {
        owned = now;
    }

    synchronized void memberIn(String member) {
        members.putIfAbsent(Names.key(member), member);
    }

    synchronized void memberOut(String member) {
        members.remove(Names.key(member));
    }

    /** A member took a new name, or the same one spelled otherwise; nothing when it is not in the room. */
    synchronized void memberRenamed(String from, String to) {
        if (members.remove(Names.key(from)) != null) {
            memberIn(to);
        }
    }

    synchronized void membersAre(List<String> names) {
        members.clear();
        names.forEach(this::memberIn);
    }

    /** Whether {@code name}, in any spelling of it, is a member this client knows to be in the room. */
    synchronized boolean hasMember(String name) {
        return members.containsKey(Names.key(name));
    }

    synchronized List<String> members() {
        return new ArrayList<>(members.values());
    }
}
