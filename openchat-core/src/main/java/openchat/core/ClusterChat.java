package openchat.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One node of a cluster: the same operations as {@link ChatCore}, with the rooms' state and order kept by a
 * {@link ClusterLink} that every node shares. A request that changes a room waits for the link (one round
 * trip to the store); the room's events come back from the link in the room's order and are handed to this
 * node's members by {@link SharedRoom}, so members on every node see one order per room. A node's own
 * members' lines take the same path as everyone else's.
 *
 * <p>Threads: as {@link Chat}; the link's reader thread delivers the rooms' events.
 *
 * @param <L> how the adapter reaches a member
 */
public final class ClusterChat<L> implements Chat<L>, ClusterLink.Events {

    /**
     * What this node tells its members about the cluster, in their language: its store out of reach and back, the
     * store having lost them (they must connect again), a change refused as not done that was done after all, and a
     * private message or invitation of theirs that may not have arrived (its recipient's node died before reading it).
     */
    public record Texts(
            String readOnly,
            String writable,
            String lost,
            String doneAfterAll,
            Function<ChatEvent.Private, String> privateMayBeLost,
            Function<ChatEvent.Invited, String> invitationMayBeLost) {}

    private final CoreConfig config;
    private final Fanout<L> fanout;
    private final CoreListener listener;
    private final ClusterLink link;
    private final Clock clock;
    private final Admission admission;
    private final Texts texts;
    private final Consumer<String> stopThisNode;
    /** This node's members by name key. */
    private final Map<String, Member<L>> names = new ConcurrentHashMap<>();
    /** Names given up lately on this server (or node): WHOWAS. */
    private final RecentlyGone recentlyGone = new RecentlyGone();
    /** The most members of this node at once since it started ({@link #census}). */
    private final AtomicInteger mostMembers = new AtomicInteger();
    /** The most members of the whole cluster this node has counted at once since it started ({@link #census}). */
    private final AtomicInteger mostAllMembers = new AtomicInteger();
    /** Members of other nodes leaving the chat, told here room by room (the link's reader thread only). */
    private final Departure.Recent departures = new Departure.Recent();
    /** The rooms this node's members are in, by key. Guarded by itself for creation and removal. */
    private final Map<String, SharedRoom<L>> rooms = new ConcurrentHashMap<>();

    private volatile boolean closed;
    /**
     * Told of names coming and going ({@link #watchPresence}): on every node from the cluster's presence stream
     * ({@link #presence}), this node's members' included, so that each change is told once and in Redis's order.
     */
    private volatile PresenceListener presence = PresenceListener.NONE;
    /** The bans every node keeps, as this node knows them; made in {@link #start}, once the link is up. */
    private volatile Bans bans;

    /**
     * {@code stopThisNode} is called (once, on the link's thread) when the administrator stops the cluster: it
     * must stop this node as {@link #close} does.
     */
    public ClusterChat(
            CoreConfig config,
            Fanout<L> fanout,
            CoreListener listener,
            ClusterLink link,
            Clock clock,
            Predicate<String> adminKey,
            Texts texts,
            Consumer<String> stopThisNode) {
        this.config = config;
        this.fanout = fanout;
        this.listener = listener;
        this.link = link;
        this.clock = clock;
        this.admission = new Admission(config, adminKey, clock, listener);
        Names.loadLookalikes();
        this.texts = texts;
        this.stopThisNode = stopThisNode;
    }

    /** Joins the cluster: from now on the link hands this node its rooms' events, and the bans' changes. */
    public void start() {
        bans = new Bans(new SharedBans(), clock, lapsed -> listener.unbanned(lapsed, null));
        link.start(this);
    }

    /**
     * The bans as the cluster's store keeps them: a node that cannot read them at start has none until its store is
     * back in reach ({@link #reachable}), when it reads them again.
     */
    private final class SharedBans implements BanStore {
        @Override
        public List<Ban> load() {
            return link.bans();
        }

        @Override
        public void put(Ban ban) {
            link.ban(ban);
        }

        @Override
        public void remove(Ban ban) {
            link.unban(ban);
        }
    }

    @Override
    public CoreConfig config() {
        return config;
    }

    @Override
    public Connected<L> connect(
            String name,
            String presentedKey,
            InetAddress origin,
            L link,
            String room,
            long historyAfter,
            String roomKey) {
        requireOpen();
        Member<L> member = admission.newMember(name, presentedKey, origin, link, room);
        if (names.putIfAbsent(member.key(), member) != null) {
            throw Refusal.of(Refusal.Reason.NAME_TAKEN, name);
        }
        try {
            if (!this.link.claimName(member.key(), name, member.skeleton())) {
                throw Refusal.of(Refusal.Reason.NAME_TAKEN, name);
            }
        } catch (RuntimeException refused) {
            names.remove(member.key(), member);
            throw refused;
        }
        // Checked once the name is held, as a single server does; a ban made on another node meanwhile reaches this
        // node as an event, whose sweep finds this member.
        Optional<Ban> banned = member.isAdmin() ? Optional.empty() : bans.matching(Ban.Who.of(member));
        if (banned.isPresent()) {
            names.remove(member.key(), member);
            this.link.releaseName(member.key());
            throw Refusal.banned(banned.get(), clock.instant());
        }
        if (room == null) {
            listener.connected(member, null);
            mostMembers.accumulateAndGet(names.size(), Math::max);
            return new Connected<>(member, null);
        }
        JoinResult joined;
        try {
            joined = enter(member, room, historyAfter, true, roomKey);
        } catch (RuntimeException refused) {
            names.remove(member.key(), member);
            this.link.releaseName(member.key());
            throw refused;
        }
        mostMembers.accumulateAndGet(names.size(), Math::max);
        return new Connected<>(member, joined);
    }

