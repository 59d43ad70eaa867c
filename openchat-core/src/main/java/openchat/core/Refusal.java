package openchat.core;

import java.time.Instant;

/**
 * Why the core refused an operation: the one way every refusal leaves the core. Each protocol adapter maps
 * a {@link Reason} once (OCP to a status code, IRC to a numeric) and reads {@link Reason#endsSession} to know
 * whether the connection must go. The fields a reason needs are set, the others are zero or empty.
 */
public final class Refusal extends RuntimeException {

    /** The subject of an {@link Reason#ADMIN_KEY_REQUIRED} that was given no key at all. */
    public static final String NO_KEY = "no-key";

    public enum Reason {
        /** The member name breaks the rules; {@code problem}: what is wrong ({@link Names#check}). */
        INVALID_NAME(false),
        /** Someone connected has that name; {@code subject}: the name. */
        NAME_TAKEN(false),
        /**
         * Someone connected has a name that looks like it, another name of the same {@link Names#skeleton}
         * ({@code аӏісе} in Cyrillic letters beside {@code alice}); {@code subject}: that member's name, as it writes it.
         */
        NAME_LOOKALIKE(false),
        /**
         * The administrator's name without the right key; {@code subject}: {@link #NO_KEY} when none was given (not
         * a failed proof, and not counted towards the lockout), empty for a wrong one.
         */
        ADMIN_KEY_REQUIRED(false),
        /** The administrator's name is its proof of the key, and stays as it connected. */
        NAME_FIXED(false),
        /** A ban keeps out this name or address; {@code subject}: the ban's reason (may be empty). */
        BANNED(false),
        /**
         * A room's ban keeps this member out of the room (a join), or from speaking there (a member present when the
         * ban was made); {@code subject}: the room; {@code retryAfterSeconds}: for a timed ban, the seconds it still
         * holds (0 for a permanent one).
         */
        ROOM_BANNED(false),
        /** A room holds its maximum of bans ({@link CoreConfig#MAX_ROOM_BANS}); {@code capacity}: that maximum. */
        TOO_MANY_ROOM_BANS(false),
        /** A room's ban that would keep out the member who sets it; {@code subject}: the mask. */
        BAN_FITS_SELF(false),
        /** The administrator cannot be banned: its key is what lets it in. */
        ADMIN_NOT_BANNABLE(false),
        /** A room's owner cannot kick the administrator (only the administrator may remove itself). */
        ADMIN_NOT_KICKABLE(false),
        /**
         * Not a name, mask or address a ban can name ({@code 300.1.2.3}, {@code *}, {@code 203.*.113.5}); {@code
         * subject}: the text.
         */
        INVALID_BAN(false),
        /**
         * An address range wider than a ban may name ({@link CoreConfig#MIN_BAN_PREFIX_IPV4}, {@link
         * CoreConfig#MIN_BAN_PREFIX_IPV6}); {@code subject}: the range as the ban would keep it ({@code 0.0.0.0/0});
         * {@code capacity}: the shortest prefix allowed for its kind of address.
         */
        BAN_TOO_WIDE(false),
        /** No ban of that name or address; {@code subject}: what was asked. */
        NOT_BANNED(false),
        /** Too many wrong keys from this address; {@code retryAfterSeconds}. */
        ADMIN_LOCKED_OUT(false),
        /** The room name breaks the rules; {@code problem}: what is wrong ({@link RoomNames#check}). */
        INVALID_ROOM(false),
        /** The room holds its capacity; {@code members}, {@code capacity}, {@code subject}: the room. */
        ROOM_FULL(false),
        /**
         * A room's member limit out of range: below 1 or above the server's room capacity; {@code subject}: the limit
         * asked, {@code capacity}: the server's room capacity.
         */
        INVALID_LIMIT(false),
        /** The server holds its maximum of rooms; {@code capacity}: that maximum. */
        TOO_MANY_ROOMS(false),
        /** Members from this address made their maximum of rooms, all still there; {@code capacity}: that maximum. */
        TOO_MANY_ROOMS_FROM_ADDRESS(false),
        /** The member is in its maximum of rooms; {@code capacity}: that maximum. */
        TOO_MANY_JOINED(false),
        /** The member is already in that room; {@code subject}: the room. */
        ALREADY_IN_ROOM(false),
        /** The member is not in that room; {@code subject}: the room. */
        NOT_IN_ROOM(false),
        /** The member invited into a room is in it already; {@code subject}: its name. */
        INVITEE_IN_ROOM(false),
        /** No room of that name exists; {@code subject}: the room. */
        NO_SUCH_ROOM(false),
        /** No such member connected (or not in the room, for a kick); {@code subject}: the name. */
        NO_SUCH_MEMBER(false),
        /**
         * No message of the room's history fits a deletion (no such Seq kept, or none of that name's in the time
         * given); {@code subject}: the Seq or the name.
         */
        NO_SUCH_MESSAGE(false),
        /**
         * The messages a deletion named were all sent before the deleter joined the room, and it owns the room by
         * presence only: only the administrator, or an owner who showed the room's key, may delete those; {@code
         * subject}: the Seq or the name.
         */
        SENT_BEFORE_JOINED(false),
        /** Only the room's owner or the administrator may do that. */
        NOT_MODERATOR(false),
        /** Only the administrator may do that. */
        ADMIN_ONLY(false),
        /**
         * A room's key ({@link Chat#registerRoom}) that is not the room's, or given for a room that has none; {@code
         * subject}: the room. Nothing was done: the member may join without a key.
         */
        WRONG_ROOM_KEY(false),
        /**
         * The room is registered, and only who holds its key (having shown it on joining, {@link Chat#claimRoom}) or
         * the administrator may register it anew or drop it; {@code subject}: the room.
         */
        NOT_KEY_HOLDER(false),
        /** The room is not registered: it has no key to drop; {@code subject}: the room. */
        NOT_REGISTERED(false),
        /** The lobby belongs to no one and cannot be registered; {@code subject}: the room. */
        LOBBY_UNOWNED(false),
        /** The server keeps its maximum of registered rooms; {@code capacity}: that maximum. */
        TOO_MANY_REGISTERED_ROOMS(false),
        /**
         * Members from this address's network registered their maximum of rooms ({@link
         * CoreConfig#MAX_REGISTERED_ROOMS_PER_NETWORK}), all still registered; {@code capacity}: that maximum.
         */
        TOO_MANY_REGISTERED_ROOMS_FROM_ADDRESS(false),
        /** A topic that is too long or holds control characters; {@code problem}: what is wrong. */
        INVALID_TOPIC(false),
        /** An away message that is too long or holds control characters; {@code problem}: what is wrong. */
        INVALID_AWAY(false),
        /** An empty chat line. */
        EMPTY_MESSAGE(false),
        /** A chat line or private message holding a NUL, which no protocol's line may carry. */
        INVALID_MESSAGE(false),
        /** Over the chat rate; {@code retryAfterSeconds}. */
        TOO_FAST(false),
        /** Past a burst's worth of refusals in a row: the member is dropped. */
        FLOODING(true),
        /** The member already left the chat (or was disconnected): nothing more may be done in its name. */
        GONE(true),
        /** The server is stopping; it closes every connection itself, after telling each member. */
        SHUTTING_DOWN(false),
        /**
         * A cluster node cannot reach the state it shares with the others (Redis is down): rooms are read-only
         * for now; {@code retryAfterSeconds}. Nothing was done: sending it again does it once.
         */
        UNAVAILABLE(false),
        /**
         * The member is connected to another cluster node, and that node has stopped answering (it missed its
         * heartbeats: it died, hangs, or cannot reach the shared state); {@code subject}: the name. Nothing was sent:
         * a private message or an invitation handed to it then could be lost with it.
         */
        UNREACHABLE(false),
        /**
         * A cluster node lost its link to the shared state while the change was on its way, and cannot tell yet
         * whether it was made: it may have been (a line may have been heard). Sending it again may do it twice.
         */
        IN_DOUBT(false);

