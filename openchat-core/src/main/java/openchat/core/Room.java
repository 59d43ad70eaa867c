package openchat.core;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One room: its members by name, capacity, owner, topic and event sequence.
 *
 * <p>Thread-safe: every operation holds the room's monitor, numbers its event, stores it and hands it to the
 * {@link Fanout} before letting go, so each member receives the room's events in sequence order, and a
 * joiner's history replay comes before anything said after it joined (no gap, no duplicate). Nothing here
 * blocks on I/O except the history read of a join (one indexed query); the broadcast path only queues.
 *
 * <p>Presence: while the room holds at most {@code presenceLimit} members every join and leave is announced.
 * Beyond that a join is announced only when the member first speaks, and a member the others were never
 * told of leaves without a word (IRC's delayed join): otherwise filling a room of N costs N²/2 deliveries.
 *
 * <p>Ownership: a room (not the lobby) is owned by its longest-present member, the administrator aside (it moderates
 * every room and owns none). When the owner leaves, in any way, ownership passes at once to the member that has been
 * here longest among those the others were told of, or, when none was, among the rest (who is then announced, so
 * that no one is told of an owner it never heard join). A room holding only the administrator has no owner; whoever
 * joins it next owns it, as the first member of a new room does.
 *
 * <p>A registered room ({@link Chat#registerRoom}) has a key, kept in the {@link RoomKeyStore}: a member who shows it
 * on joining, or once in ({@link #claim}), owns the room, taking it from the member who held it by presence (who stays
 * as a member and is told with everyone else). Only an owner who showed the key (or registered the room) while here, and
 * the administrator, may give the room a new key or drop its registration: an heir may not.
 */
final class Room<L> implements JoinedRoom {
    /** How far a post's clock reading may be behind the room's last event's and still be a moment's overtaking. */
    private static final long OVERTAKEN_MILLIS = 1_000;

    private final String name;
    private final String key;
    /** The server's room capacity: the most {@link #limit} may be. */
    private final int capacity;

    private final int presenceLimit;
    /** True for {@code lobby}: it stays when empty. */
    private final boolean permanent;

    private final Fanout<L> fanout;
    private final CoreListener listener;
    private final HistoryStore history;
    private final Clock clock;
    private final Map<String, Member<L>> members = new LinkedHashMap<>();
    /** Members the others were not yet told of (delayed join). */
    private final Set<Member<L>> unannounced = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The members as an immutable list, rebuilt on the first event after a change; null until then. */
    private List<Member<L>> recipients;
    /**
     * The member who owns the room: its first member, then, each time the owner leaves, the heir {@link #heir} picks;
     * null in the lobby, and while the room holds no member but the administrator.
     */
    private Member<L> owner;

    /**
     * The room's last number when each member present joined: the messages numbered above it were sent while it was
     * here, the ones an owner by presence may delete ({@link #deletableAbove}).
     */
    private final Map<Member<L>, Long> joinedAt = new IdentityHashMap<>();

    /** Whether {@link #owner} showed the room's key, or registered the room, while here. */
    private boolean ownerHoldsKey;

    /** Whether the room has a key: read from the store when the room is made, then kept by {@link #register}. */
    private boolean registered;

    /** How many members the room holds: the server's {@link #capacity} until its owner sets less (IRC's +l). */
    private int limit;

    private String topic = "";
    /** Who set the topic last, and when; null until someone does. */
    private String topicBy;

    private OffsetDateTime topicAt;
    private long lastSeq;
    /** Set when the room emptied and left the registry, or the server closed: no one may join it any more. */
    private boolean gone;
    /** The last time taken and its millisecond, so events in the same millisecond share one object. */
    private OffsetDateTime lastNow;

    private long lastNowMillis = Long.MIN_VALUE;

    /** When this room was made: IRC's 329 (RPL_CREATIONTIME). */
    private final Instant created;

    Room(
            String name,
            boolean permanent,
            CoreConfig config,
            Fanout<L> fanout,
            CoreListener listener,
            HistoryStore history,
            Clock clock) {
        this.name = name;
        this.key = RoomNames.key(name);
        this.capacity = config.roomCapacity();
        this.limit = capacity;
        this.presenceLimit = config.presenceLimit();
        this.permanent = permanent;
        this.fanout = fanout;
        this.listener = listener;
        this.history = history;
        this.clock = clock;
        this.lastSeq = history.lastSeq(key);
        this.created = clock.instant();
        ChatEvent.Topic kept = history.topic(key);
        if (kept != null) { // the room was here before: it emptied, or the server restarted
            this.topic = kept.topic();
            this.topicBy = kept.by();
            this.topicAt = kept.at();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    boolean permanent() {
        return permanent;
    }

    @Override
    public synchronized boolean announces(Member<?> member) {
        return !unannounced.contains(member);
    }

    /** What the room looks like now. */
    synchronized RoomView view() {
        return new RoomView(
                name,
                members.size(),
                limit,
                owner == null ? null : owner.name(),
                topic,
                topicBy,
                topicAt,
                lastSeq,
                created,
                registered);
    }

    /** Says whether the room has a key, as its store says when the room is made. */
    synchronized void registered(boolean registered) {
        this.registered = registered;
    }

    synchronized List<MemberView> who() {
        List<MemberView> out = new ArrayList<>(members.size());
        for (Member<L> member : members.values()) {
            out.add(new MemberView(member.name(), roleOf(member), !unannounced.contains(member), member.away()));
        }
        return out;
    }

    /**
     * Adds {@code member}, tells the others, and replays history to it: the messages after {@code after}
     * (the newest page of them) when {@code after >= 0}, else the last {@code onJoin}. Returns null when the room is gone
     * (the caller makes a new one); refuses when full. {@code showsKey}: the member showed the room's key (the caller
     * checked it), and owns the room from now on.
     */
    synchronized JoinResult add(Member<L> member, boolean first, long after, int onJoin, boolean showsKey) {
        if (gone) {
            return null;
        }
        // The key's holder passes the member limit its heir by presence may have set, not the server's capacity.
        int most = showsKey ? capacity : limit;
        if (members.size() >= most) {
            throw Refusal.full(name, members.size(), most);
        }
        // The room was just made for this member, or held only the administrator, which owns nothing; or the member
        // holds its key, and takes it from whoever holds it by presence.
        boolean keyed = showsKey && !permanent && !member.isAdmin();
        boolean owns = keyed || owner == null && !permanent && !member.isAdmin();
        Member<L> displaced = keyed ? owner : null;
        if (owns) {
            owner = member;
            ownerHoldsKey = keyed;
        }
        members.put(member.key(), member);
        joinedAt.put(member, lastSeq);
        member.entered(this);
        recipients = null;
        if (first) {
            listener.connected(member, name);
        } else {
            listener.joined(member, name);
        }
        boolean toldOfOwner = owns && members.size() > 1; // the administrator is here: tell it who owns the room
        if (members.size() <= presenceLimit || toldOfOwner) {
            announce(member);
        } else {
            unannounced.add(member);
        }
        if (toldOfOwner) {
            tellNewOwner(member, displaced);
        }
        List<StoredMessage> replay = onJoin == 0 && after < 0 || after == Chat.NO_REPLAY
                ? List.of()
                : history.latest(key, after >= 0 ? CoreConfig.MAX_HISTORY_PAGE : onJoin);
        long seen = Chat.lastSeen(after, lastSeq);
        if (seen >= 0) {
            replay = replay.stream().filter(m -> m.seq() > seen).toList();
        }
        if (!replay.isEmpty()) {
            fanout.replay(replay.stream().map(ChatEvent.Message::of).toList(), member);
        }
        return new JoinResult(view(), roleOf(member), replay.size());
    }

    /** Posts {@code text} from {@code from} to every other member and to history ({@link StoredMessage#isKept}). */
    synchronized ChatEvent.Message post(Member<L> from, String text, boolean notice, long nowMillis) {
        requirePresent(from);
        if (!unannounced.isEmpty() && unannounced.remove(from)) {
            announce(from);
        }
        ChatEvent.Message message =
                new ChatEvent.Message(name, from.name(), at(nowMillis), ++lastSeq, text, false, notice);
        if (StoredMessage.isKept(text)) {
            history.append(StoredMessage.of(key, message));
        } else {
            history.mark(key, message.seq());
        }
        listener.posted(message);
        fanout.deliver(message, recipients(), from);
        return message;
    }

    /**
     * Removes {@code member}, announcing it unless {@code quiet}. Returns false, and does nothing, when the
     * member is not here: every path out (LEAVE, PART, kick, a broken connection) may call this, and only the
     * first counts. Returns true when the room is now empty and gone. {@code departure}: the member's leaving of
     * the whole chat, told room by room; null for a leave of this room alone.
     */
    synchronized boolean remove(
            Member<L> member, LeaveReason reason, String detail, boolean quiet, Departure departure) {
        if (!isPresent(member)) {
            return false;
        }
        Member<L> heir = drop(member);
        boolean wasAnnounced = !unannounced.remove(member);
        if (!quiet && wasAnnounced) {
            // Only the administrator disconnects a member (KILL): its rooms are told who did.
            ChatEvent.Left left = left(member, reason, reason.impliedBy(), detail, heir);
            if (departure == null) {
                fanout.deliver(left, recipients(), null);
            } else {
                departure.tell(left, recipients(), null, fanout);
            }
        } else if (heir != null) {
            tellNewOwner(heir, null); // the leave itself is told to no one, but who owns the room now must be
        }
        return goneIfEmpty();
    }

    /**
     * Removes the member named {@code targetName} on {@code by}'s order: the target and the others are told.
     * Refuses when {@code by} may not, or no such member is here. Returns the removed member.
     */
    synchronized Member<L> kick(Member<L> by, String targetName, String detail) {
        if (!roleOf(by).mayModerate()) {
            throw Refusal.of(Refusal.Reason.NOT_MODERATOR);
        }
        Member<L> target = members.get(Names.key(targetName));
        if (target == null) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, targetName);
        }
        if (target.isAdmin() && !by.isAdmin()) {
            throw Refusal.of(Refusal.Reason.ADMIN_NOT_KICKABLE);
        }
        long shown = lastSeq; // before the kick's own number: as a PART reads it
        boolean wasAnnounced = !unannounced.remove(target);
        Member<L> heir = drop(target);
        target.kicked(key, shown);
        listener.kicked(target.name(), name, by.name(), detail);
        ChatEvent.Left event = left(target, LeaveReason.KICKED, by.name(), detail, heir);
        fanout.deliverTo(event.forTheLeaver(), target);
        if (wasAnnounced) {
            fanout.deliver(event, recipients(), null);
        } else if (heir != null) {
            tellNewOwner(heir, null);
        }
        goneIfEmpty();
        return target;
    }

    /** Sets the topic on {@code by}'s order (the administrator's from outside too); everyone else is told. */
    synchronized ChatEvent.Topic topic(Member<L> by, String text) {
        if (!by.isAdmin()) {
            requirePresent(by);
        }
        if (!roleOf(by).mayModerate()) {
            throw Refusal.of(Refusal.Reason.NOT_MODERATOR);
        }
        Checks.requireValidTopic(text);
        topic = text;
        ChatEvent.Topic event = new ChatEvent.Topic(name, by.name(), now(), nextUnstoredSeq(), text);
        topicBy = by.name();
        topicAt = event.at();
        history.keepTopic(key, event);
        listener.topic(event);
        fanout.deliver(event, recipients(), by);
        return event;
    }

    /**
     * The messages {@code by} may delete here: those numbered above the returned Seq. The administrator (from anywhere)
     * and an owner who showed the room's key (or registered it) may delete any (0); an owner by presence only those
     * sent since it joined, so that whoever makes an emptied room again, or inherits it, cannot wipe what was said
     * before it came. Refuses anyone else.
     */
    synchronized long deletableAbove(Member<L> by) {
        if (!by.isAdmin()) {
            requirePresent(by);
        }
        if (!roleOf(by).mayModerate()) {
            throw Refusal.of(Refusal.Reason.NOT_MODERATOR);
        }
        return by.isAdmin() || ownerHoldsKey ? 0 : joinedAt.getOrDefault(by, lastSeq);
    }

    /** Messages of this room's history were deleted on {@code by}'s order: the others present are told. */
    synchronized void deleted(ChatEvent.Deleted deleted, Member<L> by) {
        listener.deleted(deleted);
        fanout.deliver(deleted, recipients(), by);
    }

    /**
     * Sets the room's member limit on {@code by}'s order (the administrator's from outside too), or with {@link
     * Chat#SERVER_LIMIT} gives it back the server's capacity; the others present are told. Members already here stay.
     */
    synchronized ChatEvent.RoomLimit limit(Member<L> by, int asked) {
        if (!by.isAdmin()) {
            requirePresent(by);
        }
        if (!roleOf(by).mayModerate()) {
            throw Refusal.of(Refusal.Reason.NOT_MODERATOR);
        }
        boolean reset = asked == Chat.SERVER_LIMIT;
        if (!reset && (asked < 1 || asked > capacity)) {
            throw Refusal.invalidLimit(asked, capacity);
        }
        limit = reset ? capacity : asked;
        ChatEvent.RoomLimit event = new ChatEvent.RoomLimit(name, by.name(), limit, reset, now());
        listener.roomLimit(event);
        fanout.deliver(event, recipients(), by);
        return event;
    }

    /**
     * {@code member}, present here, showed the room's key (the caller checked it): it owns the room from now on, taking
     * it from the member who held it, and everyone is told ({@link ChatEvent.NewOwner} with {@code previous}). The
     * administrator, which owns no room, changes nothing. Returns the member's role here.
     */
    synchronized RoomRole claim(Member<L> member) {
        requirePresent(member);
        if (member.isAdmin() || permanent) {
            return roleOf(member);
        }
        ownerHoldsKey = true;
        if (owner != member) {
            Member<L> previous = owner;
            owner = member;
            if (unannounced.remove(member)) {
                announce(member);
            }
            tellNewOwner(member, previous);
        }
        return RoomRole.OWNER;
    }

    /** Whether {@code member} owns the room and showed its key (or registered it) while here. */
    synchronized boolean holdsKey(Member<L> member) {
        return member == owner && ownerHoldsKey;
    }

    /** Whether the room exists and is registered: someone is in it, so its registration is in use. */
    synchronized boolean inUseRegistered() {
        return !isGone() && registered;
    }

    /**
     * Registers the room on {@code by}'s order (its owner, present, or the administrator, from anywhere while the room
     * exists): gives it a new key, kept hashed in {@code keys} in place of any before, and returns the key. A room
     * registered already takes a new key only from an owner who showed the old one here, or the administrator; when
     * the administrator gives it one, the owner holds the key no longer. Refuses the lobby, a new registration past
     * {@code most}, and one past {@code mostFromNetwork} registered from {@code by}'s network (a new key counts the room
     * against the network of whoever gave it; the administrator's against none).
     */
    synchronized NewRoomKey register(Member<L> by, RoomKeyStore keys, int most, int mostFromNetwork) {
        requireKeyHolder(by, keys, false);
        boolean replaced = keys.hashOf(key) != null;
        if (!replaced && keys.count() >= most) {
            throw Refusal.limit(Refusal.Reason.TOO_MANY_REGISTERED_ROOMS, most);
        }
        String network = RoomKey.networkOf(by);
        if (network != null && keys.countFrom(network, key) >= mostFromNetwork) {
            listener.registrationsFull(name, by, network, mostFromNetwork);
            throw Refusal.limit(Refusal.Reason.TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS, mostFromNetwork);
        }
        String made = RoomKey.generate();
        keys.keep(key, name, RoomKey.hash(made), by.name(), network, clock.instant());
        ownerHoldsKey = by == owner;
        registered = true;
        tellRegistration(
                by,
                replaced ? ChatEvent.RoomRegistration.Change.REKEYED : ChatEvent.RoomRegistration.Change.REGISTERED);
        return new NewRoomKey(made, replaced);
    }

    /**
     * Drops the room's registration on {@code by}'s order: an owner who showed the key here, or the administrator. The
     * owner keeps the room while it stays, by presence; whoever owns it next holds it by presence alone, as before the
     * registration.
     */
    synchronized void unregister(Member<L> by, RoomKeyStore keys) {
        requireKeyHolder(by, keys, true);
        if (!keys.drop(key)) {
            throw Refusal.of(Refusal.Reason.NOT_REGISTERED, name);
        }
        ownerHoldsKey = false;
        registered = false;
        tellRegistration(by, ChatEvent.RoomRegistration.Change.DROPPED);
    }

    /** The console and the members present but {@code by} are told what became of the registration. */
    private void tellRegistration(Member<L> by, ChatEvent.RoomRegistration.Change change) {
        ChatEvent.RoomRegistration event =
                new ChatEvent.RoomRegistration(name, by.name(), change, now(), owner == null ? null : owner.name());
        listener.roomRegistration(event);
        fanout.deliver(event, recipients(), by);
    }

    /**
     * Refuses who may not register the room (anew) or, with {@code dropping}, drop its registration: anyone in the
     * lobby, a member not present or not owning it, and, for a registered room, an owner who did not show its key.
     */
    private void requireKeyHolder(Member<L> by, RoomKeyStore keys, boolean dropping) {
        if (!by.isAdmin()) {
            requirePresent(by);
        }
        if (permanent) {
            throw Refusal.of(Refusal.Reason.LOBBY_UNOWNED, name);
        }
        if (!roleOf(by).mayModerate()) {
            throw Refusal.of(Refusal.Reason.NOT_MODERATOR);
        }
        String hash = keys.hashOf(key);
        if (hash == null && dropping) {
            throw Refusal.of(Refusal.Reason.NOT_REGISTERED, name);
        }
        if (hash != null && !by.isAdmin() && !ownerHoldsKey) {
            throw Refusal.of(Refusal.Reason.NOT_KEY_HOLDER, name);
        }
    }

    /**
     * {@code member}, present here under {@code oldKey}, was renamed: it keeps its place in the join order. Does
     * nothing when it is not here under that key (it left meanwhile).
     */
    synchronized void renamed(Member<L> member, String oldKey) {
        rekey(members, member, oldKey);
    }

    /**
     * {@code members} (by key, in join order) with {@code member}, present under {@code oldKey}, under its new key
     * in the same place; unchanged when it is not there under that key. A room and a cluster's shared room alike.
     */
    static <L> void rekey(Map<String, Member<L>> members, Member<L> member, String oldKey) {
        if (members.get(oldKey) != member || oldKey.equals(member.key())) {
            return;
        }
        List<Member<L>> inOrder = new ArrayList<>(members.values());
        members.clear();
        for (Member<L> each : inOrder) {
            members.put(each.key(), each);
        }
    }

    /** Whether the room is empty and gone after a removal the registry must now forget. */
    synchronized boolean isGone() {
        return gone;
    }

    /**
     * The server is stopping: empties the room for good. Every line accepted before this was handed to the
     * fanout under this monitor, so it is queued ahead of the shutdown notice; any later one is refused.
     */
    synchronized void close() {
        gone = true;
        for (Member<L> member : members.values()) {
            member.closedOut(this, lastSeq);
        }
        members.clear();
        unannounced.clear();
        recipients = null;
        owner = null;
        ownerHoldsKey = false;
    }

    synchronized boolean isPresent(Member<L> member) {
        return member != null && keyOf(member) != null;
    }

    /** The member's role here: the administrator anywhere, the owner while it stays, else a member. */
    RoomRole roleOf(Member<L> member) {
        if (member.isAdmin()) {
            return RoomRole.ADMIN;
        }
        return member == owner ? RoomRole.OWNER : RoomRole.MEMBER;
    }

    private void requirePresent(Member<L> member) {
        if (!isPresent(member)) {
            throw Refusal.of(Refusal.Reason.NOT_IN_ROOM, name);
        }
    }

    /**
     * Takes {@code member} out of the room; when it owned it, ownership passes on ({@link #heir}). Returns the new
     * owner, or null when the owner did not change.
     */
    private Member<L> drop(Member<L> member) {
        members.remove(keyOf(member));
        joinedAt.remove(member);
        member.exited(this);
        recipients = null;
        if (owner != member) {
            return null;
        }
        owner = heir();
        ownerHoldsKey = false;
        return owner;
    }

    /**
     * Who owns the room now that its owner left: the longest-present member the others were told of, the
     * administrator aside; when none was, the longest-present of the rest, announced now so that the others hear of
     * it before they are told it owns the room. Null when no member but the administrator remains. {@link #members}
     * keeps the join order (a rename keeps a member's place).
     */
    private Member<L> heir() {
        Member<L> unannouncedHeir = null;
        for (Member<L> member : members.values()) {
            if (member.isAdmin()) {
                continue;
            }
            if (!unannounced.contains(member)) {
                return member;
            }
            if (unannouncedHeir == null) {
                unannouncedHeir = member;
            }
        }
        if (unannouncedHeir != null) {
            unannounced.remove(unannouncedHeir);
            announce(unannouncedHeir);
        }
        return unannouncedHeir;
    }

    /**
     * Tells every member that {@code heir} owns the room now, when no LEFT says it; {@code previous}: the member, still
     * here, it took the room from with the room's key, else null.
     */
    private void tellNewOwner(Member<L> heir, Member<L> previous) {
        ChatEvent.NewOwner event = new ChatEvent.NewOwner(
                name, heir.name(), now(), nextUnstoredSeq(), previous == null ? null : previous.name());
        listener.owner(event.room(), event.name(), event.previous());
        fanout.deliver(event, recipients(), null);
    }

    /**
     * The key {@code member} is here under, or null when it is not here. Its own key, except for the moment of a
     * rename: the member has its new key before each of its rooms takes it ({@link #renamed}), and a kick from
     * another thread may come in between.
     */
    private String keyOf(Member<L> member) {
        String key = member.key();
        if (members.get(key) == member) {
            return key;
        }
        for (Map.Entry<String, Member<L>> entry : members.entrySet()) {
            if (entry.getValue() == member) {
                return entry.getKey();
            }
        }
        return null;
    }

    private boolean goneIfEmpty() {
        if (members.isEmpty() && !permanent) {
            gone = true;
        }
        return gone;
    }

    private void announce(Member<L> member) {
        fanout.deliver(
                new ChatEvent.Joined(name, member.name(), now(), nextUnstoredSeq(), members.size(), member.away()),
                recipients(),
                member);
    }

    /** The LEFT of {@code member}; {@code heir}: who owns the room after it, when that changed (else null). */
    private ChatEvent.Left left(Member<L> member, LeaveReason reason, String by, String detail, Member<L> heir) {
        if (heir != null) {
            listener.owner(name, heir.name(), null);
        }
        return new ChatEvent.Left(
                name,
                member.name(),
                reason,
                by,
                detail,
                now(),
                nextUnstoredSeq(),
                members.size(),
                heir == null ? null : heir.name());
    }

    /** The next number for an event history does not keep: marked, so the number is never given out again. */
    private long nextUnstoredSeq() {
        history.mark(key, ++lastSeq);
        return lastSeq;
    }

    @Override
    public synchronized List<Member<L>> present() {
        return recipients();
    }

    private List<Member<L>> recipients() {
        if (recipients == null) {
            recipients = List.copyOf(members.values());
        }
        return recipients;
    }

    private OffsetDateTime now() {
        return at(clock.millis());
    }

    /**
     * The time of an event whose clock reading is {@code millis}. A post reads the clock before it takes the room's
     * lock, so another line may have taken a later reading and its seq first: a reading at most
     * {@value #OVERTAKEN_MILLIS} ms older than the last event's takes that event's time, so that a room's times
     * follow its seqs. An older one is the clock set back, and is taken as it is.
     */
    private OffsetDateTime at(long millis) {
        if (millis < lastNowMillis && lastNowMillis - millis <= OVERTAKEN_MILLIS) {
            return lastNow;
        }
        if (millis != lastNowMillis) {
            lastNow = OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), clock.getZone());
            lastNowMillis = millis;
        }
        return lastNow;
    }
}
