package openchat.server.room;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import openchat.protocol.Names;

/**
 * A chat room: its members by name, its capacity and its event sequence.
 *
 * <p>Thread-safe: every operation holds the room's monitor, numbers its event and hands it to the
 * {@link Fanout} before letting go, so each member receives events in sequence order and console lines come
 * in the same order. Nothing here blocks: the fanout only queues.
 *
 * <p>Presence: while the room holds at most {@code presenceLimit} members every join and leave is announced.
 * Beyond that a join is announced only when the member first speaks, and a member the others were never
 * told of leaves without a word (IRC's delayed join): otherwise filling a room of N costs N²/2 deliveries,
 * 50 million for 10,000 members, and nobody reads them.
 *
 * @param <L> how the transport reaches a member
 */
public final class Room<L> {
    private final String name;
    private final int capacity;
    private final int presenceLimit;
    private final Fanout<L> fanout;
    private final RoomListener listener;
    private final Clock clock;
    private final Map<String, Member<L>> members = new LinkedHashMap<>();
    /** The members as an immutable list, rebuilt on the first event after a change; null until then. */
    private List<Member<L>> recipients;
    /** The last time taken and its millisecond, so events in the same millisecond share one object. */
    private OffsetDateTime lastNow;
    private long lastNowMillis = Long.MIN_VALUE;
    private long lastSeq;
    private boolean closed;

    /** A room that announces every join and leave, whatever its size. */
    public Room(String name, int capacity, Fanout<L> fanout, RoomListener listener, Clock clock) {
        this(name, capacity, capacity, fanout, listener, clock);
    }

    public Room(String name, int capacity, int presenceLimit, Fanout<L> fanout, RoomListener listener, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("room capacity must be at least 1: " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.presenceLimit = presenceLimit;
        this.fanout = fanout;
        this.listener = listener;
        this.clock = clock;
    }

    public String name() {
        return name;
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int size() {
        return members.size();
    }

    public synchronized List<Member<L>> members() {
        return List.copyOf(members.values());
    }

    public synchronized Optional<Member<L>> find(String memberName) {
        return Optional.ofNullable(members.get(Names.key(memberName)));
    }

    /**
     * Adds a member named {@code memberName} unless the name is taken or the room is full; tells the others.
     * The name must already be valid ({@link Names#problem}) and the role proven.
     */
    public synchronized JoinResult<L> join(String memberName, Role role, L link) {
        String key = Names.key(memberName);
        if (members.containsKey(key)) {
            return new JoinResult<>(JoinResult.Outcome.NAME_TAKEN, null, members.size(), capacity);
        }
        if (closed || members.size() >= capacity) {
            return new JoinResult<>(JoinResult.Outcome.FULL, null, members.size(), capacity);
        }
        Member<L> member = new Member<>(memberName, key, role, link);
        members.put(key, member);
        recipients = null;
        listener.joined(member);
        if (members.size() <= presenceLimit) {
            announce(member);
        }
        return new JoinResult<>(JoinResult.Outcome.JOINED, member, members.size(), capacity);
    }

    /** Posts {@code text} from {@code from} to every other member; empty if {@code from} is no longer here. */
    public synchronized Optional<RoomEvent.Message> post(Member<L> from, String text) {
        if (!isPresent(from)) {
            return Optional.empty();
        }
        if (!from.announced()) {
            announce(from);
        }
        RoomEvent.Message message = new RoomEvent.Message(name, from.name(), now(), ++lastSeq, text);
        listener.posted(message);
        fanout.deliver(message, recipients(), from);
        return Optional.of(message);
    }

    /**
     * Removes {@code member}, announcing it unless {@code quiet}. Returns false, and does nothing, when the
     * member is already gone: every path out of the room (LEAVE, kick, a broken connection, a failed
     * write) may call this, and only the first counts.
     */
    public synchronized boolean leave(Member<L> member, LeaveReason reason, String detail, boolean quiet) {
        if (!isPresent(member)) {
            return false;
        }
        members.remove(member.key());
        recipients = null;
        listener.left(member, reason, detail, quiet);
        if (!quiet && member.announced()) {
            fanout.deliver(leftEvent(member, reason, detail), recipients(), null);
        }
        return true;
    }

    /**
     * Removes the member named {@code targetName}: it is told it was kicked and its link closed, the others
     * are told. Returns the removed member, or empty when no such member is here. Who may kick is the
     * caller's rule.
     */
    public synchronized Optional<Member<L>> kick(Member<L> by, String targetName, String detail) {
        Member<L> target = members.get(Names.key(targetName));
        if (target == null) {
            return Optional.empty();
        }
        members.remove(target.key());
        recipients = null;
        listener.kicked(target, by, detail);
        RoomEvent.Left event = leftEvent(target, LeaveReason.KICKED, detail);
        fanout.deliverAndClose(event, target);
        if (target.announced()) {
            fanout.deliver(event, recipients(), null);
        }
        return Optional.of(target);
    }

    /** Tells every member the server is stopping, closes their links and empties the room for good. */
    public synchronized List<Member<L>> close(String reason) {
        closed = true;
        List<Member<L>> everyone = new ArrayList<>(members.values());
        members.clear();
        recipients = null;
        RoomEvent.Closed event = new RoomEvent.Closed(reason, now());
        for (Member<L> member : everyone) {
            fanout.deliverAndClose(event, member);
        }
        return everyone;
    }

    private void announce(Member<L> member) {
        member.announced(true);
        fanout.deliver(new RoomEvent.Joined(name, member.name(), now(), ++lastSeq, members.size()),
                recipients(), member);
    }

    private RoomEvent.Left leftEvent(Member<L> member, LeaveReason reason, String detail) {
        return new RoomEvent.Left(name, member.name(), reason, detail, now(), ++lastSeq, members.size());
    }

    private boolean isPresent(Member<L> member) {
        return member != null && members.get(member.key()) == member;
    }

    private List<Member<L>> recipients() {
        if (recipients == null) {
            recipients = List.copyOf(members.values());
        }
        return recipients;
    }

    private OffsetDateTime now() {
        long millis = clock.millis();
        if (millis != lastNowMillis) {
            lastNow = OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), clock.getZone());
            lastNowMillis = millis;
        }
        return lastNow;
    }
}
