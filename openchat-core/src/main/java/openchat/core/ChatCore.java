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
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The chat core: names, rooms, membership, roles, permissions, flood control and history, behind a handful
 * of operations that every protocol adapter (OCP, IRC, WebSocket) calls. It knows no protocol and no socket:
 * an operation returns its result or throws one {@link Refusal}; what members must hear goes out through the
 * {@link Fanout} as {@link ChatEvent}s.
 *
 * <p>Threads: any thread may call any operation; one member's operations come from one thread at a time (its
 * connection's). Each room has its own monitor ({@link Room}); the registries of names and rooms are
 * concurrent maps; room creation and removal take the room registry's monitor. Lock order: the registry's
 * monitor, then a room's (only {@link #close} does that); a room's operation never takes the registry's, and
 * no thread holds two rooms at once.
 *
 * @param <L> how the adapter reaches a member
 */
public final class ChatCore<L> implements Chat<L> {
    private final CoreConfig config;
    private final Fanout<L> fanout;
    private final CoreListener listener;
    private final HistoryStore history;
    private final Clock clock;
    private final Admission admission;
    private final Bans bans;
    /** Every room's bans, kept while rooms empty and are made again. */
    private final RoomBans roomBans;
    /** The registered rooms' keys, hashed: kept while rooms empty and are made again. */
    private final RoomKeyStore roomKeys;
    /** Connected members by name key: one name, one member, on the whole server. */
    private final Map<String, Member<L>> names = new ConcurrentHashMap<>();
    /**
     * Connected members by how their names look ({@link Names#skeleton}): no two look alike. Claimed after the name
     * and given back before it, so that whoever finds a name free finds its look free too.
     */
    private final Map<String, Member<L>> looks = new ConcurrentHashMap<>();
    /** Names given up lately on this server (or node): WHOWAS. */
    private final RecentlyGone recentlyGone = new RecentlyGone();
    /** The most members connected at once since the server started ({@link #census}). */
    private final AtomicInteger mostMembers = new AtomicInteger();
    /** Rooms by key. Guarded by itself for creation and removal; read freely. */
    private final Map<String, Room<L>> rooms = new ConcurrentHashMap<>();
    /**
     * The address each room was made from (not the administrator's rooms, nor the lobby), an IPv6 one by its /64, and
     * that address's network (an IPv4 /24, an IPv6 /48); under {@link #rooms}.
     */
    private final Map<Room<L>, List<AddressKey>> madeFrom = new java.util.IdentityHashMap<>();
    /**
     * How many rooms that exist were made from each address and from each network (their keys never meet: their
     * prefixes differ); under {@link #rooms}.
     */
    private final Map<AddressKey, Integer> roomsMadeFrom = new java.util.HashMap<>();

    private volatile boolean closed;
    /** Told of names coming and going ({@link #watchPresence}). */
    private volatile PresenceListener presence = PresenceListener.NONE;

    /**
     * {@code adminKey} tells whether a presented key is the administrator's ({@code null} when none was
     * presented).
     */
    public ChatCore(
            CoreConfig config,
            Fanout<L> fanout,
            CoreListener listener,
            HistoryStore history,
            Clock clock,
            Predicate<String> adminKey) {
        this(config, fanout, listener, history, clock, adminKey, BanStore.IN_MEMORY);
    }

    /** With the bans kept in {@code bans} (loaded now). */
    public ChatCore(
            CoreConfig config,
            Fanout<L> fanout,
            CoreListener listener,
            HistoryStore history,
            Clock clock,
            Predicate<String> adminKey,
            BanStore bans) {
        this(config, fanout, listener, history, clock, adminKey, bans, RoomKeyStore.inMemory());
    }