    /**
     * As a single server registers a room (the same checks, in the same order): this node makes the key and answers it,
     * and the cluster's store keeps its hash beside the room ({@link ClusterLink#register}), where every node's joins
     * and claims check a key against it. Every node tells its members of the room but {@code by}, from the room's
     * stream ({@link #roomChange}); this node's console says it, as it says a limit set here.
     */
    @Override
    public NewRoomKey registerRoom(Member<L> by, String room) {
        requireConnected(by);
        Where where = setFrom(by, room);
        by.spendMove(clock.millis(), config.floodControl().burst());
        String key = RoomKey.generate();
        OffsetDateTime at = now();
        String network = RoomKey.networkOf(by);
        boolean replaced;
        try {
            replaced = link.register(
                    where.key(),
                    where.name(),
                    by,
                    RoomKey.hash(key),
                    CoreConfig.MAX_REGISTERED_ROOMS,
                    network,
                    CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK,
                    at);
        } catch (Refusal refused) {
            if (refused.reason() == Refusal.Reason.TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS) {
                listener.registrationsFull(where.name(), by, network, refused.capacity());
            }
            throw refused;
        }
        listener.roomRegistration(new ChatEvent.RoomRegistration(
                where.name(),
                by.name(),
                replaced ? ChatEvent.RoomRegistration.Change.REKEYED : ChatEvent.RoomRegistration.Change.REGISTERED,
                at));
        return new NewRoomKey(key, replaced);
    }

    /**
     * As a single server drops a room's registration, in the store ({@link ClusterLink#unregister}); the administrator
     * from outside the room too, also of one that emptied (the store keeps its key, not the room), which no member hears
     * of. Told as {@link #registerRoom} is.
     */
    @Override
    public void unregisterRoom(Member<L> by, String room) {
        requireConnected(by);
        by.spendMove(clock.millis(), config.floodControl().burst());
        Where where;
        if (by.isAdmin() && !by.isIn(room)) {
            if (!RoomNames.isValid(room)) {
                throw Refusal.of(Refusal.Reason.NOT_REGISTERED, room);
            }
            String key = RoomNames.key(room);
            where = new Where(key, link.room(key).map(RoomView::name).orElse(room));
        } else {
            SharedRoom<L> joined = joinedRoom(by, room);
            where = new Where(joined.key(), joined.name());
        }
        OffsetDateTime at = now();
        link.unregister(where.key(), where.name(), by, at);
        listener.roomRegistration(
                new ChatEvent.RoomRegistration(where.name(), by.name(), ChatEvent.RoomRegistration.Change.DROPPED, at));
    }

    @Override
    public List<RegisteredRoom> registeredRooms(Member<L> by) {
        requireConnected(by);
        return RegisteredRoom.seenBy(by, by.read(clock.millis(), link::registrations));
    }

    @Override
    public List<RegisteredRoom> lapseRegistrations() {
        Instant now = clock.instant();
        List<RegisteredRoom> lapsed = link.lapseRegistrations(now.minus(CoreConfig.REGISTRATION_LAPSE), now);
        lapsed.forEach(listener::registrationLapsed);
        return lapsed;
    }

    /**
     * As a single server takes a key shown in the room: the store checks it and makes the member the owner
     * ({@link ClusterLink#claim}); every node's members hear it from the room's stream.
     */
    @Override
    public RoomRole claimRoom(Member<L> member, String room, String roomKey) {
        requireConnected(member);
        SharedRoom<L> joined = joinedRoom(member, room);
        member.spendMove(clock.millis(), config.floodControl().burst());
        String hash = keyHash(roomKey);
        if (hash == null) {
            listener.wrongRoomKey(joined.name(), member);
            throw Refusal.of(Refusal.Reason.WRONG_ROOM_KEY, joined.name());
        }
        RoomRole role;
        try {
            role = link.claim(joined.key(), joined.name(), member, hash, now());
        } catch (Refusal refused) {
            throw toldOfWrongKey(refused, member);
        }
        link.keyUsed(joined.key(), clock.instant());
        return role;
    }

    /**
     * {@code refused}, said on the console first when it refused a wrong room key {@code member} showed (in the room the
     * refusal names, as the store writes it).
     */
    private Refusal toldOfWrongKey(Refusal refused, Member<L> member) {
        if (refused.reason() == Refusal.Reason.WRONG_ROOM_KEY && refused.roomRegistered()) {
            listener.wrongRoomKey(refused.subject(), member);
        }
        return refused;
    }

    /** What the store compares a room key shown with: its {@link RoomKey#hash}; null for none (null or blank). */
    private static String keyHash(String roomKey) {
        return roomKey == null || roomKey.isBlank() ? null : RoomKey.hash(roomKey);
    }

