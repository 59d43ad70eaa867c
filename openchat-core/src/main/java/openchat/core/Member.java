package openchat.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A connected member: one name on the whole server, the rooms it is in, its chat allowance. {@code link} is
 * whatever the adapter uses to reach it (a Netty channel in the server); the core only hands it back to the
 * {@link Fanout}. Identity is the instance: a member who leaves and connects again is a new member.
 */
public final class Member<L> {
    /** Changed only by {@link ChatCore#rename}, on the member's own thread; read from any. */
    private volatile String name;

    private volatile String key;
    /** How the name looks ({@link Names#skeleton}): no other member's looks the same. */
    private volatile String skeleton;
    /** The looks bans compare ({@link #looks}), made when first asked for, with the key they were made for. */
    private volatile Looks looks;

    /** A name's looks as bans see them ({@link Names#looks}), for the key they were made for. */
    private record Looks(String key, List<String> looks) {}

    private final Role role;
    private final L link;
    /**
     * The rooms this member is in, in the order it joined them (so IRC's WHOIS lists its channels, and WHO names the
     * first it shares, as they were joined). Never changed in place: a join or a leave puts a new array
     * ({@link #ROOMS}, compare-and-set, as two rooms' monitors may change it at once). A member is in few rooms
     * ({@link CoreConfig#maxRoomsPerMember}) and its every line looks one up, which a scan of one to twenty does at
     * less than a hash map's cost, in 24 bytes for one room where a map took about 180.
     */
    private volatile JoinedRoom[] rooms = NO_ROOMS;

    private static final JoinedRoom[] NO_ROOMS = {};
    /** See {@link #kickedOut}. */
    private volatile boolean kickedOut;
    /**
     * The rooms it was kicked from and has not joined again, by room key: each room's last Seq as it was kicked (see
     * {@link #shownWhenKicked}); the {@link #KICKS_REMEMBERED} latest. Null until a first kick: most members never
     * are. Guarded by this.
     */
    private Map<String, Long> kickedAt;

    /** The rooms it was in as the chat closed, by room key, each with its last Seq ({@link #shownWhenClosed}). */
    private Map<String, Long> shownAtClose;

    /** How many rooms {@link #kickedAt} remembers: past it, the kick longest ago is forgotten. */
    static final int KICKS_REMEMBERED = 100;
    /**
     * The chat allowance (lines, private messages, invitations, topics, away messages, renames); null for the
     * administrator or with flood control off. Guarded by this.
     */
    private final TokenBucket allowance;
    /**
     * The allowance for joins and parts, each of which every member of the room is told of: a burst of as many as
     * the rooms one member may be in, so that a client joining its rooms again after a reconnect is never held
     * back, refilled at the chat rate; null when {@link #allowance} is. Guarded by this.
     */
    private final TokenBucket moves;
    /** The allowance for reads ({@link FloodControl#READ_BURST}); null when {@link #allowance} is. Guarded by this. */
    private final TokenBucket reads;
    /** Lines refused for flooding since the last one accepted. Guarded by this. */
    private int refusedInARow;
    /** When the first of {@link #refusedInARow} was refused, in the clock's milliseconds. Guarded by this. */
    private long firstRefusedAt;
    /** The away message; empty while the member is not away. */
    private volatile String away = "";
    /** The address it connected from; null when the adapter did not say (tests). */
    private final InetAddress origin;
    /** When it was admitted, in the clock's milliseconds (IRC's WHOIS shows it as the sign-on time). */
    private final long signedOnMillis;
    /**
     * When it last spent its allowance (a line, a private message, a topic...), in the clock's milliseconds; its
     * sign-on until then. What IRC's WHOIS counts idle time from. Written and read opaque ({@link #LAST_ACTIVE}): a
     * value for people to read, which a chat line must not pay a memory fence for.
     */
    @SuppressWarnings("unused") // through LAST_ACTIVE
    private long lastActiveMillis;

    private static final VarHandle LAST_ACTIVE;
    private static final VarHandle ROOMS;

