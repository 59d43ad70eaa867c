package openchat.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The state several nodes share, and the order they agree on: the port {@link ClusterChat} uses and cluster
 * mode implements (on Redis, in the server). For every room it keeps the members of all nodes, the owner, the
 * topic, the member limit, the bans, the key of a registered room, the capacity check and the one sequence; it numbers
 * each room event where the room's order is decided, and hands every node the events of the rooms it follows, in that
 * order, exactly once.
 *
 * <p>Operations that change shared state throw {@link Refusal}s ({@code ROOM_FULL}, {@code NOT_IN_ROOM},
 * {@code NOT_MODERATOR}...), and {@link Refusal.Reason#UNAVAILABLE} while the store cannot be reached, except
 * {@link #leave} and {@link #releaseName}: those never fail; while the store is away they wait in the link
 * and happen when it is back.
 *
 * <p>What a refusal says is true: a change refused {@code UNAVAILABLE} is not carried out later (a stalling store
 * that gets to it refuses it), and one that turns out to have been carried out after all is undone ({@link #claimName},
 * {@link #join}, {@link #away}, {@link #rename}) or told ({@link Events#doneAfterAll}). A change whose outcome cannot
 * be known in time (the link dropped with it sent, and the store is not back) is refused
 * {@link Refusal.Reason#IN_DOUBT}.
 */
public interface ClusterLink extends AutoCloseable {

    /** What the cluster tells a node, on the link's one reader thread. */
    interface Events {
        /**
         * A room event, in the room's order, each once: for rooms {@link #follow followed}. {@code announced}: false
         * for the leave (or kick) of a member the room was never told of; only that member's node acts on it.
         */
        void roomEvent(String roomKey, ChatEvent.Numbered event, boolean announced);

        /**
         * A change of a room its members are told of, numbered in the room's order but not a room event of a single
         * server ({@link ChatEvent.RoomLimit}, {@link ChatEvent.RoomBanChange}, {@link ChatEvent.RoomRegistration},
         * {@link ChatEvent.Deleted}):
         * for rooms {@link #follow followed}, each once, after the events numbered before {@code seq}.
         */
        void roomChange(String roomKey, long seq, ChatEvent change);

        /** A private message for the member {@code toKey}, connected to this node. */
        void privateMessage(String toKey, ChatEvent.Private event);

        /** An invitation for the member {@code toKey}, connected to this node. */
        void invited(String toKey, ChatEvent.Invited event);

        /**
         * The administrator, connected to another node, disconnects the member {@code nameKey}, connected to this node
         * ({@link ClusterLink#kill}): it leaves as a single server's member killed there does.
         */
        void killed(String nameKey, ChatEvent.Killed event);

        /**
         * A private message ({@link ChatEvent.Private}) or invitation ({@link ChatEvent.Invited}) that the member
         * {@code senderKey}, connected to this node, sent to a member of a node that died or stopped before reading
         * it: it may not have arrived.
         */
        void undelivered(String senderKey, ChatEvent event);

        /**
         * A member of another node went away or came back: for this node's members in {@code roomKeys} (the rooms
         * it is in), each told once.
         */
        void away(List<String> roomKeys, ChatEvent.Away event);

        /**
         * A member of another node took a new name: for this node's members in {@code roomKeys} (the rooms it is in),
         * each told once.
         */
        void renamed(List<String> roomKeys, ChatEvent.Renamed event);

        /** The administrator stopped the whole cluster. */
        void stopping(String reason);

        /** The administrator's announcement, made on some node, this one included: for every member of this node. */
        void announced(ChatEvent.Notice announcement);

        /**
         * A name was taken ({@code online}) or freed on any node, this one included: a member connecting, leaving (a
         * dead node's too) or renaming, in the order Redis saw them. For {@link PresenceListener}.
         */
        default void presence(String name, boolean online) {}

        /** A ban was made (or made again) on some node, this one included: it holds on every node. */
        void banned(Ban ban);

        /** A ban was lifted, or dropped once lapsed, on some node, this one included. */
        void unbanned(Ban ban);

        /**
         * A change the member {@code nameKey} of this node asked for, answered as not done, was done after all (the
         * store ran it just before it stalled, or as the link dropped): the member is told.
         */
        void doneAfterAll(String nameKey);

        /**
         * The store holds {@code member} of this node otherwise than the node does (its rename, refused here, was done
         * there after all); the store has let go of the member: it must connect again.
         */
        void lostTrack(Member<?> member);

        /** The store became unreachable ({@code false}) or reachable again. */
        void reachable(boolean up);

        /**
         * The store no longer holds this node's members (it was out of reach for longer than a node may be silent
         * and was declared dead, or the store lost its data): they must connect again.
         */
        void lost();
    }

    /**
     * A join's outcome: the room's sequence after the join event, the room as it is now, and the event telling the
     * room that the joiner owns it ({@link ChatEvent.NewOwner}, numbered after the join's), when the join made it the
     * owner of a room with others in it; else null.
     */
    record Joined(long seq, RoomView room, ChatEvent.NewOwner owner) {}

    /**
     * The rest of the cluster as this node's last heartbeat read it, for IRC's LUSERS ({@link Census}): the live
     * {@code nodes} (this one included), the {@code members} connected to the others, the {@code rooms} (empty: not read
     * yet), whether the administrator is connected to another node, and the {@code mostMembers} connected to every live
     * node at once at any heartbeat since this node started.
     */
    record Counts(int nodes, int members, OptionalInt rooms, boolean administrator, int mostMembers) {
        /** Before the first heartbeat: this node alone, the rooms not counted. */
        public static final Counts NONE = new Counts(1, 0, OptionalInt.empty(), false, 0);
    }

    /** Joins the cluster as this node; events for it go to {@code events} from now on. */
    void start(Events events);

    /**
     * {@link Counts} as the last heartbeat that reached the store read them, in its own round trip: never a read of its
     * own, so that counting costs no member's request a wait. While the store is out of reach, as last read.
     */
    Counts counts();

    /**
     * Claims {@code name} and its look ({@code skeleton}, {@link Names#skeleton}) together, for a member of this node;
     * false when the name is taken anywhere in the cluster. Refuses {@code NAME_LOOKALIKE}, naming the holder, when
     * another name of that look is held anywhere.
     */
    boolean claimName(String nameKey, String name, String skeleton);

    /** Frees a name this node claimed, and its look (never fails; see the class comment). */
    void releaseName(String nameKey);

    /**
     * The name of the member, on any node, whose name looks like one of key {@code nameKey} ({@code skeleton}) and is
     * another; empty when no one's does.
     */
    Optional<String> lookalikeOf(String skeleton, String nameKey);

    /**
     * Seats {@code member} in the room (creating it, {@code member} its owner, unless {@code permanent}); announces
     * it while the room holds at most {@code presenceLimit}. Refuses a full room, a room too many, a member
     * already there. {@code keyHash}: the {@link RoomKey#hash} of the room key the member showed, or null for none;
     * one that is not the registered room's key is refused before anything is done ({@code WRONG_ROOM_KEY}), and the
     * room's key makes the member its owner (the administrator excepted), taking it from whoever held it, which every
     * node's members are told ({@link ChatEvent.NewOwner} with its {@code previous}).
     */
    Joined join(
            String roomKey,
            String roomName,
            boolean permanent,
            Member<?> member,
            String keyHash,
            CoreConfig config,
            OffsetDateTime at);

    /** Takes the member's seat; announces its leave unless {@code quiet} (never fails). */
    void leave(
            String roomKey,
            String roomName,
            Member<?> member,
            LeaveReason reason,
            String detail,
            boolean quiet,
            OffsetDateTime at);

    /** Numbers and stores a chat line; refuses when {@code from} is no longer in the room. Returns its seq. */
    long post(String roomKey, String roomName, Member<?> from, String text, boolean notice, OffsetDateTime at);

    /**
     * {@link #post} without waiting: completes with the seq, or exceptionally with a {@link Refusal}. Posts made
     * from one thread are numbered in the order made.
     */
    CompletionStage<Long> postLater(
            String roomKey, String roomName, Member<?> from, String text, boolean notice, OffsetDateTime at);

    /** Removes the member named {@code target} on {@code by}'s order; returns its name as written. */
    String kick(String roomKey, String roomName, Member<?> by, String target, String detail, OffsetDateTime at);

    /** Sets the topic on {@code by}'s order; returns the event's seq. */
    long topic(String roomKey, String roomName, Member<?> by, String topic, OffsetDateTime at);

    /**
     * Sets the room's member limit on {@code by}'s order, or with {@link Chat#SERVER_LIMIT} gives it back the server's
     * {@code capacity}, and tells every node's members ({@link ChatEvent.RoomLimit}); returns the limit in force. The
     * administrator may set it from outside the room. Refuses as {@link Chat#setRoomLimit} does; a join past the limit
     * is refused ({@code ROOM_FULL}), and a room that empties forgets it.
     */
    int limit(String roomKey, String roomName, Member<?> by, int limit, int capacity, OffsetDateTime at);

    /**
     * Deletes {@code deleted}'s messages ({@link ChatEvent.Deleted#seqs}) from the room's history on {@code by}'s
     * order, and tells every node's members of the room but {@code by} ({@link Events#roomChange} with the event):
     * refuses {@code NOT_MODERATOR} (and {@code NOT_IN_ROOM}) as {@link Chat#delete} does. The administrator may
     * delete from outside the room. Reads that start after the call, on any node, never return the messages.
     */
    void delete(String roomKey, Member<?> by, ChatEvent.Deleted deleted);

    /**
     * Registers the room on {@code by}'s order: keeps {@code hash} (the {@link RoomKey#hash} of the key this node made,
     * which only its member is told) as the room's key, in place of any before, where it outlives the room's emptying;
     * the room's owner holds the key from now on when it is {@code by}, and no longer when the administrator registered
     * it. Every node's members of the room are told ({@link ChatEvent.RoomRegistration}, {@code REGISTERED}, or
     * {@code REKEYED} when the new key replaced one). Refuses as {@link Chat#registerRoom} does ({@code LOBBY_UNOWNED},
     * {@code NOT_IN_ROOM}, {@code NOT_MODERATOR}, {@code NOT_KEY_HOLDER}; the administrator may from outside the room,
     * which must exist: {@code NO_SUCH_ROOM}), and a room not yet registered when {@code most} are ({@code
     * TOO_MANY_REGISTERED_ROOMS}), and when {@code network} (the registrant's, {@link RoomKey#networkOf}; null for none)
     * has {@code mostFromNetwork} other rooms registered ({@code TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS}). Returns
     * whether the new key replaced one.
     */
    boolean register(
            String roomKey,
            String roomName,
            Member<?> by,
            String hash,
            int most,
            String network,
            int mostFromNetwork,
            OffsetDateTime at);

    /**
     * Drops the room's registration on {@code by}'s order: its key opens nothing more, and its owner holds it by
     * presence alone; every node's members of the room, while it exists, are told ({@link ChatEvent.RoomRegistration},
     * {@code DROPPED}). Refuses as {@link Chat#unregisterRoom} does ({@code NOT_REGISTERED} when it has no key); the
     * administrator may from outside the room, also once it emptied and is no more.
     */
    void unregister(String roomKey, String roomName, Member<?> by, OffsetDateTime at);

    /**
     * Notes that the registered room's key opened it at {@code at} (a join or a claim with it: {@link
     * RegisteredRoom#used}). A note that cannot be written is logged, never thrown: the key did open the room.
     */
    void keyUsed(String roomKey, Instant at);

    /**
     * Drops the registrations that lapsed ({@link Chat#lapseRegistrations}): a key last used before {@code before}, of a
     * room that does not exist. A registered room that exists (someone is in it) counts as used at {@code now} first.
     * Returns the lapsed registrations; any node may call it, and each lapses once, on the node whose call dropped it.
     */
    List<RegisteredRoom> lapseRegistrations(Instant before, Instant now);

    /**
     * {@code member}, in the room, shows its key ({@code hash}, {@link RoomKey#hash}): it owns the room from now on and
     * holds the key, taking the room from whoever held it, which every node's members are told ({@link
     * ChatEvent.NewOwner} with its {@code previous}); returns its role there (the administrator's stays its own).
     * Refuses {@code NOT_IN_ROOM}, and {@code WRONG_ROOM_KEY} for a key that is not the room's.
     */
    RoomRole claim(String roomKey, String roomName, Member<?> member, String hash, OffsetDateTime at);

    /**
     * Keeps {@code ban} of the room (of a name or a mask) on {@code by}'s order, replacing one in the same slot, and
     * tells every node's members of the room while it exists ({@link ChatEvent.RoomBanChange}). When {@code namedKey}
     * (a name ban's key, else null) is a member in the room, its address is kept with the ban unless it is {@code by}'s
     * own. Refuses who may not ({@code NOT_IN_ROOM}, {@code NOT_MODERATOR}; the administrator may from anywhere), and
     * a ban past {@code CoreConfig.MAX_ROOM_BANS} in the room or {@code CoreConfig.MAX_ROOM_BANS_IN_ALL} in all
     * ({@code TOO_MANY_ROOM_BANS}; an emptied room's oldest ban makes way for it first). Returns the ban as kept.
     */
    RoomBan roomBan(String roomKey, String roomName, Member<?> by, Ban ban, String namedKey, OffsetDateTime at);

    /**
     * Lifts the room's ban in {@code slot} ({@link Ban#slot}) on {@code by}'s order and tells the room as
     * {@link #roomBan} does; returns it as it was kept. Refuses {@code NOT_BANNED} when there is none.
     */
    RoomBan roomUnban(String roomKey, String roomName, Member<?> by, String slot, String target, OffsetDateTime at);

    /** The room's bans that hold, oldest first, with their addresses; the room need not exist. */
    List<RoomBan> roomBans(String roomKey);

    /**
     * Sends a private message to the member {@code toKey} on another node; returns its name as written, or empty
     * when no such member is connected anywhere. Refuses with {@code UNREACHABLE} when the member's node has stopped
     * answering, rather than hand it a message it may never read.
     */
    Optional<String> whisper(String toKey, ChatEvent.Private event);

    /**
     * Hands {@code event} to the node of the member {@code toKey}, unless it sits in the room {@code roomKey} already;
     * returns its name as it writes it. Refuses with {@code NO_SUCH_MEMBER} when no one has the name,
     * {@code INVITEE_IN_ROOM} when it is in the room and {@code UNREACHABLE} when its node has stopped answering.
     */
    String invite(String roomKey, String toKey, ChatEvent.Invited event);

    /**
     * Hands the administrator's order to disconnect the member named {@code target}, connected to another node, to
     * that node, which carries it out ({@link Events#killed}); returns the member's name as written. Refuses with
     * {@code NO_SUCH_MEMBER} when no other node's member has the name, {@code ADMIN_NOT_KICKABLE} when it is the
     * administrator's and {@code UNREACHABLE} when its node has stopped answering, rather than hand it an order it
     * may never read.
     */
    String kill(String target, ChatEvent.Killed event);

    /**
     * Keeps the away message of {@code member} (of this node) with its name, empty when back, and tells the other
     * nodes with members in {@code roomKeys} (the rooms it is in).
     */
    void away(Member<?> member, String message, OffsetDateTime at, List<String> roomKeys);

    /**
     * The member {@code nameKey} of another node as WHOIS shows it (its rooms and roles, its away message; no
     * address), or empty when no such member is connected anywhere.
     */
    Optional<MemberInfo> whois(String nameKey);

    /**
     * The members of other nodes holding the names {@code nameKeys} (not held on this node), by key, with their names
     * as written and away messages ({@link Chat#presenceOf}); a name held by no one has no entry. One round trip,
     * however many names.
     */
    Map<String, Presence> presenceOf(Set<String> nameKeys);

    /**
     * A member of this node, {@code oldName} ({@code oldKey}), takes {@code newName} ({@code newKey}, of the look
     * {@code newSkeleton}): moves its name claim (with its away message) and its look, its seats in {@code roomKeys}
     * and the rooms it owns to the new name at once, frees the old one, and tells every other node with members in
     * those rooms. Refuses {@code NAME_TAKEN} when the new name is held anywhere, {@code NAME_LOOKALIKE} when another
     * member's name has its look; {@code GONE} when the store no longer holds this member. {@code member}: the member,
     * should the store turn out to have renamed it after the rename was refused ({@link Events#lostTrack}).
     */
    void rename(
            Member<?> member,
            String oldKey,
            String oldName,
            String newKey,
            String newName,
            String newSkeleton,
            OffsetDateTime at,
            List<String> roomKeys);

    /** The away message of the member {@code nameKey}, wherever it is connected; empty when it is not away. */
    String awayOf(String nameKey);

    /** Every room of the cluster, in no order. */
    List<RoomView> rooms();

    /** Every registered room of the cluster, by name, with who registered it and when. */
    List<RegisteredRoom> registrations();

    /** The room, when it exists. */
    Optional<RoomView> room(String roomKey);

    /** The room's members on every node, in the order they joined. */
    List<MemberView> who(String roomKey);

    /** Up to {@code limit} stored messages of the room with {@code seq < before}, the newest of them, ascending. */
    List<StoredMessage> before(String roomKey, long before, int limit);

    /** Up to {@code limit} stored messages of the room with {@code seq > after}, the oldest of them, ascending. */
    List<StoredMessage> after(String roomKey, long after, int limit);

    /** Starts handing this node the room's events numbered after {@code afterSeq}. */
    void follow(String roomKey, long afterSeq);

    /** Stops handing this node the room's events. */
    void unfollow(String roomKey);

    /** The bans every node keeps, oldest first. */
    List<Ban> bans();

    /**
     * Keeps {@code ban} for every node, replacing one of the same kind and key, and tells every node
     * ({@link Events#banned}). Refuses ({@code UNAVAILABLE}) while the store cannot be reached.
     */
    void ban(Ban ban);

    /** Forgets {@code ban} on every node and tells them ({@link Events#unbanned}); {@code UNAVAILABLE} as above. */
    void unban(Ban ban);

    /**
     * Tells every node, this one included, the administrator's announcement ({@link Events#announced}); nothing is
     * kept. Refuses ({@code UNAVAILABLE}) while the store cannot be reached.
     */
    void announce(ChatEvent.Notice announcement);

    /** Tells every node to stop (the administrator's order). */
    void stopCluster(String reason);

    /** Leaves the cluster: this node's members leave their rooms (announced), their names are freed. */
    @Override
    void close();
}