    @Override
    public JoinResult join(Member<L> member, String room, long historyAfter, String roomKey) {
        requireConnected(member);
        Checks.requireMayJoin(member, room, config);
        member.spendMove(clock.millis(), config.floodControl().burst());
        return enter(member, room, historyAfter, false, roomKey);
    }

    @Override
    public void part(Member<L> member, String room, String reason) {
        requireConnected(member);
        SharedRoom<L> joined = joinedRoom(member, room);
        member.spendMove(clock.millis(), config.floodControl().burst());
        link.leave(joined.key(), joined.name(), member, LeaveReason.PARTED, Checks.reason(reason), false, now());
        if (joined.remove(member)) {
            forget(joined);
        }
        listener.parted(member, joined.name());
    }

    @Override
    public ChatEvent.Message post(Member<L> member, String room, String text, boolean notice) {
        requireConnected(member);
        SharedRoom<L> joined = joinedRoom(member, room);
        Checks.requireText(text);
        member.spend(clock.millis(), config.floodControl().burst());
        member.charge(clock.millis(), FloodControl.extraMessages(text)); // a long line weighs more
        OffsetDateTime at = now();
        long seq = link.post(joined.key(), joined.name(), member, text, notice, at);
        ChatEvent.Message message = new ChatEvent.Message(joined.name(), member.name(), at, seq, text, false, notice);
        listener.posted(message);
        return message;
    }

    @Override
    public boolean postsLater() {
        return true;
    }

    @Override
    public CompletionStage<ChatEvent.Message> postLater(Member<L> member, String room, String text) {
        requireConnected(member);
        SharedRoom<L> joined = joinedRoom(member, room);
        Checks.requireText(text);
        member.spend(clock.millis(), config.floodControl().burst());
        member.charge(clock.millis(), FloodControl.extraMessages(text)); // a long line weighs more
        OffsetDateTime at = now();
        return link.postLater(joined.key(), joined.name(), member, text, false, at)
                .thenApply(seq -> {
                    ChatEvent.Message message =
                            new ChatEvent.Message(joined.name(), member.name(), at, seq, text, false);
                    listener.posted(message);
                    return message;
                });
    }