        private final boolean endsSession;

        Reason(boolean endsSession) {
            this.endsSession = endsSession;
        }

        /** True when the member's connection must be closed after the refusal is told. */
        public boolean endsSession() {
            return endsSession;
        }
    }

    private final Reason reason;
    private final String subject;
    private final int members;
    private final int capacity;
    private final long retryAfterSeconds;
    private final TextProblem problem;
    /** For a {@link Reason#WRONG_ROOM_KEY}: false when the room has no key at all (it is not registered). */
    private final boolean roomRegistered;

    private Refusal(
            Reason reason,
            String subject,
            int members,
            int capacity,
            long retryAfterSeconds,
            TextProblem problem,
            boolean roomRegistered) {
        super(reason + (subject.isEmpty() ? "" : ": " + subject), null, false, false);
        this.reason = reason;
        this.subject = subject;
        this.members = members;
        this.capacity = capacity;
        this.retryAfterSeconds = retryAfterSeconds;
        this.problem = problem;
        this.roomRegistered = roomRegistered;
    }

    private Refusal(
            Reason reason, String subject, int members, int capacity, long retryAfterSeconds, TextProblem problem) {
        this(reason, subject, members, capacity, retryAfterSeconds, problem, true);
    }

    private Refusal(Reason reason, String subject, int members, int capacity, long retryAfterSeconds) {
        this(reason, subject, members, capacity, retryAfterSeconds, null);
    }