    /** With the bans kept in {@code bans} (loaded now) and the registered rooms' keys in {@code roomKeys}. */
    public ChatCore(
            CoreConfig config,
            Fanout<L> fanout,
            CoreListener listener,
            HistoryStore history,
            Clock clock,
            Predicate<String> adminKey,
            BanStore bans,
            RoomKeyStore roomKeys) {
        this.config = config;
        this.roomKeys = roomKeys;
        this.fanout = fanout;
        this.listener = listener;
        this.history = history;
        this.clock = clock;
        this.bans = new Bans(bans, clock, lapsed -> listener.unbanned(lapsed, null));
        this.roomBans = new RoomBans(bans, clock, CoreConfig.MAX_ROOM_BANS_IN_ALL, this::roomExists);
        this.admission = new Admission(config, adminKey, clock, listener);
        Names.loadLookalikes();
        rooms.put(
                RoomNames.key(RoomNames.LOBBY),
                new Room<>(RoomNames.LOBBY, true, config, fanout, listener, history, clock));
    }

    @Override
    public CoreConfig config() {
        return config;
    }

    /**
     * Registers {@code name} and joins {@code room} (creating it): the start of every session. The
     * administrator's name needs the key. {@code historyAfter}: replay the messages after that seq (a client
     * catching up), or -1 for the last {@code historyOnJoin}. A null {@code room} registers the name alone (an
     * IRC client joins its channels afterwards); {@link Connected#joined} is then null.
     */
    @Override
    public Connected<L> connect(
            String name,
            String presentedKey,
            InetAddress origin,
            L link,
            String room,
            long historyAfter,
            String roomKey) {
        if (closed) {
            throw Refusal.of(Refusal.Reason.SHUTTING_DOWN);
        }
        Member<L> member = admission.newMember(name, presentedKey, origin, link, room);
        if (names.putIfAbsent(member.key(), member) != null) {
            throw Refusal.of(Refusal.Reason.NAME_TAKEN, name);
        }
        Member<L> alike = looks.putIfAbsent(member.skeleton(), member);
        if (alike != null) {
            names.remove(member.key(), member);
            throw Refusal.of(Refusal.Reason.NAME_LOOKALIKE, alike.name());
        }
        // Checked once the name is held: a ban made meanwhile either finds this member or is found here.
        Optional<Ban> banned = member.isAdmin() ? Optional.empty() : bans.matching(Ban.Who.of(member));
        if (banned.isPresent()) {
            release(member);
            throw Refusal.banned(banned.get(), clock.instant());
        }
        if (room == null) {
            listener.connected(member, null);
            online(member);
            return new Connected<>(member, null);
        }
        JoinResult joined;
        try {
            joined = enter(member, room, historyAfter, true, roomKey);
        } catch (RuntimeException refused) {
            release(member);
            throw refused;
        }
        online(member);
        return new Connected<>(member, joined);
    }

    /** {@code member} is connected: presence is told, and the most members at once counts it. */
    private void online(Member<L> member) {
        presence.online(member.name(), member.key());
        mostMembers.accumulateAndGet(names.size(), Math::max);
    }

    @Override
    public void watchPresence(PresenceListener listener) {
        this.presence = listener;
    }

    /**
     * Gives back the name and the look {@code member} holds; true when it held the name (the first of several calls).
     * The look goes first: a connect that finds the name free finds its look free too.
     */
    private boolean release(Member<L> member) {
        looks.remove(member.skeleton(), member);
        return names.remove(member.key(), member);
    }

    /** Joins another room, creating it when it does not exist; the joiner becomes its owner then. */
    @Override
    public JoinResult join(Member<L> member, String room, long historyAfter, String roomKey) {
        requireConnected(member);
        Checks.requireMayJoin(member, room, config);
        member.spendMove(clock.millis(), config.floodControl().burst());
        return enter(member, room, historyAfter, false, roomKey);
    }

    @Override
    public NewRoomKey registerRoom(Member<L> by, String room) {
        requireConnected(by);
        Room<L> target = by.isAdmin() && !by.isIn(room) ? existingRoom(room) : joinedRoom(by, room);
        by.spendMove(clock.millis(), config.floodControl().burst());
        return target.register(
                by, roomKeys, CoreConfig.MAX_REGISTERED_ROOMS, CoreConfig.MAX_REGISTERED_ROOMS_PER_NETWORK);
    }