    static {
        try {
            LAST_ACTIVE = MethodHandles.lookup().findVarHandle(Member.class, "lastActiveMillis", long.class);
            ROOMS = MethodHandles.lookup().findVarHandle(Member.class, "rooms", JoinedRoom[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    Member(String name, String key, Role role, L link, TokenBucket allowance) {
        this(name, key, Names.skeleton(name), role, link, allowance, null, null, null, 0);
    }

    Member(
            String name,
            String key,
            String skeleton,
            Role role,
            L link,
            TokenBucket allowance,
            TokenBucket moves,
            TokenBucket reads,
            InetAddress origin,
            long signedOnMillis) {
        this.name = name;
        this.key = key;
        this.skeleton = skeleton.equals(key) ? key : skeleton; // a name in small letters: one string for both
        this.role = role;
        this.link = link;
        this.allowance = allowance;
        this.moves = moves;
        this.reads = reads;
        this.origin = origin;
        this.signedOnMillis = signedOnMillis;
        LAST_ACTIVE.setOpaque(this, signedOnMillis);
    }

    /** When it was admitted, in the clock's milliseconds. */
    public long signedOnMillis() {
        return signedOnMillis;
    }

    /** When it last spent its allowance, or its sign-on, in the clock's milliseconds. */
    public long lastActiveMillis() {
        return (long) LAST_ACTIVE.getOpaque(this);
    }

    /** The address it connected from, or null when unknown. Shown to no one but the administrator. */
    public InetAddress origin() {
        return origin;
    }

    /** The most earlier names a member remembers ({@link #formerKeys}). */
    static final int FORMER_NAMES_KEPT = 16;

    /** The keys of the names it had before its renames while connected, oldest first (at most the last 16). */
    private volatile List<String> formerKeys = List.of();

    /** The most looks one name has ({@link Names#looks}: as written, in small letters, in capitals). */
    private static final int LOOKS_PER_NAME = 3;

    /**
     * The looks of those names, oldest first, each once: a room's ban of one of them still keeps it from speaking there
     * ({@link Ban.Who#speaking}).
     */
    private volatile List<String> formerLooks = List.of();

    /**
     * The keys of the names it went by earlier in this connection, oldest first: a deletion by its name takes what it
     * said under those too (trial 14: a troll renamed between bursts, and deleting by its new name found nothing).
     */
    public List<String> formerKeys() {
        return formerKeys;
    }

    /** Its name's {@link #looks}, then those of the names it went by earlier in this connection. */
    public List<String> looksThisConnection() {
        List<String> former = formerLooks;
        if (former.isEmpty()) {
            return looks();
        }
        List<String> all = new ArrayList<>(looks());
        all.addAll(former);
        return all;
    }

    /** Its new name, taken in the chat's registry already. */
    void renamed(String newName, String newKey, String newSkeleton) {
        if (!newKey.equals(key)) {
            List<String> former = new ArrayList<>(formerKeys);
            former.remove(key);
            former.add(key);
            formerKeys = List.copyOf(former.subList(Math.max(0, former.size() - FORMER_NAMES_KEPT), former.size()));
            List<String> looksBefore = new ArrayList<>(formerLooks);
            List<String> current = looks();
            looksBefore.removeAll(current);
            looksBefore.addAll(current);
            int kept = FORMER_NAMES_KEPT * LOOKS_PER_NAME;
            formerLooks = List.copyOf(looksBefore.subList(Math.max(0, looksBefore.size() - kept), looksBefore.size()));
        }
        looks = looksOf(newName, newKey, newSkeleton);
        name = newName;
        key = newKey;
        skeleton = newSkeleton;
    }

    /** The name as the member spelled it. */
    public String name() {
        return name;
    }

    /** The name's identity ({@link Names#key}). */
    public String key() {
        return key;
    }

    /** How the name looks ({@link Names#skeleton}), computed once as it was claimed. */
    public String skeleton() {
        return skeleton;
    }

    /**
     * The looks its name is tried by against bans ({@link Names#looks}: as written and in small letters), made the
     * first time a ban is tried on the name, and at each rename.
     */
    public List<String> looks() {
        String held = key;
        Looks made = looks;
        if (made != null && made.key().equals(held)) {
            return made.looks();
        }
        Looks now = looksOf(name, held, skeleton);
        if (made == null) {
            looks = now; // else a rename is under way, and leaves its own
        }
        return now.looks();
    }

    private static Looks looksOf(String name, String key, String skeleton) {
        return new Looks(key, key.equals(name) ? List.of(skeleton) : Names.looks(skeleton, key));
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public L link() {
        return link;
    }

    /** The member's away message ({@code AWAY}), or empty when it is not away. */
    public String away() {
        return away;
    }

    void away(String message) {
        away = message;
    }

    /** The names of the rooms this member is in, at this moment. */
    public List<String> roomNames() {
        JoinedRoom[] now = rooms;
        List<String> names = new ArrayList<>(now.length);
        for (JoinedRoom room : now) {
            names.add(room.name());
        }
        return names;
    }

    public boolean isIn(String roomName) {
        return room(RoomNames.key(roomName)) != null;
    }

    JoinedRoom room(String roomKey) {
        JoinedRoom[] now = rooms;
        int at = indexOf(now, roomKey);
        return at < 0 ? null : now[at];
    }

    /** The rooms it is in at this moment, in the order joined: a snapshot, which later joins and leaves leave as is. */
    List<JoinedRoom> rooms() {
        return Collections.unmodifiableList(Arrays.asList(rooms));
    }

    int roomCount() {
        return rooms.length;
    }

    void entered(JoinedRoom room) {
        JoinedRoom[] was;
        JoinedRoom[] now;
        do {
            was = rooms;
            int at = indexOf(was, room.key());
            if (at >= 0) {
                now = was.clone();
                now[at] = room;
            } else {
                now = Arrays.copyOf(was, was.length + 1);
                now[was.length] = room;
            }
        } while (!ROOMS.compareAndSet(this, was, now));
        kickedOut = false;
        synchronized (this) {
            if (kickedAt != null) {
                kickedAt.remove(room.key());
            }
        }
    }

    /**
     * It was just kicked from the room of {@code roomKey}, whose lines it had been delivered up to {@code lastSeq}.
     * If that was its last room, the end of its connection that follows is expected.
     */
    void kicked(String roomKey, long lastSeq) {
        synchronized (this) {
            if (kickedAt == null) {
                kickedAt = new LinkedHashMap<>(4, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                        return size() > KICKS_REMEMBERED;
                    }
                };
            }
            kickedAt.put(roomKey, lastSeq);
        }
        if (rooms.length == 0) {
            kickedOut = true;
        }
    }

    /**
     * The room's last Seq when this member was kicked from it, every line up to it having been delivered to the
     * member (live, or in a join's replay), so that an adapter can replay only what came after on a rejoin; null when
     * it was not kicked from that room since it last joined it (or the kick was forgotten, {@link #KICKS_REMEMBERED}).
     */
    public synchronized Long shownWhenKicked(String roomKey) {
        return kickedAt == null ? null : kickedAt.get(roomKey);
    }

    /**
     * Whether it was kicked from its last room and has joined none since: the terminal client then ends, so its
     * connection closing without LEAVE is the kick's consequence, not an abnormal disconnect.
     */
    public boolean kickedOut() {
        return kickedOut;
    }

    /** It left {@code room}; a room of the same name it is in now (joined again since) stays. */
    void exited(JoinedRoom room) {
        JoinedRoom[] was;
        JoinedRoom[] now;
        do {
            was = rooms;
            int at = indexOf(was, room.key());
            if (at < 0 || !was[at].equals(room)) {
                return;
            }
            now = new JoinedRoom[was.length - 1];
            System.arraycopy(was, 0, now, 0, at);
            System.arraycopy(was, at + 1, now, at, now.length - at);
        } while (!ROOMS.compareAndSet(this, was, now));
    }

    private static int indexOf(JoinedRoom[] rooms, String roomKey) {
        for (int i = 0; i < rooms.length; i++) {
            if (rooms[i].key().equals(roomKey)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The chat closed (the server is stopping) with it in {@code room}, whose lines it had been delivered up to
     * {@code lastSeq}: the last it is told is that the chat stopped.
     */
    void closedOut(JoinedRoom room, long lastSeq) {
        synchronized (this) {
            if (shownAtClose == null) {
                shownAtClose = new HashMap<>(4);
            }
            shownAtClose.put(room.key(), lastSeq);
        }
        exited(room);
    }

    /**
     * The rooms it was in when the chat closed, by room key, each with its last Seq then, every line up to it having
     * been delivered to it ahead of the close: as far as an adapter may replay from after a restart. Empty before a
     * close.
     */
    public synchronized Map<String, Long> shownWhenClosed() {
        return shownAtClose == null ? Map.of() : Map.copyOf(shownAtClose);
    }

    /**
     * Takes one line's worth of allowance, or refuses: {@code TOO_FAST} with the wait, or {@code FLOODING}
     * when a burst's worth of lines in a row were refused over {@link FloodControl#GRACE_MILLIS} (the time a client
     * needs to hear the first refusal and hold back), or {@link FloodControl#REFUSALS_AT_ONCE} bursts' worth at once.
     * Lines that arrive together after a pause (of the server, or of the network) are refused, not ended for.
     */
    void spend(long nowMillis, int burst) {
        if (allowance != null) { // final: no lock needed to find there is no allowance to take from
            synchronized (this) {
                take(allowance, nowMillis, burst);
            }
        }
        LAST_ACTIVE.setOpaque(this, nowMillis);
    }

    /**
     * Charges {@code messages} more to the chat allowance, after a line was taken ({@link
     * FloodControl#extraMessages}): it may go below zero, and the next line waits for it to come back.
     */
    void charge(long nowMillis, int messages) {
        if (allowance != null && messages > 0) {
            synchronized (this) {
                allowance.charge(nowMillis, messages);
            }
        }
    }

    /** {@link #spend} for a join or a part, from the allowance of those. */
    void spendMove(long nowMillis, int burst) {
        if (moves == null) {
            return;
        }
        synchronized (this) {
            take(moves, nowMillis, burst);
        }
    }

    /**
     * Makes a read the member asked for ({@code query}), from the allowance of those: refused {@code TOO_FAST}, with
     * the wait, while less than a unit is left; made, then charged a unit per {@link FloodControl#READ_ROWS_PER_UNIT}
     * rows it returned. A refused read costs the server an answer and nothing else, so refusals never end the member
     * as refused lines do ({@link #spend}): a person clicking "earlier messages" again while it waits is not a flooder.
     */
    <T> List<T> read(long nowMillis, Supplier<List<T>> query) {
        return read(nowMillis, query, null);
    }

    /**
     * {@link #read(long, Supplier)}, charged besides a unit per {@link FloodControl#READ_BYTES_PER_UNIT} of what
     * {@code bytes} says each row weighs (a message's text); null: rows alone.
     */
    <T> List<T> read(long nowMillis, Supplier<List<T>> query, java.util.function.ToIntFunction<T> bytes) {
        if (reads == null) {
            return query.get();
        }
        synchronized (this) {
            if (!reads.tryTake(nowMillis)) {
                throw Refusal.retryAfter(
                        Refusal.Reason.TOO_FAST, Math.max(1, (reads.millisUntilNext(nowMillis) + 999) / 1000));
            }
        }
        List<T> rows = query.get();
        double units = rows.size() / (double) FloodControl.READ_ROWS_PER_UNIT;
        if (bytes != null) {
            long weight = 0;
            for (T row : rows) {
                weight += bytes.applyAsInt(row);
            }
            units += weight / (double) FloodControl.READ_BYTES_PER_UNIT;
        }
        synchronized (this) {
            reads.charge(nowMillis, units);
        }
        return rows;
    }

    /** Under this object's lock. */
    private void take(TokenBucket allowance, long nowMillis, int burst) {
        if (allowance.tryTake(nowMillis)) {
            refusedInARow = 0;
            return;
        }
        if (refusedInARow++ == 0) {
            firstRefusedAt = nowMillis;
        }
        if (refusedInARow > burst
                && (nowMillis - firstRefusedAt >= FloodControl.GRACE_MILLIS
                        || refusedInARow > burst * FloodControl.REFUSALS_AT_ONCE)) {
            throw Refusal.of(Refusal.Reason.FLOODING, refusedInARow + " messages refused in a row");
        }
        throw Refusal.retryAfter(
                Refusal.Reason.TOO_FAST, Math.max(1, (allowance.millisUntilNext(nowMillis) + 999) / 1000));
    }

    @Override
    public String toString() {
        return name + "(" + role.wireName() + ")";
    }
}