    @Override
    public ChatEvent.Private whisper(Member<L> from, String to, String text, boolean notice) {
        requireConnected(from);
        Checks.requireText(text);
        String toKey = Names.key(to);
        Member<L> here = names.get(toKey);
        from.spend(clock.millis(), config.floodControl().burst());
        from.charge(clock.millis(), FloodControl.extraMessages(text));
        if (here != null) {
            ChatEvent.Private event = new ChatEvent.Private(from.name(), here.name(), now(), text, notice);
            fanout.deliverTo(event, here);
            return event;
        }
        ChatEvent.Private event = new ChatEvent.Private(from.name(), to, now(), text, notice);
        String sentTo = link.whisper(toKey, event).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, to));
        return new ChatEvent.Private(from.name(), sentTo, event.at(), text, notice);
    }

    @Override
    public ChatEvent.Invited invite(Member<L> by, String room, String to) {
        requireConnected(by);
        SharedRoom<L> joined = joinedRoom(by, room);
        String toKey = Names.key(to);
        by.spend(clock.millis(), config.floodControl().burst());
        ChatEvent.Invited event = new ChatEvent.Invited(by.name(), to, joined.name(), now());
        String sentTo = link.invite(joined.key(), toKey, event); // the room's seats are the cluster's
        ChatEvent.Invited sent = new ChatEvent.Invited(by.name(), sentTo, joined.name(), event.at());
        // The room's members on this node only: other nodes hear of the invitation through no stream.
        fanout.deliver(ChatEvent.InviteSeen.of(sent), joined.present(), by);
        return sent;
    }

    @Override
    public void killed(String nameKey, ChatEvent.Killed event) {
        // Whoever holds the name here when the order is read: a member gone since then is not looked for.
        Member<L> member = names.get(nameKey);
        if (member != null && !member.isAdmin() && disconnect(member, LeaveReason.KILLED, event.reason(), false)) {
            fanout.deliverAndClose(event, member);
        }
    }

    @Override
    public void invited(String toKey, ChatEvent.Invited event) {
        Member<L> member = names.get(toKey);
        if (member != null) {
            fanout.deliverTo(event, member);
        }
    }

    @Override
    public String kick(Member<L> by, String room, String target, String detail) {
        requireConnected(by);
        if (!RoomNames.isValid(room)) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room);
        }
        String roomKey = RoomNames.key(room);
        String roomName =
                link.room(roomKey).map(RoomView::name).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room));
        String reason = Checks.reason(detail);
        String kicked = link.kick(roomKey, roomName, by, target, reason, now());
        if (names.get(Names.key(kicked)) == null) {
            // Connected to another node, whose console tells it; this node's tells what its member did.
            listener.kicked(kicked, roomName, by.name(), reason);
        }
        return kicked;
    }

    @Override
    public ChatEvent.Topic setTopic(Member<L> by, String room, String topic) {
        requireConnected(by);
        Where where = setFrom(by, room);
        String text = topic.strip();
        Checks.requireValidTopic(text);
        by.spend(clock.millis(), config.floodControl().burst()); // every member is told: a line's worth
        OffsetDateTime at = now();
        long seq = link.topic(where.key(), where.name(), by, text, at);
        ChatEvent.Topic event = new ChatEvent.Topic(where.name(), by.name(), at, seq, text);
        listener.topic(event);
        return event;
    }

    /** A room by its key and its name as the cluster writes it. */
    private record Where(String key, String name) {}

    /**
     * The room a topic or a limit is set in: one {@code by} is in, or for the administrator outside it one that exists
     * (it sets them from outside, as it kicks there: the store says whether the room exists).
     */
    private Where setFrom(Member<L> by, String room) {
        if (by.isAdmin() && !by.isIn(room)) {
            if (!RoomNames.isValid(room)) {
                throw Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room);
            }
            String key = RoomNames.key(room);
            return new Where(
                    key,
                    link.room(key)
                            .map(RoomView::name)
                            .orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room)));
        }
        SharedRoom<L> joined = joinedRoom(by, room);
        return new Where(joined.key(), joined.name());
    }

    @Override
    public ChatEvent.Away setAway(Member<L> member, String message) {
        requireConnected(member);
        member.spend(clock.millis(), config.floodControl().burst()); // told to everyone sharing a room
        String text = message.strip();
        Checks.requireValidAway(text);
        OffsetDateTime at = now();
        if (!text.equals(member.away())) {
            // The store first: while it is out of reach the change is refused (UNAVAILABLE), not half made.
            link.away(
                    member,
                    text,
                    at,
                    member.rooms().stream().map(JoinedRoom::key).toList());
        }
        return Away.set(member, text, at, fanout);
    }

    /**
     * As a single server renames (the same checks, the allowance, the bans), with the store first: the name claim and
     * its look, the seats in every room and the rooms it owns move to the new name at once ({@link ClusterLink#rename}),
     * so that while the store is out of reach the rename is refused ({@code UNAVAILABLE}), not half made. The other
     * nodes tell their members sharing a room with it ({@link #renamed(List, ChatEvent.Renamed)}).
     */
    @Override
    public ChatEvent.Renamed rename(Member<L> member, String newName) {
        requireConnected(member);
        String oldName = member.name();
        String oldKey = member.key();
        Renaming.Asked asked = Renaming.asked(member, newName, config, bans, clock, now());
        ChatEvent.Renamed event = asked.event();
        if (!asked.changes()) {
            return event;
        }
        String newKey = asked.key();
        if (!newKey.equals(oldKey) && names.putIfAbsent(newKey, member) != null) {
            throw Refusal.of(Refusal.Reason.NAME_TAKEN, newName);
        }
        try {
            link.rename(
                    member,
                    oldKey,
                    oldName,
                    newKey,
                    newName,
                    asked.skeleton(),
                    event.at(),
                    member.rooms().stream().map(JoinedRoom::key).toList());
        } catch (RuntimeException refused) {
            if (!newKey.equals(oldKey)) {
                names.remove(newKey, member);
            }
            throw refused;
        }
        member.renamed(newName, newKey, asked.skeleton());
        for (JoinedRoom joined : member.rooms()) {
            shared(joined).renamed(member, oldKey);
        }
        if (!newKey.equals(oldKey)) {
            names.remove(oldKey, member);
        }
        listener.renamed(member, event);
        recentlyGone.add(new Departed(event.from(), event.at(), event.to()));
        Away.tell(member.rooms(), member, event, fanout);
        return event;
    }

    @Override
    public BanResult ban(Member<L> by, String target, Duration lasting, String reason) {
        requireConnected(by);
        requireAdmin(by);
        Ban ban = Banning.asked(target, by.name(), now(), lasting, reason, config);
        bans.add(ban); // kept in the store and told to every node, whose sweeps put out their members
        BanResult result = Banning.sweep(ban, names.values(), this, fanout);
        listener.banned(ban, result.disconnected());
        return result;
    }

    /**
     * As a single server disconnects a member: this node's at once; another node's through that node
     * ({@link ClusterLink#kill}), which carries it out as this one would ({@link #killed}), its rooms told through the
     * store who made it leave and why. The answer is the single server's once the order is in that node's inbox; a
     * node that has stopped answering is refused ({@code UNREACHABLE}), as a private message is. This node's console
     * says what its administrator did, the member's node's what was done to its member, as for a kick.
     */
    @Override
    public String kill(Member<L> by, String target, String reason) {
        requireConnected(by);
        requireAdmin(by);
        ChatEvent.Killed event = new ChatEvent.Killed(by.name(), Checks.reason(reason), now());
        Member<L> here = names.get(Names.key(target));
        if (here != null) {
            return Killing.kill(this, fanout, here, target, event);
        }
        String killed = link.kill(target, event);
        listener.killed(killed, by.name(), event.reason());
        return killed;
    }

    /**
     * As a single server bans from a room (the same checks, in the same order), with the ban kept in the cluster's
     * store beside the room ({@link ClusterLink#roomBan}): every node's joins and lines to the room are checked against
     * it there, and every node tells its members of the room. This node's console says it.
     */
    @Override
    public RoomBan roomBan(Member<L> by, String room, String target, Duration lasting, String reason) {
        requireConnected(by);
        Where where = bannedFrom(by, room);
        by.spend(clock.millis(), config.floodControl().burst()); // the room is told: a line's worth
        OffsetDateTime at = now();
        Ban ban = Banning.askedOfRoom(by, target, at, lasting, reason, config);
        RoomBan made =
                link.roomBan(where.key(), where.name(), by, ban, ban.kind() == Ban.Kind.NAME ? ban.key() : null, at);
        listener.roomBanChanged(
                new ChatEvent.RoomBanChange(
                        where.name(), by.name(), ban.target(), true, at, ban.expires(), ban.reason()),
                made);
        return by.isAdmin() ? made : made.withoutAddress();
    }

    /** As a single server lifts a room's ban, through the store, as {@link #roomBan}. */
    @Override
    public RoomBan roomUnban(Member<L> by, String room, String target) {
        requireConnected(by);
        Where where = bannedFrom(by, room);
        by.spend(clock.millis(), config.floodControl().burst());
        OffsetDateTime at = now();
        RoomBan lifted = link.roomUnban(where.key(), where.name(), by, Ban.slotOf(target), target, at);
        listener.roomBanChanged(
                new ChatEvent.RoomBanChange(
                        where.name(), by.name(), lifted.ban().target(), false, at),
                lifted);
        return by.isAdmin() ? lifted : lifted.withoutAddress();
    }

    @Override
    public List<RoomBan> roomBans(Member<L> by, String room) {
        requireConnected(by);
        String key;
        if (by.isAdmin()) {
            Checks.requireValidRoom(room);
            key = RoomNames.key(room);
        } else {
            key = RoomNames.key(room(room).name());
        }
        List<RoomBan> held = by.read(clock.millis(), () -> link.roomBans(key));
        return by.isAdmin() ? held : held.stream().map(RoomBan::withoutAddress).toList();
    }

    /**
     * The room {@code by} may ban from, as a single server decides: for the administrator any room, existing or not
     * (its name as the store writes it, else as asked); for anyone else one it is in and owns ({@code NOT_MODERATOR}).
     * The store checks the owner again as it keeps the ban.
     */
    private Where bannedFrom(Member<L> by, String room) {
        if (by.isAdmin()) {
            Checks.requireValidRoom(room);
            String key = RoomNames.key(room);
            return new Where(key, link.room(key).map(RoomView::name).orElse(key));
        }
        SharedRoom<L> joined = joinedRoom(by, room);
        requireOwner(by, joined.key());
        return new Where(joined.key(), joined.name());
    }

    /** Refuses {@code NOT_MODERATOR} unless {@code by} owns the room as the store says now (one read). */
    private void requireOwner(Member<L> by, String roomKey) {
        String owner = link.room(roomKey).map(RoomView::owner).orElse(null);
        if (owner == null || !Names.key(owner).equals(by.key())) {
            throw Refusal.of(Refusal.Reason.NOT_MODERATOR);
        }
    }

    /**
     * As a single server sets a room's limit (the same checks, in the same order), with the limit kept in the room's
     * hash in the cluster's store ({@link ClusterLink#limit}), where every node's joins are checked against it; every
     * node tells its members of the room. This node's console says it, as it says a topic set here.
     */
    @Override
    public ChatEvent.RoomLimit setRoomLimit(Member<L> by, String room, int limit) {
        requireConnected(by);
        Where where = setFrom(by, room);
        by.spend(clock.millis(), config.floodControl().burst()); // the room is told: a line's worth
        OffsetDateTime at = now();
        int inForce = link.limit(where.key(), where.name(), by, limit, config.roomCapacity(), at);
        ChatEvent.RoomLimit event =
                new ChatEvent.RoomLimit(where.name(), by.name(), inForce, limit == SERVER_LIMIT, at);
        listener.roomLimit(event);
        return event;
    }

    /**
     * As a single server deletes ({@link ChatCore#delete}), the history and the rights being the store's: every node's
     * members of the room hear it from the cluster's stream ({@link #roomChange}), but {@code by}. A member that does
     * not own the room is refused before the history is read, as a single server refuses it, so that it never learns
     * which messages the history holds; the store checks the right again as it deletes.
     */
    @Override
    public ChatEvent.Deleted delete(Member<L> by, String room, Deletion what, String reason) {
        requireConnected(by);
        Where where = setFrom(by, room);
        if (!by.isAdmin()) {
            requireOwner(by, where.key());
        }
        String why = Checks.reason(reason);
        // As a single server's owner by presence, a member deletes only what was said since it joined (the store
        // checks that it owns the room); the administrator anything.
        SharedRoom<L> here = rooms.get(where.key());
        long above = by.isAdmin() ? 0 : here == null ? Long.MAX_VALUE : here.joinedAt(by);
        List<StoredMessage> matched = Deleting.matching(
                what,
                Deleting.formerKeys(what, names::get),
                (before, limit) -> link.before(where.key(), before, limit),
                clock.instant());
        List<StoredMessage> found = Deleting.allowed(matched, above, what);
        by.spend(clock.millis(), config.floodControl().burst()); // the room is told: a line's worth
        ChatEvent.Deleted event = Deleting.event(where.name(), by, found, matched.size() - found.size(), now(), why);
        link.delete(where.key(), by, event);
        listener.deleted(event);
        return event;
    }

    /**
     * As a single server announces, through the store: every node, this one included, hears it from the cluster's
     * stream and tells its own members ({@link #announced}), so a refusal ({@code UNAVAILABLE}) reaches no one.
     */
    @Override
    public ChatEvent.Notice announce(Member<L> by, String text) {
        requireConnected(by);
        requireAdmin(by);
        Checks.requireText(text);
        by.spend(clock.millis(), config.floodControl().burst());
        ChatEvent.Notice announcement = new ChatEvent.Notice(by.name(), text, now());
        link.announce(announcement);
        return announcement;
    }

    @Override
    public Ban unban(Member<L> by, String target) {
        requireAdmin(by);
        Ban lifted = bans.remove(target).orElseThrow(() -> Refusal.of(Refusal.Reason.NOT_BANNED, target));
        listener.unbanned(lifted, by.name());
        return lifted;
    }

    @Override
    public List<Ban> bans(Member<L> by) {
        requireAdmin(by);
        return bans.list();
    }

    @Override
    public String awayOf(String name) {
        Member<L> here = names.get(Names.key(name));
        return here != null ? here.away() : link.awayOf(Names.key(name));
    }

    @Override
    public List<RoomView> list() {
        List<RoomView> out = new ArrayList<>(link.rooms());
        out.sort(Comparator.comparing(RoomView::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    @Override
    public List<RoomView> list(Member<L> asking) {
        return asking.read(clock.millis(), this::list);
    }

    @Override
    public RoomView room(String room) {
        if (!RoomNames.isValid(room)) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room);
        }
        return link.room(RoomNames.key(room)).orElseThrow(() -> Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room));
    }

    @Override
    public List<MemberView> who(String room) {
        room(room);
        return link.who(RoomNames.key(room));
    }

    @Override
    public List<MemberView> who(Member<L> asking, String room) {
        return asking.read(clock.millis(), () -> who(room));
    }

    @Override
    public List<ChatEvent.Message> history(Member<L> member, String room, HistoryQuery query) {
        SharedRoom<L> joined = joinedRoom(member, room);
        return member.read(
                clock.millis(),
                () -> {
                    List<StoredMessage> page =
                            switch (query.direction()) {
                                case BEFORE -> link.before(joined.key(), query.seq(), query.limit());
                                case AFTER -> link.after(joined.key(), query.seq(), query.limit());
                                case LATEST -> link.before(joined.key(), Long.MAX_VALUE, query.limit());
                            };
                    return page.stream().map(ChatEvent.Message::of).toList();
                },
                message -> message.textUtf8().length);
    }

    @Override
    public boolean disconnect(Member<L> member, LeaveReason reason, String detail, boolean quiet) {
        if (!names.remove(member.key(), member)) {
            return false;
        }
        OffsetDateTime at = now();
        String why = Checks.reason(detail);
        for (JoinedRoom joined : List.copyOf(member.rooms())) {
            SharedRoom<L> room = shared(joined);
            if (room.has(member)) {
                link.leave(room.key(), room.name(), member, reason, why, quiet, at);
            }
            if (room.remove(member)) {
                forget(room);
            }
        }
        link.releaseName(member.key());
        listener.left(member, reason, why, quiet);
        if (!quiet) {
            recentlyGone.add(new Departed(member.name(), at, null));
        }
        return true;
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public int memberCount() {
        return names.size();
    }

    /**
     * This node's members counted here, the other nodes' as the link's last heartbeat read them ({@link
     * ClusterLink#counts}), with no round trip of its own: an IRC client's registration asks for it.
     */
    @Override
    public Census census() {
        int members = names.size();
        int most = mostMembers.accumulateAndGet(members, Math::max);
        ClusterLink.Counts cluster = link.counts();
        int all = cluster.members() + members;
        int mostAll = mostAllMembers.accumulateAndGet(Math.max(all, Math.max(most, cluster.mostMembers())), Math::max);
        boolean administrator = names.containsKey(Names.key(Names.ADMINISTRATOR)) || cluster.administrator();
        return new Census(members, most, all, mostAll, cluster.nodes(), administrator, cluster.rooms());
    }

    @Override
    public Optional<MemberInfo> whois(String name) {
        Member<L> here = names.get(Names.key(name));
        return here != null ? Optional.of(Whois.of(here, this, clock)) : link.whois(Names.key(name));
    }

    /** This node's members from its own map; the rest in one read of the store ({@link ClusterLink#presenceOf}). */
    @Override
    public Map<String, Presence> presenceOf(Collection<String> asked) {
        return Presence.of(asked, names, link::presenceOf);
    }

    @Override
    public Optional<Duration> idle(String name) {
        return member(name).map(found -> Whois.idle(found, clock));
    }

    @Override
    public List<Departed> whowas(String name, int max) {
        return recentlyGone.of(name, max);
    }

    @Override
    public Optional<Member<L>> member(String name) {
        return Optional.ofNullable(names.get(Names.key(name)));
    }

    @Override
    public Optional<String> lookalikeOf(String name) {
        return link.lookalikeOf(Names.skeleton(name), Names.key(name));
    }

    @Override
    public List<Member<L>> close(String reason, String detail, String by) {
        return closeWith(new ChatEvent.Closed(reason, detail, by, now()));
    }

    /** This node stops alone: its members are dropped, told to connect again (to another node), not that all stopped. */
    @Override
    public List<Member<L>> closeNode(String reason, String dropped) {
        return closeWith(new ChatEvent.Dropped(dropped, now()));
    }

    private List<Member<L>> closeWith(ChatEvent event) {
        closed = true;
        synchronized (rooms) {
            rooms.values().forEach(SharedRoom::close);
        }
        List<Member<L>> everyone = new ArrayList<>(names.values());
        for (Member<L> member : everyone) {
            names.remove(member.key(), member);
            fanout.deliverAndClose(event, member);
        }
        link.close(); // this node's members leave their rooms, announced to the other nodes
        return everyone;
    }

    // ---- what the cluster tells this node (the link's reader thread) ----

    @Override
    public void roomEvent(String roomKey, ChatEvent.Numbered event, boolean announced) {
        SharedRoom<L> room = rooms.get(roomKey);
        if (room == null) {
            return;
        }
        Departure departure =
                event instanceof ChatEvent.Left left && left.reason().leavesTheChat()
                        ? departures.of(Names.key(left.name()) + "\n"
                                + left.at().toInstant().toEpochMilli())
                        : null;
        Member<L> kicked = room.apply(event, announced, departure);
        if (kicked != null && event instanceof ChatEvent.Left left && left.reason() == LeaveReason.KICKED) {
            listener.kicked(kicked.name(), left.room(), left.by(), left.detail());
        }
        if (room.isGone()) {
            forget(room);
        }
    }

    @Override
    public void roomChange(String roomKey, long seq, ChatEvent change) {
        SharedRoom<L> room = rooms.get(roomKey);
        if (room == null) {
            return;
        }
        room.tell(seq, change, changedBy(change));
    }

    /** Who made a {@link #roomChange}: its members are told but that one. */
    private static String changedBy(ChatEvent change) {
        if (change instanceof ChatEvent.RoomLimit limit) {
            return limit.by();
        }
        if (change instanceof ChatEvent.RoomRegistration registration) {
            return registration.by();
        }
        if (change instanceof ChatEvent.Deleted deleted) {
            return deleted.by();
        }
        return ((ChatEvent.RoomBanChange) change).by();
    }

    @Override
    public void privateMessage(String toKey, ChatEvent.Private event) {
        Member<L> member = names.get(toKey);
        if (member != null) {
            fanout.deliverTo(event, member);
        }
    }

    @Override
    public void away(List<String> roomKeys, ChatEvent.Away event) {
        List<SharedRoom<L>> here =
                roomKeys.stream().map(rooms::get).filter(Objects::nonNull).toList();
        Away.tell(here, null, event, fanout);
    }

    @Override
    public void renamed(List<String> roomKeys, ChatEvent.Renamed event) {
        List<SharedRoom<L>> here =
                roomKeys.stream().map(rooms::get).filter(Objects::nonNull).toList();
        Away.tell(here, null, event, fanout);
    }

    @Override
    public void stopping(String reason) {
        stopThisNode.accept(reason);
    }

    @Override
    public void banned(Ban told) {
        Ban ban = told.canonical(); // shown as this node shows its own, whatever text the store keeps
        if (bans.known(told)) { // made on another node: put out this node's members it keeps out
            BanResult result = Banning.sweep(ban, names.values(), this, fanout);
            listener.banned(ban, result.disconnected());
        }
    }

    @Override
    public void unbanned(Ban told) {
        Ban ban = told.canonical();
        if (bans.forgotten(told)) { // lifted on another node, or dropped there once lapsed
            listener.unbanned(ban, ban.lapsedAt(clock.instant()) ? null : Names.ADMINISTRATOR);
        }
    }

    @Override
    public void watchPresence(PresenceListener listener) {
        this.presence = listener;
    }

    @Override
    public void presence(String name, boolean online) {
        if (online) {
            presence.online(name, Names.key(name));
        } else {
            presence.offline(name, Names.key(name));
        }
    }

    @Override
    public void announced(ChatEvent.Notice announcement) {
        List<Member<L>> here = List.copyOf(names.values());
        fanout.deliver(announcement, here, null);
        listener.announced(announcement, here.size());
    }

    @Override
    public void reachable(boolean up) {
        ChatEvent.Notice notice = new ChatEvent.Notice(up ? texts.writable() : texts.readOnly(), now());
        for (Member<L> member : names.values()) {
            fanout.deliverTo(notice, member);
        }
        if (up) {
            refreshBans();
        }
    }

    /** Reads the bans anew and puts out this node's members a ban made while it could not hear of it keeps out. */
    private void refreshBans() {
        try {
            bans.reload();
        } catch (Refusal unreachable) {
            return; // away again already: the bans known hold, and the next return reads them
        }
        for (Ban ban : bans.list()) {
            BanResult result = Banning.sweep(ban, names.values(), this, fanout);
            if (!result.disconnected().isEmpty()) {
                listener.banned(ban, result.disconnected());
            }
        }
    }

    @Override
    public void lost() {
        // Not the server's stop (Closed): the node goes on, and its members' clients connect again.
        ChatEvent.Dropped event = new ChatEvent.Dropped(texts.lost(), now());
        for (Member<L> member : List.copyOf(names.values())) {
            drop(member, event);
        }
    }

    @Override
    public void lostTrack(Member<?> which) {
        Member<L> member = names.get(which.key());
        if (member == which) {
            drop(member, new ChatEvent.Dropped(texts.lost(), now()));
        }
    }

    /** The store let go of the member: it leaves here without a word to the store, and its connection closes. */
    private void drop(Member<L> member, ChatEvent.Dropped event) {
        if (names.remove(member.key(), member)) {
            for (JoinedRoom joined : List.copyOf(member.rooms())) {
                SharedRoom<L> room = shared(joined);
                if (room.remove(member)) {
                    forget(room);
                }
            }
            listener.left(member, LeaveReason.DISCONNECTED, texts.lost(), true);
            fanout.deliverAndClose(event, member);
        }
    }

    @Override
    public void undelivered(String senderKey, ChatEvent event) {
        Member<L> member = names.get(senderKey);
        if (member == null) {
            return;
        }
        String text = event instanceof ChatEvent.Invited invitation
                ? texts.invitationMayBeLost().apply(invitation)
                : texts.privateMayBeLost().apply((ChatEvent.Private) event);
        fanout.deliverTo(new ChatEvent.Notice(text, now()), member);
    }

    @Override
    public void doneAfterAll(String nameKey) {
        Member<L> member = names.get(nameKey);
        if (member != null) {
            fanout.deliverTo(new ChatEvent.Notice(texts.doneAfterAll(), now()), member);
        }
    }

    // ---- internals ----

    /**
     * Seats the member through the store; {@code roomKey} (null or blank: none) is checked there, in the step that seats
     * it, before anything is done.
     */
    private JoinResult enter(Member<L> member, String room, long historyAfter, boolean first, String roomKey) {
        String key = RoomNames.key(room);
        String hash = keyHash(roomKey);
        ClusterLink.Joined joined;
        try {
            joined = link.join(key, room, key.equals(RoomNames.key(RoomNames.LOBBY)), member, hash, config, now());
        } catch (Refusal refused) {
            throw toldOfWrongKey(refused, member);
        }
        if (hash != null) { // a wrong key was refused: this one opened the room
            link.keyUsed(key, clock.instant());
        }
        while (true) {
            SharedRoom<L> target = local(key, joined.room().name());
            int replayed = target.add(
                    member,
                    joined.seq(),
                    () -> link.follow(key, joined.seq()),
                    watermark -> replay(key, historyAfter, watermark),
                    joined.owner());
            if (replayed < 0) {
                forget(target); // emptied here a moment ago: make it anew
                continue;
            }
            if (first) {
                listener.connected(member, target.name());
            } else {
                listener.joined(member, target.name());
            }
            RoomRole role = member.isAdmin()
                    ? RoomRole.ADMIN
                    : member.name().equals(joined.room().owner()) ? RoomRole.OWNER : RoomRole.MEMBER;
            return new JoinResult(joined.room(), role, replayed);
        }
    }

    /** What a joiner is replayed: the messages up to its watermark, after {@code after} or the last few. */
    private List<ChatEvent.Message> replay(String key, long after, long watermark) {
        if (after == NO_REPLAY || after < 0 && config.historyOnJoin() == 0) {
            return List.of();
        }
        List<StoredMessage> page =
                link.before(key, watermark + 1, after >= 0 ? CoreConfig.MAX_HISTORY_PAGE : config.historyOnJoin());
        long seen = Chat.lastSeen(after, watermark);
        return page.stream()
                .filter(m -> seen < 0 || m.seq() > seen)
                .map(ChatEvent.Message::of)
                .toList();
    }

    private SharedRoom<L> local(String key, String name) {
        SharedRoom<L> existing = rooms.get(key);
        if (existing != null && !existing.isGone()) {
            return existing;
        }
        synchronized (rooms) {
            existing = rooms.get(key);
            if (existing != null && !existing.isGone()) {
                return existing;
            }
            SharedRoom<L> made = new SharedRoom<>(name, key, fanout, listener);
            rooms.put(key, made);
            return made;
        }
    }

    /** Drops a room that emptied here; the link stops handing it to this node. */
    private void forget(SharedRoom<L> room) {
        synchronized (rooms) {
            if (rooms.remove(room.key(), room)) {
                link.unfollow(room.key());
            }
        }
    }

    private SharedRoom<L> joinedRoom(Member<L> member, String room) {
        SharedRoom<L> joined = RoomNames.isValid(room) ? shared(member.room(RoomNames.key(room))) : null;
        if (joined == null) {
            throw Refusal.of(Refusal.Reason.NOT_IN_ROOM, room);
        }
        return joined;
    }

    /** A member of this node is only ever in this node's shared rooms. */
    @SuppressWarnings("unchecked")
    private SharedRoom<L> shared(JoinedRoom room) {
        return (SharedRoom<L>) room;
    }

    private void requireOpen() {
        if (closed) {
            throw Refusal.of(Refusal.Reason.SHUTTING_DOWN);
        }
    }

    private void requireConnected(Member<L> member) {
        requireOpen();
        if (names.get(member.key()) != member) {
            throw Refusal.of(Refusal.Reason.GONE);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clock.millis()), clock.getZone());
    }
}