    @Override
    public void unregisterRoom(Member<L> by, String room) {
        requireConnected(by);
        by.spendMove(clock.millis(), config.floodControl().burst());
        if (by.isAdmin() && !by.isIn(room)) {
            Room<L> existing = RoomNames.isValid(room) ? rooms.get(RoomNames.key(room)) : null;
            if (existing != null && !existing.isGone()) {
                existing.unregister(by, roomKeys);
            } else if (!RoomNames.isValid(room) || !roomKeys.drop(RoomNames.key(room))) {
                throw Refusal.of(Refusal.Reason.NOT_REGISTERED, room); // an emptied room's, dropped all the same
            } else {
                listener.roomRegistration(new ChatEvent.RoomRegistration(
                        room, by.name(), ChatEvent.RoomRegistration.Change.DROPPED, now()));
            }
            return;
        }
        joinedRoom(by, room).unregister(by, roomKeys);
    }

    @Override
    public List<RegisteredRoom> registeredRooms(Member<L> by) {
        requireConnected(by);
        return RegisteredRoom.seenBy(by, by.read(clock.millis(), roomKeys::registrations));
    }

    @Override
    public List<RegisteredRoom> lapseRegistrations() {
        Instant now = clock.instant();
        // A room in use is a registration in use: it lapses only once it has been empty, and its key unused, that long.
        rooms.values().stream().filter(Room::inUseRegistered).forEach(room -> roomKeys.used(room.key(), now));
        List<RegisteredRoom> lapsed;
        synchronized (rooms) { // no room is made meanwhile with the registration it is losing
            lapsed = roomKeys.lapse(now.minus(CoreConfig.REGISTRATION_LAPSE), this::roomExists);
        }
        lapsed.forEach(listener::registrationLapsed);
        return lapsed;
    }

    @Override
    public RoomRole claimRoom(Member<L> member, String room, String roomKey) {
        requireConnected(member);
        Room<L> joined = joinedRoom(member, room);
        member.spendMove(clock.millis(), config.floodControl().burst());
        requireRoomKey(joined.key(), joined.name(), roomKey, member);
        return joined.claim(member);
    }

    /**
     * Refuses {@code WRONG_ROOM_KEY} unless {@code roomKey}, shown by {@code member}, is the key of the room {@code key}
     * (written {@code name}); a wrong key for a registered room is said on the console (a room with no key has none to
     * guess).
     */
    private void requireRoomKey(String key, String name, String roomKey, Member<L> member) {
        String hash = roomKeys.hashOf(key);
        if (!RoomKey.opens(roomKey, hash)) {
            if (hash != null) {
                listener.wrongRoomKey(name, member);
            }
            throw Refusal.wrongRoomKey(name, hash != null);
        }
        roomKeys.used(key, clock.instant());
    }

    /** Leaves one room and stays connected; the others are told, with the member's {@code reason} (may be empty). */
    @Override
    public void part(Member<L> member, String room, String reason) {
        Room<L> joined = joinedRoom(member, room);
        member.spendMove(clock.millis(), config.floodControl().burst());
        if (joined.remove(member, LeaveReason.PARTED, Checks.reason(reason), false, null)) {
            forget(joined);
        }
        listener.parted(member, joined.name());
    }

    /** A chat line, or with {@code notice} a notice (IRC's NOTICE to a channel: never answered automatically). */
    @Override
    public ChatEvent.Message post(Member<L> member, String room, String text, boolean notice) {
        requireConnected(member);
        Room<L> joined = joinedRoom(member, room);
        Optional<RoomBan> ban =
                member.isAdmin() ? Optional.empty() : roomBans.matching(joined.key(), Ban.Who.speaking(member));
        // A room's ban does not silence the owner who showed its key, unless the administrator set it.
        if (ban.isPresent() && (setByAdministrator(ban.get()) || !joined.holdsKey(member))) {
            throw Refusal.roomBanned(joined.name(), ban.get().ban(), clock.instant());
        }
        Checks.requireText(text);
        long now = clock.millis(); // one reading for the allowance and the line's time
        member.spend(now, config.floodControl().burst());
        ChatEvent.Message posted = joined.post(member, text, notice, now);
        member.charge(now, FloodControl.extraMessages(text)); // a long line weighs more: after it is taken
        return posted;
    }