    public static Refusal of(Reason reason) {
        return new Refusal(reason, "", 0, 0, 0);
    }

    public static Refusal of(Reason reason, String subject) {
        return new Refusal(reason, subject, 0, 0, 0);
    }

    /**
     * A bad name ({@link Reason#INVALID_NAME}), room name ({@link Reason#INVALID_ROOM}) or topic
     * ({@link Reason#INVALID_TOPIC}); its subject is the problem in English.
     */
    public static Refusal invalid(Reason reason, TextProblem problem) {
        return new Refusal(reason, problem.english(), 0, 0, 0, problem);
    }

    /**
     * {@link Reason#WRONG_ROOM_KEY}: a key that does not open {@code room}; {@code registered} false when the room has
     * no key at all, so that the member is not told it may have been given a new one.
     */
    public static Refusal wrongRoomKey(String room, boolean registered) {
        return new Refusal(Reason.WRONG_ROOM_KEY, room, 0, 0, 0, null, registered);
    }

    public static Refusal full(String room, int members, int capacity) {
        return new Refusal(Reason.ROOM_FULL, room, members, capacity, 0);
    }

    /** A room's member limit of {@code asked}, out of 1 to {@code capacity} (the server's room capacity). */
    public static Refusal invalidLimit(int asked, int capacity) {
        return new Refusal(Reason.INVALID_LIMIT, String.valueOf(asked), 0, capacity, 0);
    }

    /** {@link Reason#BAN_TOO_WIDE}: {@code range}, wider than a ban may name; its prefix must be {@code minimum} or more. */
    public static Refusal banTooWide(String range, int minimum) {
        return new Refusal(Reason.BAN_TOO_WIDE, range, 0, minimum, 0);
    }

    public static Refusal limit(Reason reason, int maximum) {
        return new Refusal(reason, "", 0, maximum, 0);
    }

    /**
     * {@link Reason#BANNED} by {@code ban}: its reason the subject, and for a timed ban the seconds it still holds at
     * {@code now} as {@link #retryAfterSeconds} (0 for a permanent one).
     */
    public static Refusal banned(Ban ban, Instant now) {
        return new Refusal(
                Reason.BANNED,
                ban.reason(),
                0,
                0,
                ban.isPermanent() ? 0 : ban.left(now).toSeconds());
    }

    /**
     * {@link Reason#ROOM_BANNED} from {@code room} by {@code ban}: the room the subject, and for a timed ban the seconds
     * it still holds at {@code now}.
     */
    public static Refusal roomBanned(String room, Ban ban, Instant now) {
        return new Refusal(
                Reason.ROOM_BANNED,
                room,
                0,
                0,
                ban.isPermanent() ? 0 : ban.left(now).toSeconds());
    }

    public static Refusal retryAfter(Reason reason, long seconds) {
        return new Refusal(reason, "", 0, 0, seconds);
    }

    public Reason reason() {
        return reason;
    }

    /** For a {@link Reason#WRONG_ROOM_KEY}: whether the room has a key (is registered); true for any other reason. */
    public boolean roomRegistered() {
        return roomRegistered;
    }

    public String subject() {
        return subject;
    }

    public int members() {
        return members;
    }

    public int capacity() {
        return capacity;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What is wrong, for {@link Reason#INVALID_NAME}, {@link Reason#INVALID_ROOM} and {@link Reason#INVALID_TOPIC}. */
    public TextProblem problem() {
        return problem;
    }
}
