package openchat.core;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The chat's operations, as every protocol adapter (OCP, IRC, WebSocket) calls them: names, rooms,
 * membership, roles, permissions, flood control and history. An operation returns its result or throws one
 * {@link Refusal}; what members must hear goes out through the {@link Fanout} as {@link ChatEvent}s.
 *
 * <p>Two implementations: {@link ChatCore}, one server on its own, and {@link ClusterChat}, one node of
 * several sharing rooms through a {@link ClusterLink}. An adapter cannot tell which it has.
 *
 * <p>Threads: any thread may call any operation; one member's operations come from one thread at a time (its
 * connection's).
 *
 * @param <L> how the adapter reaches a member
 */
public interface Chat<L> {
    /** A {@code historyAfter} that replays nothing: the client fetches history itself (IRC's CHATHISTORY). */
    long NO_REPLAY = Long.MAX_VALUE;

    /** The limit {@link #setRoomLimit} takes to give a room back the server's capacity ({@code -l}). */
    int SERVER_LIMIT = 0;

    /** The longest topic, in code points. */
    int MAX_TOPIC_LENGTH = 300;

    /**
     * The last seq a joiner has seen, from its {@code historyAfter}: as given, or 0 when it is above the room's last
     * number {@code last} (the room's numbering began again while the joiner was away: its history was lost, as when
     * a cluster's Redis restarts empty), so that it is replayed what the room has now; negative when it gave none.
     */
    static long lastSeen(long historyAfter, long last) {
        return historyAfter > last ? 0 : historyAfter;
    }

    CoreConfig config();

    /**
     * Registers {@code name} and joins {@code room} (creating it): the start of every session. The
     * administrator's name needs the key. {@code historyAfter}: replay the messages after that seq (a client
     * catching up), or -1 for the last {@code historyOnJoin}. A null {@code room} registers the name alone (an
     * IRC client joins its channels afterwards); {@link Connected#joined} is then null.
     */
    default Connected<L> connect(
            String name, String presentedKey, InetAddress origin, L link, String room, long historyAfter) {
        return connect(name, presentedKey, origin, link, room, historyAfter, null);
    }

    /**
     * {@link #connect}, showing {@code roomKey}, the key of {@code room} ({@link #registerRoom}; null or blank for none):
     * the member owns the room from its join on, as {@link #join} with a key. A wrong key is refused before anything
     * is done ({@code WRONG_ROOM_KEY}), and the name is free again.
     */
    Connected<L> connect(
            String name,
            String presentedKey,
            InetAddress origin,
            L link,
            String room,
            long historyAfter,
            String roomKey);

    /** Joins another room, creating it when it does not exist; the joiner becomes its owner then. */
    default JoinResult join(Member<L> member, String room, long historyAfter) {
        return join(member, room, historyAfter, null);
    }

    /**
     * {@link #join}, showing {@code roomKey} (null or blank for none): the key of the room ({@link #registerRoom}), which
     * makes the joiner its owner, whoever held it by presence till then (that member stays, and everyone is told:
     * {@link ChatEvent.NewOwner} with its {@code previous}); it makes the room too when it does not exist. The key's
     * holder passes the room's bans and the member limit its owner set (not the server's capacity), and a room's ban
     * does not silence it while it owns the room: whoever held the room by presence could otherwise keep its owner out
     * of it (the owner lifts such bans itself). A key that
     * is not the room's, or one for a room that is not registered, is refused ({@code WRONG_ROOM_KEY}) and the member
     * does not join: it may join without one. The administrator, which owns no room, is refused a wrong key too.
     */
    JoinResult join(Member<L> member, String room, long historyAfter, String roomKey);

    /**
     * Registers the room: gives it a key that makes whoever shows it its owner, on joining ({@link #join}) or once in
     * ({@link #claimRoom}), across the owner's leaving, the room's emptying and the server's restarts; returns the key,
     * which the server keeps only hashed ({@link RoomKey}) and tells no one else. Registering a registered room gives
     * it a new key in place of the old (a lost or leaked key's cure). Its owner (present) may, or the administrator (from
     * anywhere while the room exists); a registered room's owner only when it showed the key (or registered the room)
     * while here, not an heir by presence. Refuses the lobby ({@code LOBBY_UNOWNED}), who may not ({@code NOT_MODERATOR},
     * {@code NOT_IN_ROOM}, {@code NOT_KEY_HOLDER}), and a new registration past {@link CoreConfig#MAX_REGISTERED_ROOMS}
     * ({@code TOO_MANY_REGISTERED_ROOMS}). Spends the allowance a join does. The room's other members present are told
     * ({@link ChatEvent.RoomRegistration}), and the answer says whether the new key replaced one.
     */
    NewRoomKey registerRoom(Member<L> by, String room);

