package openchat.protocol;

/** Method names of OCP/1.0: client requests, then server events. */
public final class Methods {
    // Client to server.
    public static final String CONNECT = "CONNECT";
    public static final String SEND = "SEND";
    public static final String LEAVE = "LEAVE";
    public static final String KICK = "KICK";
    public static final String SHUTDOWN = "SHUTDOWN";
    public static final String JOIN = "JOIN";
    public static final String PART = "PART";
    public static final String LIST = "LIST";
    public static final String WHO = "WHO";
    public static final String HISTORY = "HISTORY";
    /** A private message: a request with {@code To}, and the event the recipient gets with {@code From}. */
    public static final String PRIVATE = "PRIVATE";
    /**
     * An invitation into a room: a request with {@code Name} (who is invited), and the event the invited member gets
     * with {@code From}.
     */
    public static final String INVITE = "INVITE";
    /** TOPIC reads or sets a room's topic; the event tells the room it was set. */
    public static final String TOPIC = "TOPIC";
    /**
     * LIMIT sets a room's member limit ({@code Limit}) or gives it back the server's ({@code Clear: true}): its owner's
     * or the administrator's; the event tells the room's other members ({@code By}, {@code Capacity}).
     */
    public static final String LIMIT = "LIMIT";
    /**
     * DELETE takes messages out of a room's history ({@code Seq}: one message; or {@code Name}, with {@code Within}
     * seconds: that name's recent ones): its owner's or the administrator's. As the event DELETED, it tells the room's
     * other members which ({@code Seqs}), so that a client showing them can take them away.
     */
    public static final String DELETE = "DELETE";

    public static final String DELETED = "DELETED";
    /**
     * AWAY sets the sender's away message (an empty body: back); the event tells the members sharing a room with it.
     */
    public static final String AWAY = "AWAY";
    /** RENAME takes a new name ({@code Name}) for the sender; the members sharing a room with it get RENAMED. */
    public static final String RENAME = "RENAME";
    /**
     * BAN keeps a name or an address ({@code Target}) out of the server, UNBAN lifts it, BANS lists them: the
     * administrator's. A banned member gets BANNED, then the server closes its connection.
     */
    public static final String BAN = "BAN";

    /**
     * KILL disconnects the member named {@code Name} from the server without banning it (IRC's KILL): the
     * administrator's. The member gets KILLED, then the server closes its connection; it may connect again at once.
     */
    public static final String KILL = "KILL";

    public static final String UNBAN = "UNBAN";
    public static final String BANS = "BANS";
    /**
     * The administrator's announcement to every member connected (on a cluster, to every node): the text as the body,
     * as SEND carries a line. Every member, the administrator included, gets it as a NOTICE event with {@code From}.
     */
    public static final String ANNOUNCE = "ANNOUNCE";
    /**
     * REGISTER gives a room a key that makes whoever shows it the room's owner ({@code Room-Key} in the answer, once,
     * and {@code Replaced: true} when it replaced one); UNREGISTER drops it; CLAIM shows it ({@code Room-Key}) from
     * inside the room. The owner who holds the key's, or the administrator's. As events, REGISTER and UNREGISTER tell
     * the room's other members ({@code By}; {@code Replaced: true} for a new key). REGISTRATIONS lists the registered
     * rooms: the administrator's.
     */
    public static final String REGISTER = "REGISTER";

    public static final String UNREGISTER = "UNREGISTER";
    public static final String CLAIM = "CLAIM";
    public static final String REGISTRATIONS = "REGISTRATIONS";
    /** Either side may send PING; the other answers 200. */
    public static final String PING = "PING";

    // Server to client.
    public static final String MESSAGE = "MESSAGE";
    public static final String JOINED = "JOINED";
    public static final String LEFT = "LEFT";
    /**
     * A room's ownership passed to {@code Name} without a LEFT to say it (its owner left quietly, or a member joined a
     * room that held only the administrator; or the holder of the room's key took it from {@code Previous}); a LEFT
     * that passes it carries {@code Owner} instead.
     */
    public static final String OWNER = "OWNER";
    /** A member took a new name: {@code Name} the old one, {@code New-Name} the new. */
    public static final String RENAMED = "RENAMED";
    /** The member it is sent to is banned ({@code By}, {@code Date}, the reason as the body); the server then closes. */
    public static final String BANNED = "BANNED";
    /**
     * The member it is sent to is disconnected by the administrator ({@code By}, {@code Date}, the reason as the body),
     * not banned; the server then closes.
     */
    public static final String KILLED = "KILLED";
    /**
     * A notice to every member connected to the server: the server's own (a cluster node's rooms read-only, then
     * back), or with {@code From} the administrator's announcement ({@link #ANNOUNCE}).
     */
    public static final String NOTICE = "NOTICE";
    // SHUTDOWN is also the event the server sends every member before it stops; PRIVATE, INVITE, TOPIC and AWAY are
    // events too.

    private Methods() {}
}