    /**
     * A private message, or with {@code notice} a private notice (IRC's NOTICE: never to be answered
     * automatically), to the member named {@code to}.
     */
    @Override
    public ChatEvent.Private whisper(Member<L> from, String to, String text, boolean notice) {
        requireConnected(from);
        Checks.requireText(text);
        Member<L> target = names.get(Names.key(to));
        if (target == null) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, to);
        }
        from.spend(clock.millis(), config.floodControl().burst());
        from.charge(clock.millis(), FloodControl.extraMessages(text));
        ChatEvent.Private event = new ChatEvent.Private(from.name(), target.name(), now(), text, notice);
        fanout.deliverTo(event, target);
        return event;
    }

    @Override
    public ChatEvent.Invited invite(Member<L> by, String room, String to) {
        requireConnected(by);
        Room<L> joined = joinedRoom(by, room);
        Member<L> target = names.get(Names.key(to));
        if (target == null) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_MEMBER, to);
        }
        if (joined.isPresent(target)) {
            throw Refusal.of(Refusal.Reason.INVITEE_IN_ROOM, target.name());
        }
        by.spend(clock.millis(), config.floodControl().burst());
        ChatEvent.Invited event = new ChatEvent.Invited(by.name(), target.name(), joined.name(), now());
        fanout.deliverTo(event, target);
        fanout.deliver(ChatEvent.InviteSeen.of(event), joined.present(), by);
        return event;
    }

    /** Removes {@code target} from {@code room} on the order of its owner or the administrator. */
    @Override
    public String kick(Member<L> by, String room, String target, String detail) {
        Room<L> existing = existingRoom(room);
        Member<L> kicked = existing.kick(by, target, Checks.reason(detail));
        if (existing.isGone()) {
            forget(existing);
        }
        return kicked.name();
    }

    /**
     * Sets a room's topic (owner or administrator); an empty text clears it. The administrator may set it from outside
     * the room, as it may KICK there (PROTOCOL.md, Roles).
     */
    @Override
    public ChatEvent.Topic setTopic(Member<L> by, String room, String topic) {
        Room<L> target = by.isAdmin() && !by.isIn(room) ? existingRoom(room) : joinedRoom(by, room);
        by.spend(clock.millis(), config.floodControl().burst()); // every member is told: a line's worth
        return target.topic(by, topic.strip());
    }

    /**
     * Deletes messages from a room's history (owner or administrator, the administrator from outside too, as {@link
     * #setTopic}): finds them outside the room's lock (a read of the history), deletes them, then tells the room.
     */
    @Override
    public ChatEvent.Deleted delete(Member<L> by, String room, Deletion what, String reason) {
        requireConnected(by);
        Room<L> target = by.isAdmin() && !by.isIn(room) ? existingRoom(room) : joinedRoom(by, room);
        long above = target.deletableAbove(by);
        String why = Checks.reason(reason);
        List<StoredMessage> matched = Deleting.matching(
                what,
                Deleting.formerKeys(what, names::get),
                (before, limit) -> history.before(target.key(), before, limit),
                clock.instant());
        List<StoredMessage> found = Deleting.allowed(matched, above, what);
        by.spend(clock.millis(), config.floodControl().burst()); // the room is told: a line's worth
        ChatEvent.Deleted event = Deleting.event(target.name(), by, found, matched.size() - found.size(), now(), why);
        history.delete(target.key(), event.seqs());
        target.deleted(event, by);
        return event;
    }

    /** Sets a room's member limit (owner or administrator, the administrator from outside too), as {@link #setTopic}. */
    @Override
    public ChatEvent.RoomLimit setRoomLimit(Member<L> by, String room, int limit) {
        requireConnected(by);
        Room<L> target = by.isAdmin() && !by.isIn(room) ? existingRoom(room) : joinedRoom(by, room);
        by.spend(clock.millis(), config.floodControl().burst()); // the room is told: a line's worth
        return target.limit(by, limit);
    }

    @Override
    public ChatEvent.Away setAway(Member<L> member, String message) {
        requireConnected(member);
        member.spend(clock.millis(), config.floodControl().burst()); // told to everyone sharing a room
        return Away.set(member, message, now(), fanout);
    }

    /**
     * The member takes a new name, and the new name's look: one it holds already (a change of case, {@code alice} to
     * {@code Alice}, or {@code alice} to {@code a1ice}) or one no one holds.
     */
    @Override
    public ChatEvent.Renamed rename(Member<L> member, String newName) {
        requireConnected(member);
        String oldKey = member.key();
        String oldLook = member.skeleton();
        Renaming.Asked asked = Renaming.asked(member, newName, config, bans, clock, now());
        ChatEvent.Renamed event = asked.event();
        if (!asked.changes()) {
            return event;
        }
        String newKey = asked.key();
        boolean otherKey = !newKey.equals(oldKey);
        boolean otherLook = !asked.skeleton().equals(oldLook);
        if (otherKey && names.putIfAbsent(newKey, member) != null) {
            throw Refusal.of(Refusal.Reason.NAME_TAKEN, newName);
        }
        Member<L> alike = otherLook ? looks.putIfAbsent(asked.skeleton(), member) : null;
        if (alike != null) {
            if (otherKey) {
                names.remove(newKey, member);
            }
            throw Refusal.of(Refusal.Reason.NAME_LOOKALIKE, alike.name());
        }
        member.renamed(newName, newKey, asked.skeleton());
        for (JoinedRoom joined : member.rooms()) {
            local(joined).renamed(member, oldKey);
        }
        if (otherLook) {
            looks.remove(oldLook, member);
        }
        if (otherKey) {
            names.remove(oldKey, member);
        }
        listener.renamed(member, event);
        if (otherKey) {
            presence.offline(event.from(), oldKey);
            presence.online(event.to(), newKey);
        }
        recentlyGone.add(new Departed(event.from(), event.at(), event.to()));
        Away.tell(member.rooms(), member, event, fanout);
        return event;
    }

    @Override
    public BanResult ban(Member<L> by, String target, Duration lasting, String reason) {
        requireAdmin(by);
        Ban ban = Banning.asked(target, by.name(), now(), lasting, reason, config);
        bans.add(ban);
        BanResult result = Banning.sweep(ban, names.values(), this, fanout);
        listener.banned(ban, result.disconnected());
        return result;
    }

    @Override
    public RoomBan roomBan(Member<L> by, String room, String target, Duration lasting, String reason) {
        requireConnected(by);
        Room<L> existing = moderated(by, room);
        by.spend(clock.millis(), config.floodControl().burst()); // the room is told: a line's worth
        Ban ban = Banning.askedOfRoom(by, target, now(), lasting, reason, config);
        RoomBan made = new RoomBan(RoomNames.key(room), ban, addressOfNamed(ban, existing, by));
        roomBans.add(made, CoreConfig.MAX_ROOM_BANS);
        toldOfRoomBan(by, existing, made, true);
        return by.isAdmin() ? made : made.withoutAddress();
    }

    @Override
    public RoomBan roomUnban(Member<L> by, String room, String target) {
        requireConnected(by);
        Room<L> existing = moderated(by, room);
        by.spend(clock.millis(), config.floodControl().burst());
        RoomBan lifted = roomBans.remove(RoomNames.key(room), target)
                .orElseThrow(() -> Refusal.of(Refusal.Reason.NOT_BANNED, target));
        toldOfRoomBan(by, existing, lifted, false);
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
            key = existingRoom(room).key();
        }
        List<RoomBan> held = by.read(clock.millis(), () -> roomBans.list(key));
        return by.isAdmin() ? held : held.stream().map(RoomBan::withoutAddress).toList();
    }

    /**
     * The room {@code by} may ban from: one it owns and is in, or for the administrator any room, null when it is
     * empty and gone (its bans stay).
     */
    private Room<L> moderated(Member<L> by, String room) {
        if (by.isAdmin()) {
            Checks.requireValidRoom(room);
            Room<L> existing = rooms.get(RoomNames.key(room));
            return existing == null || existing.isGone() ? null : existing;
        }
        Room<L> joined = joinedRoom(by, room);
        boolean owns = joined.who().stream()
                .anyMatch(view -> view.name().equals(by.name()) && view.role().mayModerate());
        if (!owns) {
            throw Refusal.of(Refusal.Reason.NOT_MODERATOR);
        }
        return joined;
    }

    /**
     * The address to keep with a name ban: that of the member it names, when it is in the room (not the administrator,
     * and not from the setter's own address, which would keep out the setter); else null.
     */
    private AddressKey addressOfNamed(Ban ban, Room<L> room, Member<L> by) {
        Member<L> named = ban.kind() == Ban.Kind.NAME ? names.get(ban.key()) : null;
        if (room == null || named == null || named.isAdmin() || named.origin() == null || !room.isPresent(named)) {
            return null;
        }
        AddressKey address = AddressKey.of(named.origin());
        return by.origin() != null && AddressKey.of(by.origin()).equals(address) ? null : address;
    }

    /** Tells the room's other members present that {@code ban} was set or lifted, and the console. */
    private void toldOfRoomBan(Member<L> by, Room<L> room, RoomBan ban, boolean added) {
        String shown = room == null ? ban.room() : room.name();
        ChatEvent.RoomBanChange change = new ChatEvent.RoomBanChange(
                shown,
                by.name(),
                ban.ban().target(),
                added,
                now(),
                added ? ban.ban().expires() : null,
                added ? ban.ban().reason() : "");
        listener.roomBanChanged(change, ban);
        if (room != null) {
            fanout.deliver(change, room.present(), by);
        }
    }

    /**
     * The room's ban that keeps {@code member} from joining, if any: by its name, its looks or the address a ban of a
     * member present kept (its lines are tried by name alone, {@link Ban.Who#speaking}); none ever fits the
     * administrator.
     */
    private Optional<RoomBan> roomBanFitting(Member<L> member, String roomKey) {
        return member.isAdmin() ? Optional.empty() : roomBans.matching(roomKey, Ban.Who.of(member));
    }

    /** Whether the administrator set {@code ban}: such a ban holds against the room key's holder too. */
    private static boolean setByAdministrator(RoomBan ban) {
        return Names.isAdministrator(ban.ban().by());
    }

    @Override
    public String kill(Member<L> by, String target, String reason) {
        requireConnected(by);
        requireAdmin(by);
        return Killing.kill(
                this,
                fanout,
                names.get(Names.key(target)),
                target,
                new ChatEvent.Killed(by.name(), Checks.reason(reason), now()));
    }

    @Override
    public ChatEvent.Notice announce(Member<L> by, String text) {
        requireConnected(by);
        requireAdmin(by);
        Checks.requireText(text);
        by.spend(clock.millis(), config.floodControl().burst()); // the administrator has no allowance: marks it active
        ChatEvent.Notice announcement = new ChatEvent.Notice(by.name(), text, now());
        List<Member<L>> everyone = List.copyOf(names.values());
        fanout.deliver(announcement, everyone, null);
        listener.announced(announcement, everyone.size());
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
        return member(name).map(Member::away).orElse("");
    }

    /** Every room, by name. */
    @Override
    public List<RoomView> list() {
        List<RoomView> out = new ArrayList<>();
        for (Room<L> room : rooms.values()) {
            out.add(room.view());
        }
        out.sort(Comparator.comparing(RoomView::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    @Override
    public List<RoomView> list(Member<L> asking) {
        return asking.read(clock.millis(), this::list);
    }

    @Override
    public RoomView room(String room) {
        return existingRoom(room).view();
    }

    /** A room's members and their roles, in the order they joined. */
    @Override
    public List<MemberView> who(String room) {
        return existingRoom(room).who();
    }

    @Override
    public List<MemberView> who(Member<L> asking, String room) {
        return asking.read(clock.millis(), () -> who(room));
    }

    /** A page of a room's history the member is in: before or after a seq, or the latest. */
    @Override
    public List<ChatEvent.Message> history(Member<L> member, String room, HistoryQuery query) {
        Room<L> joined = joinedRoom(member, room);
        return member.read(
                clock.millis(),
                () -> {
                    List<StoredMessage> page =
                            switch (query.direction()) {
                                case BEFORE -> history.before(joined.key(), query.seq(), query.limit());
                                case AFTER -> history.after(joined.key(), query.seq(), query.limit());
                                case LATEST -> history.latest(joined.key(), query.limit());
                            };
                    return page.stream().map(ChatEvent.Message::of).toList();
                },
                message -> message.textUtf8().length);
    }

    /**
     * The member leaves the chat: every room it is in is told (unless {@code quiet}) and its name is free.
     * Every way out (LEAVE, a broken connection, a flood) may call this; only the first call counts.
     */
    @Override
    public boolean disconnect(Member<L> member, LeaveReason reason, String detail, boolean quiet) {
        if (!release(member)) {
            return false;
        }
        String why = Checks.reason(detail);
        List<JoinedRoom> rooms = List.copyOf(member.rooms());
        Departure departure = new Departure(rooms.size());
        for (JoinedRoom joined : rooms) {
            Room<L> room = local(joined);
            if (room.remove(member, reason, why, quiet, departure)) {
                forget(room);
            }
        }
        listener.left(member, reason, why, quiet);
        // A quiet leave is told to no room, but presence is not a room's: ISON and WHOIS already show the name gone.
        presence.offline(member.name(), member.key());
        if (!quiet) {
            recentlyGone.add(new Departed(member.name(), now(), null));
        }
        return true;
    }

    /** How many rooms exist now. */
    @Override
    public int roomCount() {
        return rooms.size();
    }

    /** How many members are connected. */
    @Override
    public int memberCount() {
        return names.size();
    }

    /** On a server on its own the whole chat is this server's: every count exact. */
    @Override
    public Census census() {
        int members = names.size();
        int most = mostMembers.accumulateAndGet(members, Math::max);
        boolean administrator = names.containsKey(Names.key(Names.ADMINISTRATOR));
        return new Census(members, most, members, most, 1, administrator, OptionalInt.of(rooms.size()));
    }

    /** Looks up a connected member by name. */
    @Override
    public Optional<MemberInfo> whois(String name) {
        return member(name).map(found -> Whois.of(found, this, clock));
    }

    @Override
    public Map<String, Presence> presenceOf(Collection<String> asked) {
        return Presence.of(asked, names, elsewhere -> Map.of());
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
        Member<L> alike = looks.get(Names.skeleton(name));
        return alike == null || alike.key().equals(Names.key(name)) ? Optional.empty() : Optional.of(alike.name());
    }

    /**
     * The server is stopping: every member is told and its link closed; no one may connect or join any more.
     * Returns the members told.
     */
    @Override
    public List<Member<L>> close(String reason, String detail, String by) {
        closed = true;
        synchronized (rooms) {
            rooms.values().forEach(Room::close); // after this no line is accepted: none can follow the notice
        }
        ChatEvent.Closed event = new ChatEvent.Closed(reason, detail, by, now());
        List<Member<L>> everyone = new ArrayList<>(names.values());
        for (Member<L> member : everyone) {
            release(member);
            fanout.deliverAndClose(event, member);
        }
        return everyone;
    }

    private JoinResult enter(Member<L> member, String room, long historyAfter, boolean first, String roomKey) {
        Room<L> banning = rooms.get(RoomNames.key(room));
        boolean showsKey = roomKey != null && !roomKey.isBlank();
        if (showsKey) { // checked before the room is made: a wrong key makes no room
            requireRoomKey(RoomNames.key(room), banning == null ? room : banning.name(), roomKey, member);
        }
        // The key's holder passes the bans an owner set (an heir by presence could keep it out of its own room), not
        // the administrator's.
        Optional<RoomBan> ban = roomBanFitting(member, RoomNames.key(room));
        if (ban.isPresent() && (setByAdministrator(ban.get()) || !showsKey)) {
            throw Refusal.roomBanned(
                    banning == null ? room : banning.name(), ban.get().ban(), clock.instant());
        }
        while (true) {
            Room<L> existing = rooms.get(RoomNames.key(room));
            Room<L> target = existing != null ? existing : create(room, member);
            JoinResult joined = target.add(member, first, historyAfter, config.historyOnJoin(), showsKey);
            if (joined != null) {
                return joined;
            }
            forget(target); // emptied and gone a moment ago: make it anew
        }
    }

    private Room<L> create(String name, Member<L> by) {
        synchronized (rooms) {
            Room<L> existing = rooms.get(RoomNames.key(name));
            if (existing != null && !existing.isGone()) {
                return existing;
            }
            if (closed) {
                throw Refusal.of(Refusal.Reason.SHUTTING_DOWN);
            }
            if (rooms.size() >= config.maxRooms()) {
                throw Refusal.limit(Refusal.Reason.TOO_MANY_ROOMS, config.maxRooms());
            }
            List<AddressKey> from = by.isAdmin() || by.origin() == null
                    ? List.of()
                    : List.of(AddressKey.of(by.origin()), AddressKey.network(by.origin()));
            if (!from.isEmpty()) {
                requireRoomToMake(from.get(0), config.maxRoomsPerAddress());
                requireRoomToMake(from.get(1), config.maxRoomsPerNetwork());
            }
            if (existing != null) {
                dropped(existing); // gone, but not yet forgotten: before the new room reads the topic kept
            }
            Room<L> made = new Room<>(name, false, config, fanout, listener, history, clock);
            made.registered(roomKeys.hashOf(made.key()) != null);
            rooms.put(made.key(), made);
            if (!from.isEmpty()) {
                madeFrom.put(made, from);
                from.forEach(key -> roomsMadeFrom.merge(key, 1, Integer::sum));
            }
            return made;
        }
    }

    /** Drops a room that emptied from the registry (its history stays). */
    private void forget(Room<L> room) {
        synchronized (rooms) {
            if (rooms.remove(room.key(), room)) {
                dropped(room);
            }
        }
    }

    /** Refuses a room made from {@code from} past {@code max} of its that exist. Under {@link #rooms}' lock. */
    private void requireRoomToMake(AddressKey from, int max) {
        if (roomsMadeFrom.getOrDefault(from, 0) >= max) {
            throw Refusal.limit(Refusal.Reason.TOO_MANY_ROOMS_FROM_ADDRESS, max);
        }
    }

    /**
     * {@code room}, emptied, has left the registry: it no longer counts against the address it was made from, and its
     * topic joins the emptied rooms' the store keeps a bounded number of. Under {@link #rooms}' lock, so that a room
     * made again under the name reads its topic after this.
     */
    private void dropped(Room<L> room) {
        for (AddressKey from : madeFrom.getOrDefault(room, List.of())) {
            roomsMadeFrom.computeIfPresent(from, (address, count) -> count > 1 ? count - 1 : null);
        }
        madeFrom.remove(room);
        if (!room.view().topic().isEmpty()) {
            history.roomEmptied(room.key());
        }
    }

    /** Whether the room with key {@code key} exists now (not emptied and gone). */
    private boolean roomExists(String key) {
        Room<L> room = rooms.get(key);
        return room != null && !room.isGone();
    }

    private Room<L> existingRoom(String room) {
        Room<L> existing = RoomNames.isValid(room) ? rooms.get(RoomNames.key(room)) : null;
        if (existing == null || existing.isGone()) {
            throw Refusal.of(Refusal.Reason.NO_SUCH_ROOM, room);
        }
        return existing;
    }

    /** A member of this core is only ever in this core's rooms. */
    @SuppressWarnings("unchecked")
    private Room<L> local(JoinedRoom room) {
        return (Room<L>) room;
    }

    private Room<L> joinedRoom(Member<L> member, String room) {
        Room<L> joined = room == null ? null : local(member.room(RoomNames.key(room)));
        // Only a valid name finds a room; written as the room's own name (every chat line, as a rule) it was checked
        // when the room was made, and is not again: the check was 1–2 % of the core at closed-5.
        if (joined == null || !room.equals(joined.name()) && !RoomNames.isValid(room)) {
            throw Refusal.of(Refusal.Reason.NOT_IN_ROOM, room);
        }
        return joined;
    }

    /** A member object kept after its member left the chat (or the server closed) may do nothing more. */
    private void requireConnected(Member<L> member) {
        if (closed) {
            throw Refusal.of(Refusal.Reason.SHUTTING_DOWN);
        }
        if (names.get(member.key()) != member) {
            throw Refusal.of(Refusal.Reason.GONE);
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(clock.millis()), clock.getZone());
    }
}