    /**
     * Drops the room's registration: its key opens nothing more, and ownership rests on presence alone again. An owner
     * who showed the key here may, or the administrator, also of a room that emptied (the cure for a key lost with no
     * one holding the room). Refuses {@code NOT_REGISTERED} when the room has no key, and who may not, as
     * {@link #registerRoom}. The room's other members present are told ({@link ChatEvent.RoomRegistration}).
     */
    void unregisterRoom(Member<L> by, String room);

    /**
     * The registered rooms {@code by} may see, by name, with who registered each and when, also those that emptied:
     * every one for the administrator (its audit); for anyone else, those that count against its own network ({@link
     * RoomKey#networkOf}), so that a member told its network registered its most ({@link
     * CoreConfig#MAX_REGISTERED_ROOMS_PER_NETWORK}) sees which rooms those are. Spends the read allowance.
     */
    List<RegisteredRoom> registeredRooms(Member<L> by);

    /**
     * Drops the registrations that lapsed: for {@link CoreConfig#REGISTRATION_LAPSE} no one used the key (to join, or to
     * take the room back; a new key counts as a use) and no one was in the room (a room that exists counts as used
     * now), and the room is empty (it does not exist). Each is told to
     * the listener ({@link CoreListener#registrationLapsed}) and returned. The server calls it every {@link
     * CoreConfig#REGISTRATION_LAPSE_SWEEP}; on a cluster any node may, and a registration lapses once.
     */
    List<RegisteredRoom> lapseRegistrations();

    /**
     * A member in the room shows its key: it owns the room from now on, as a join with the key makes it
     * ({@link #join}); returns its role there. Refuses {@code WRONG_ROOM_KEY}, and {@code NOT_IN_ROOM} outside it.
     */
    RoomRole claimRoom(Member<L> member, String room, String roomKey);

    /** Leaves one room and stays connected; the others are told. */
    default void part(Member<L> member, String room) {
        part(member, room, "");
    }

    /** Leaves one room and stays connected; the others are told, with the member's {@code reason} (may be empty). */
    void part(Member<L> member, String room, String reason);

    /** Posts a chat line to a room the member is in; returns the event with its Seq and Date. */
    default ChatEvent.Message post(Member<L> member, String room, String text) {
        return post(member, room, text, false);
    }

    /** A chat line, or with {@code notice} a notice (IRC's NOTICE to a channel: never answered automatically). */
    ChatEvent.Message post(Member<L> member, String room, String text, boolean notice);

    /**
     * Whether {@link #postLater} is worth using: true on a cluster node, where a line gets its Seq only when the
     * cluster's store answers, so that an adapter need not hold its thread for that round trip.
     */
    default boolean postsLater() {
        return false;
    }

    /**
     * {@link #post}, completed when the line has its Seq; a refusal found at once is thrown, a later one completes
     * the stage exceptionally. Lines one member posts are numbered in the order of these calls.
     */
    default CompletionStage<ChatEvent.Message> postLater(Member<L> member, String room, String text) {
        return CompletableFuture.completedFuture(post(member, room, text));
    }

    /** A private message to the member named {@code to}, wherever it is; never stored. */
    default ChatEvent.Private whisper(Member<L> from, String to, String text) {
        return whisper(from, to, text, false);
    }

    /**
     * A private message, or with {@code notice} a private notice (IRC's NOTICE: never to be answered
     * automatically), to the member named {@code to}.
     */
    ChatEvent.Private whisper(Member<L> from, String to, String text, boolean notice);

    /**
     * Tells the member named {@code to}, wherever it is connected, that {@code by} invites it into {@code room}, a
     * room {@code by} is in ({@link ChatEvent.Invited}); returns the event as sent, with the invited member's name as
     * it writes it. Refused when {@code by} is not in the room, no one has the name, or the invited member is in the
     * room already. An invitation costs the flood allowance a private message does.
     */
    ChatEvent.Invited invite(Member<L> by, String room, String to);

    /**
     * Removes {@code target} from {@code room} on the order of its owner or the administrator; returns the kicked
     * member's name as it wrote it.
     */
    String kick(Member<L> by, String room, String target, String detail);

    /** Sets a room's topic (owner or administrator); an empty text clears it. */
    ChatEvent.Topic setTopic(Member<L> by, String room, String topic);

