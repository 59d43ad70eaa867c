package openchat.protocol;

/** The header fields OCP/1.0 defines. Names compare case-insensitively on the wire. */
public final class HeaderNames {
    public static final String ADMIN_KEY = "Admin-Key";
    public static final String AFTER = "After";
    /** On the answer to PRIVATE: the recipient's away message, when it is away. */
    public static final String AWAY = "Away";

    public static final String BEFORE = "Before";
    public static final String BY = "By";
    public static final String CLEAR = "Clear";
    public static final String COUNT = "Count";
    public static final String HISTORY = "History";
    public static final String HISTORY_AFTER = "History-After";
    public static final String LIMIT = "Limit";
    public static final String ROOM = "Room";
    public static final String ROOM_ROLE = "Room-Role";
    /**
     * A registered room's key (REGISTER's answer); on CONNECT, JOIN and CLAIM, the key shown, which makes the member the
     * room's owner.
     */
    public static final String ROOM_KEY = "Room-Key";

    public static final String ROOMS = "Rooms";
    /**
     * REGISTRATIONS' answer to a member who is not the administrator: its network (an IPv4 /24 or IPv6 /48), whose
     * registrations it lists; empty when its address is unknown.
     */
    public static final String NETWORK = "Network";
    /** JOIN's and CONNECT's answers: {@code true} when the room is registered (it has a key). */
    public static final String REGISTERED = "Registered";
    /** REGISTER's answer and event: {@code true} when the new key replaced one, which opens nothing any more. */
    public static final String REPLACED = "Replaced";

    public static final String TO = "To";
    public static final String TOPIC = "Topic";
    /** A room's owner (JOIN's and CONNECT's answers), and on a LEFT the member its ownership passed to. */
    public static final String OWNER = "Owner";
    /** On the OWNER event: the owner the room's key holder took the room from, who stays as a member. */
    public static final String PREVIOUS = "Previous";

    public static final String CAPACITY = "Capacity";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String DATE = "Date";
    public static final String FROM = "From";
    public static final String MEMBERS = "Members";
    public static final String NAME = "Name";
    /** On the RENAMED event: the name the member named in {@code Name} now has. */
    public static final String NEW_NAME = "New-Name";

    /** BAN and UNBAN: the name, address or network; BAN's answer: the ban as kept. */
    public static final String TARGET = "Target";
    /** How far back, in whole seconds, a DELETE by {@code Name} reaches. */
    public static final String WITHIN = "Within";
    /** BAN's answer: {@code name} or {@code address}. */
    public static final String KIND = "Kind";
    /** BAN's answer: how many connected members the ban put out. */
    public static final String DISCONNECTED = "Disconnected";
    /** BAN's answer for a connected member's name: the address it connected from. */
    public static final String ADDRESS = "Address";
    /** BAN: how long the ban lasts, in whole seconds (absent: until it is lifted). */
    public static final String DURATION = "Duration";
    /** BAN's answer and the BANNED event, for a timed ban: when it lapses (a {@code Date}). */
    public static final String EXPIRES = "Expires";
    /** BANS's answer: how many bans there are. */
    public static final String BANS = "Bans";

    /**
     * A refused request's answer: which of the server's refusals it is ({@code name-taken}, {@code banned}...), for
     * a program; the body says it for a person.
     */
    public static final String ERROR_CODE = "Error-Code";

    /**
     * CONNECT: the language the client would read the answers' sentences in ({@code en}, {@code ko}); the server
     * answers this connection in it when it speaks it.
     */
    public static final String ACCEPT_LANGUAGE = "Accept-Language";

    public static final String QUIET = "Quiet";
    public static final String REASON = "Reason";
    public static final String REQUEST_ID = "Request-Id";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String ROLE = "Role";
    public static final String SEQ = "Seq";
    /** The Seqs of a deletion's messages, ascending, separated by commas: {@code 12,13,40}. */
    public static final String SEQS = "Seqs";
    /**
     * In a DELETE's answer: how many more messages fitted but were sent before the deleter joined, which an owner by
     * presence may not delete.
     */
    public static final String PASSED_OVER = "Passed-Over";

    /** The one Content-Type a SEND carries and a MESSAGE event repeats. */
    public static final String TEXT_UTF8 = "text/plain; charset=utf-8";
    /** The Content-Type of LIST and WHO answers: a header row, then one row per room or member. */
    public static final String TSV_UTF8 = "text/tab-separated-values; charset=utf-8";

    private HeaderNames() {}
}