    /**
     * Deletes messages from {@code room}'s history on the order of its owner or the administrator (the administrator
     * from outside the room too, as for {@link #setTopic}): one message by its Seq, or one name's messages within the
     * last while ({@link Deletion}). They are gone from every later read (a joiner's replay, HISTORY, IRC's
     * CHATHISTORY, {@code history export}); the room's other members present are told by the returned event. Refuses
     * {@code NOT_MODERATOR}, and {@code NO_SUCH_MESSAGE} when the history holds no message that fits.
     */
    ChatEvent.Deleted delete(Member<L> by, String room, Deletion what, String reason);

    /**
     * The member is away with {@code message}, or back when it is blank; each member sharing a room with it (on
     * this server) is told once. Refuses a message that is too long or holds control characters.
     */
    ChatEvent.Away setAway(Member<L> member, String message);

    /**
     * The member takes {@code newName} (the rules of a name at connect), and its old name is free; each member
     * sharing a room with it (on a cluster, on every node) is told once. A change of case or spacing only is a
     * rename too; the same spelling tells no one. Refuses a bad or taken name (taken anywhere in a cluster), the
     * administrator's (it needs the key at connect), a rename of the administrator ({@code NAME_FIXED}), and on a
     * cluster node whose store is out of reach {@code UNAVAILABLE}. Spends a line of the member's chat allowance.
     */
    ChatEvent.Renamed rename(Member<L> member, String newName);

    /**
     * The administrator bans {@code target}: an address or network when it is written as one ({@code 203.0.113.7},
     * {@code 203.0.113.0/24}, {@code 2001:db8::/32}), else a name (with its every spelling, {@link Names#key}). No
     * one with that name or from that address may connect or rename to it; the members who match now are
     * disconnected ({@link ChatEvent.Banned}, then their rooms are told, {@link LeaveReason#BANNED}). A ban lasts
     * {@code lasting} ({@link BanDuration#isAllowed}: an adapter checks what it reads), or until it is lifted when
     * null. Banning again replaces the reason and the end. The administrator is never kept out. On a cluster the
     * ban holds on every node: each puts out its own members, and the result names this node's. Refuses anyone but
     * the administrator ({@code ADMIN_ONLY}), the administrator's name ({@code ADMIN_NOT_BANNABLE}), a bad name or
     * address, and on a cluster node whose store is out of reach {@code UNAVAILABLE}.
     */
    BanResult ban(Member<L> by, String target, Duration lasting, String reason);

    /**
     * The administrator disconnects the member named {@code target} (IRC's KILL), with {@code reason} (may be empty;
     * kept as a kick's is): every room it is in is told ({@link LeaveReason#KILLED}, by the administrator), then it is
     * sent {@link ChatEvent.Killed} and its connection is closed. Nothing is banned: it may connect again at once.
     * Returns the member's name as it writes it. Refuses anyone but the administrator ({@code ADMIN_ONLY}), a name no
     * one connected has ({@code NO_SUCH_MEMBER}), and the administrator's own ({@code ADMIN_NOT_KICKABLE}, as a kick
     * of it is). A cluster node disconnects a member of any node, and refuses one whose node has stopped answering
     * ({@code UNREACHABLE}).
     */
    String kill(Member<L> by, String target, String reason);

    /**
     * The administrator's announcement: {@code text} goes to every member connected to the server (on a cluster, to
     * every node's members), the administrator included, as a {@link ChatEvent.Notice} from it; it is not stored and
     * belongs to no room. The text is checked as a chat line is: refused when it is blank ({@code EMPTY_MESSAGE}) or
     * holds a NUL ({@code INVALID_MESSAGE}); it may hold line breaks, as a chat line may (the protocol's limit on a
     * message bounds its length). Refuses anyone but the administrator ({@code ADMIN_ONLY}), and on a cluster node
     * whose store is out of reach {@code UNAVAILABLE}. Returns the event as sent.
     */
    ChatEvent.Notice announce(Member<L> by, String text);

    /** The administrator lifts the ban of {@code target} (as written to {@link #ban}); {@code NOT_BANNED} if none. */
    Ban unban(Member<L> by, String target);

    /** The bans, oldest first (administrator only). */
    List<Ban> bans(Member<L> by);

    /**
     * The room's owner (present in it) or the administrator (from anywhere, even while the room is empty and gone)
     * bans {@code target} from {@code room}: a name (with its every spelling, {@link Names#key}) or a mask over names
     * ({@link BanMask}), never an address. No member the ban fits may join the room, and one in it may no longer
     * speak there (its owner kicks it to put it out); the administrator is never kept out. When the ban names a
     * member present in the room, the address it connected from ({@link AddressKey}) is kept with the ban, so that
     * the same person under another name is kept out too, unless it is the setter's own address. A ban lasts {@code
     * lasting}, or until lifted when null; banning again replaces its reason and end. The room's other members present
     * are told ({@link ChatEvent.RoomBanChange}). Returns the ban, its address shown to the administrator only.
     * Refuses a member who is neither ({@code NOT_MODERATOR}; {@code NOT_IN_ROOM} outside the room), the
     * administrator's name ({@code ADMIN_NOT_BANNABLE}), an address or a bad mask ({@code INVALID_BAN}) or name, a
     * ban that fits the setter ({@code BAN_FITS_SELF}), one past {@link CoreConfig#MAX_ROOM_BANS}
     * ({@code TOO_MANY_ROOM_BANS}). On a cluster the ban is kept in the cluster's store and holds on every node
     * ({@code UNAVAILABLE} while the store is out of reach).
     */
    RoomBan roomBan(Member<L> by, String room, String target, Duration lasting, String reason);

    /**
     * The room's owner or the administrator lifts the room's ban of {@code target} (as written to {@link #roomBan},
     * or another spelling of it); {@code NOT_BANNED} if none. The room's members present are told.
     */
    RoomBan roomUnban(Member<L> by, String room, String target);

    /**
     * A room's bans that hold, oldest first, as any connected member may read them (IRC's {@code MODE #room b}):
     * their addresses shown to the administrator only. Spends the asker's read allowance. The administrator may read
     * those of a room that is empty and gone; anyone else gets {@code NO_SUCH_ROOM} then.
     */
    List<RoomBan> roomBans(Member<L> by, String room);

    /**
     * The room's owner (present in it) or the administrator (from anywhere, while the room exists) sets how many members
     * the room holds (IRC's {@code +l}): from 1 to the server's {@link CoreConfig#roomCapacity}, never above it; {@link
     * #SERVER_LIMIT} gives it back the server's. Members already there stay, however many; a join past it is refused
     * ({@code ROOM_FULL}). The limit lasts while the room exists: a room that empties forgets it. The room's other
     * members present are told ({@link ChatEvent.RoomLimit}). Refuses a member who is neither ({@code NOT_MODERATOR};
     * {@code NOT_IN_ROOM} outside the room), a limit out of range ({@code INVALID_LIMIT}). On a cluster the limit is
     * kept in the cluster's store and holds on every node ({@code UNAVAILABLE} while the store is out of reach).
     */
    ChatEvent.RoomLimit setRoomLimit(Member<L> by, String room, int limit);

    /**
     * A ban made: the ban, the names of the members it disconnected, and for a name ban whose member was connected
     * the address it connected from (so that the administrator may ban that too), else null.
     */
    record BanResult(Ban ban, List<String> disconnected, String address) {}

    /** The away message of the member {@code name}, empty when it is not away or not connected. */
    String awayOf(String name);

    /** Every room, by name. */
    List<RoomView> list();

    /** Every room, by name, as {@code asking} asks (LIST): spends its read allowance ({@link FloodControl#READ_BURST}). */
    List<RoomView> list(Member<L> asking);

    RoomView room(String room);

    /** A room's members and their roles, in the order they joined. */
    List<MemberView> who(String room);

    /** {@link #who(String)} as {@code asking} asks (WHO, NAMES): spends its read allowance. */
    List<MemberView> who(Member<L> asking, String room);

    /**
     * A page of a room's history the member is in: before or after a seq, or the latest. Spends the member's read
     * allowance.
     */
    List<ChatEvent.Message> history(Member<L> member, String room, HistoryQuery query);

    /**
     * The member leaves the chat: every room it is in is told (unless {@code quiet}) and its name is free.
     * Every way out (LEAVE, a broken connection, a flood) may call this; only the first call counts.
     */
    boolean disconnect(Member<L> member, LeaveReason reason, String detail, boolean quiet);

    /** Refuses unless {@code member} is the administrator: for stopping the server. */
    default void requireAdmin(Member<L> member) {
        if (!member.isAdmin()) {
            throw Refusal.of(Refusal.Reason.ADMIN_ONLY);
        }
    }

    /** How many rooms exist now (on a cluster node: the rooms its members are in). */
    int roomCount();

    /** How many members are connected (on a cluster node: to this node). */
    int memberCount();

    /**
     * How many are in the whole chat and on this server, and the most at once since it started ({@link Census}):
     * IRC's LUSERS. Never waits for a cluster's store.
     */
    Census census();

    /**
     * The member named {@code name} as WHOIS shows it: on a cluster node, wherever in the cluster it is connected;
     * empty when no such member is connected.
     */
    Optional<MemberInfo> whois(String name);

    /**
     * Which of {@code names} are connected (on a cluster node: to any node), as IRC's ISON, USERHOST and MONITOR ask:
     * the member holding each, by {@link Names#key} of the name asked; a name held by no one has no entry. Its name as
     * written and away message only, not its rooms ({@link #whois}): on a cluster node the names not held here are read
     * from the store in one round trip, however many they are.
     */
    Map<String, Presence> presenceOf(Collection<String> names);

    /**
     * How long the member named has been idle, as {@link MemberInfo#idle} counts it, when it is connected here (on a
     * cluster node: to this node, the one place that knows); empty otherwise. IRC's WHOX reads it for each member it
     * lists, where a whole {@link #whois} would read every room of each.
     */
    Optional<Duration> idle(String name);

    /**
     * Who gave up the name {@code name} lately (every spelling of it), newest first, at most {@code max}: members of
     * this server (on a cluster: of this node) who left the chat, but not quietly, or took another name. IRC's
     * WHOWAS.
     */
    List<Departed> whowas(String name, int max);

    /** How many renames {@link #nowNamed} follows from a name to the one its holder goes by now. */
    int RENAMES_FOLLOWED = 5;

    /**
     * The name the member who last gave up {@code name} by a rename goes by now, as written, when it is connected
     * (following up to {@link #RENAMES_FOLLOWED} renames: {@code tom} to {@code tommy} to {@code tom2}); empty when
     * {@code name} was not given up by a rename lately ({@link #whowas}), or its holder has left since. What a private
     * message or invitation to an old name is told, rather than only that nobody has it.
     */
    default Optional<String> nowNamed(String name) {
        String current = name;
        for (int renames = 0; renames < RENAMES_FOLLOWED; renames++) {
            List<Departed> gone = whowas(current, 1);
            if (gone.isEmpty() || gone.get(0).renamedTo() == null) {
                return Optional.empty();
            }
            current = gone.get(0).renamedTo();
            Presence now = presenceOf(List.of(current)).get(Names.key(current));
            if (now != null) {
                return Optional.of(now.name());
            }
        }
        return Optional.empty();
    }

    /** Looks up a member connected here by name. */
    Optional<Member<L>> member(String name);

    /**
     * The name of a connected member (on a cluster node: on any node) whose name is not a spelling of {@code name} but
     * looks like it, the same {@link Names#skeleton} ({@code alice} for {@code аӏісе}); empty when none does. A
     * connect with {@code name} would be refused for it ({@code NAME_LOOKALIKE}): what IRC's NICK answers before
     * registering, as it answers a name in use.
     */
    Optional<String> lookalikeOf(String name);

    /**
     * This server (or cluster node) is stopping: every member connected to it is told and its link closed; no one
     * may connect or join any more. Returns the members told. {@code detail}: who stopped it and why, when the
     * administrator did giving words ({@link ChatEvent.Closed}); empty otherwise. {@code by}: the administrator's name
     * when it ordered the stop; empty when the server stops on its own.
     */
    List<Member<L>> close(String reason, String detail, String by);

    /** {@link #close(String, String, String)} by no one: the server stops on its own (its operator's signal). */
    default List<Member<L>> close(String reason) {
        return close(reason, "", "");
    }

    /**
     * This server stops on its own (a signal, its operator's), and other nodes of its cluster go on: on a cluster node
     * every member connected here is disconnected with {@code dropped}, which tells it to connect again
     * ({@link ChatEvent.Dropped}: a client reconnects, to another node behind a balancer, where a {@link
     * ChatEvent.Closed} would tell it the chat has stopped), and leaves its rooms announced to the other nodes, as
     * {@link #close} does. A server on its own has no other node: {@link #close(String) close(reason)}.
     */
    default List<Member<L>> closeNode(String reason, String dropped) {
        return close(reason);
    }

    /**
     * Tells {@code listener} of every name coming into the chat and going out of it from now on, in place of any listener
     * before ({@link PresenceListener}; none by default). Set once by the adapter that needs it (IRC's MONITOR).
     */
    void watchPresence(PresenceListener listener);

    /** A member and the room it joined on connecting (null when it connected without one). */
    record Connected<L>(Member<L> member, JoinResult joined) {}
}
