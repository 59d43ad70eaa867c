package openchat.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The core's limits and defaults, each in one place. The server's options set them; {@code ServerConfig}
 * holds one of these.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>roomCapacity</td><td>5</td><td>members of each room, the administrator included</td></tr>
 *   <tr><td>maxRooms</td><td>1000</td><td>rooms on the server at once ({@code lobby} included)</td></tr>
 *   <tr><td>maxRoomsPerMember</td><td>20</td><td>rooms one member may be in at once</td></tr>
 *   <tr><td>maxRoomsPerAddress</td><td>50</td><td>rooms that exist at once made by members from one IP address (an IPv6
 *       one by its /64, {@link AddressKey}; the administrator's aside): a few addresses cannot take every room the server may hold</td></tr>
 *   <tr><td>maxRoomsPerNetwork</td><td>100</td><td>the same, made from one IPv4 /24 or IPv6 /48
 *       ({@link AddressKey#network}): a hosting block's many addresses count as one network too</td></tr>
 *   <tr><td>presenceLimit</td><td>100</td><td>joins and leaves are announced at once up to this many members;
 *       in a fuller room a join is announced when the member first speaks (IRC's delayed join)</td></tr>
 *   <tr><td>historyOnJoin</td><td>50</td><td>messages replayed to a member joining a room</td></tr>
 *   <tr><td>maxNameLength</td><td>32 code points</td><td>a member's name</td></tr>
 *   <tr><td>floodControl</td><td>10 messages, then 5/s</td><td>per member ({@link FloodControl})</td></tr>
 *   <tr><td>adminMaxFailures</td><td>5 in 60 s</td><td>wrong administrator keys from one address (an IPv6
 *       /64) before a lockout</td></tr>
 *   <tr><td>adminLockout</td><td>60 s</td><td>how long that address is then refused</td></tr>
 * </table>
 * A history page holds at most {@link #MAX_HISTORY_PAGE} messages; the topics of the last {@link #EMPTIED_ROOM_TOPICS}
 * rooms that emptied are kept for when they are made again.
 */
public record CoreConfig(
        int roomCapacity,
        int maxRooms,
        int maxRoomsPerMember,
        int maxRoomsPerAddress,
        int maxRoomsPerNetwork,
        int presenceLimit,
        int historyOnJoin,
        int maxNameLength,
        FloodControl floodControl,
        int adminMaxFailures,
        Duration adminLockout) {

    public static final int DEFAULT_ROOM_CAPACITY = 5;
    public static final int DEFAULT_MAX_ROOMS = 1000;
    public static final int DEFAULT_MAX_ROOMS_PER_MEMBER = 20;
    /**
     * Rooms made from one address that exist at once: a twentieth of {@link #DEFAULT_MAX_ROOMS}, so that filling the
     * server takes twenty addresses, not the three a security trial needed (each connection may make rooms up to its
     * joins' allowance, twenty connections per address).
     */
    public static final int DEFAULT_MAX_ROOMS_PER_ADDRESS = 50;
    /**
     * Rooms made from one IPv4 /24 or IPv6 /48 that exist at once: a tenth of {@link #DEFAULT_MAX_ROOMS}, so that a
     * hosting block of many addresses takes no more than two addresses may, and filling the server takes ten networks.
     */
    public static final int DEFAULT_MAX_ROOMS_PER_NETWORK = 100;

    public static final int DEFAULT_PRESENCE_LIMIT = 100;
    public static final int DEFAULT_HISTORY_ON_JOIN = 50;
    public static final int DEFAULT_ADMIN_MAX_FAILURES = 5;
    public static final Duration DEFAULT_ADMIN_LOCKOUT = Duration.ofMinutes(1);
    /**
     * The rooms that emptied whose topics are kept for when they are made again ({@link HistoryStore#roomEmptied}):
     * the last this many, as many as {@link #DEFAULT_MAX_ROOMS}. Without a bound, making a room, setting its topic and
     * leaving, under ever new names, would fill the memory or the disk with topics.
     */
    public static final int EMPTIED_ROOM_TOPICS = 1_000;
    /** The most messages one history request (or a catch-up on join) returns. */
    public static final int MAX_HISTORY_PAGE = 500;
    /**
     * The widest address range a ban may name: an IPv4 /8, an IPv6 /32 (a provider's whole allocation). A wider one is
     * no ban of abusers but of a good part of the Internet, and is a slip ({@code 10.1.2.3/0} meant as {@code /32}, or
     * {@code 0.0.0.0/0}: trial 13 put out everyone connected with one), refused as {@code *@*} is.
     */
    public static final int MIN_BAN_PREFIX_IPV4 = 8;

    public static final int MIN_BAN_PREFIX_IPV6 = 32;

    /**
     * How far back a deletion of one name's messages reaches when it does not say: the last hour, the usual clean-up of
     * a flood or a troll's run, without reaching the same name's talk of days before (which may be someone else's).
     */
    public static final Duration DELETE_WITHIN = Duration.ofHours(1);
    /**
     * The most messages one deletion takes: the newest of those that fit, so that a moderator sees the flood on screen
     * go first; a longer one is deleted by asking again.
     */
    public static final int MAX_DELETED = 200;

    /** The most bans one room holds (IRC's {@code MAXLIST=b:100}); a ban past it is refused. */
    public static final int MAX_ROOM_BANS = 100;
    /**
     * The most rooms' bans the server holds in all: rooms empty and are made again while their bans stay, so that
     * without it a member could make room after room and fill memory and the database. Past it the oldest ban of an
     * emptied room makes way for a new one.
     */
    public static final int MAX_ROOM_BANS_IN_ALL = 10_000;
    /**
     * The most registered rooms ({@link Chat#registerRoom}) the server keeps: a registration outlives its room, so that
     * without it a member could make and register room after room and fill the database. Past it a registration is
     * refused until the administrator drops some.
     */
    public static final int MAX_REGISTERED_ROOMS = 10_000;
    /**
     * The most registered rooms ({@link Chat#registerRoom}) whose registration was made (or last given a new key) from
     * one network, an IPv4 /24 or an IPv6 /48 ({@link AddressKey#network}), as ergo caps the channels one account may
     * register: without it one address could fill {@link #MAX_REGISTERED_ROOMS} by making, registering and leaving rooms,
     * and then no one could register one. The administrator's registrations count against no network.
     */
    public static final int MAX_REGISTERED_ROOMS_PER_NETWORK = 50;
    /**
     * How long a registration ({@link Chat#registerRoom}) lasts unused: one whose key no one showed for this long (to
     * join, or to take the room back), and whose room no one was in for this long, lapses, as Atheme's and Anope's
     * channel registrations expire unused; its room becomes an ordinary room, and its place counts against no network
     * any more. Without it every registration would hold its place in {@link #MAX_REGISTERED_ROOMS} and {@link
     * #MAX_REGISTERED_ROOMS_PER_NETWORK} for ever, and a network's members who left would keep its newcomers from
     * registering. A room with members is never lapsed: each sweep counts it as used then, so that a registration
     * lapses only after this long of its room empty and its key unused.
     */
    public static final Duration REGISTRATION_LAPSE = Duration.ofDays(90);
    /**
     * How often the server looks for registrations that lapsed ({@link #REGISTRATION_LAPSE}), the first time this long
     * after it starts: a server that was down gives the owners of its registrations that long to come back.
     */
    public static final Duration REGISTRATION_LAPSE_SWEEP = Duration.ofHours(1);

    public static final CoreConfig DEFAULT = new CoreConfig(
            DEFAULT_ROOM_CAPACITY,
            DEFAULT_MAX_ROOMS,
            DEFAULT_MAX_ROOMS_PER_MEMBER,
            DEFAULT_MAX_ROOMS_PER_ADDRESS,
            DEFAULT_MAX_ROOMS_PER_NETWORK,
            DEFAULT_PRESENCE_LIMIT,
            DEFAULT_HISTORY_ON_JOIN,
            Names.DEFAULT_MAX_LENGTH,
            FloodControl.DEFAULT,
            DEFAULT_ADMIN_MAX_FAILURES,
            DEFAULT_ADMIN_LOCKOUT);

    public CoreConfig {
        Objects.requireNonNull(floodControl, "floodControl");
        Objects.requireNonNull(adminLockout, "adminLockout");
        if (roomCapacity < 1) {
            throw new ConfigProblem(
                    "room capacity (--max-users) must be at least 1: " + roomCapacity,
                    "refusal.maxUsers",
                    roomCapacity);
        }
        if (maxRooms < 1) {
            throw new ConfigProblem("--max-rooms must be at least 1: " + maxRooms, "refusal.maxRooms", maxRooms);
        }
        if (maxRoomsPerAddress < 1) {
            throw new IllegalArgumentException("rooms per address must be at least 1: " + maxRoomsPerAddress);
        }
        if (maxRoomsPerNetwork < 1) {
            throw new IllegalArgumentException("rooms per network must be at least 1: " + maxRoomsPerNetwork);
        }
        if (maxRoomsPerMember < 1) {
            throw new IllegalArgumentException("rooms per member must be at least 1: " + maxRoomsPerMember);
        }
        if (presenceLimit < 0) {
            throw new ConfigProblem(
                    "--presence-limit must not be negative: " + presenceLimit, "refusal.presenceLimit", presenceLimit);
        }
        if (historyOnJoin < 0 || historyOnJoin > MAX_HISTORY_PAGE) {
            throw new ConfigProblem(
                    "--history-on-join must be 0-" + MAX_HISTORY_PAGE + ": " + historyOnJoin,
                    "refusal.historyOnJoin",
                    MAX_HISTORY_PAGE,
                    historyOnJoin);
        }
        if (maxNameLength < 1) {
            throw new IllegalArgumentException("maxNameLength must be at least 1: " + maxNameLength);
        }
        if (adminMaxFailures < 1 || adminLockout.isNegative()) {
            throw new IllegalArgumentException("adminMaxFailures must be at least 1 and adminLockout not negative");
        }
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    /** Starts from a config's values; {@link #build} checks every value. */
    public static final class Builder {
        private int roomCapacity;
        private int maxRooms;
        private int maxRoomsPerMember;
        private int maxRoomsPerAddress;
        private int maxRoomsPerNetwork;
        private int presenceLimit;
        private int historyOnJoin;
        private int maxNameLength;
        private FloodControl floodControl;
        private int adminMaxFailures;
        private Duration adminLockout;

        private Builder(CoreConfig from) {
            roomCapacity = from.roomCapacity;
            maxRooms = from.maxRooms;
            maxRoomsPerMember = from.maxRoomsPerMember;
            maxRoomsPerAddress = from.maxRoomsPerAddress;
            maxRoomsPerNetwork = from.maxRoomsPerNetwork;
            presenceLimit = from.presenceLimit;
            historyOnJoin = from.historyOnJoin;
            maxNameLength = from.maxNameLength;
            floodControl = from.floodControl;
            adminMaxFailures = from.adminMaxFailures;
            adminLockout = from.adminLockout;
        }

        public Builder roomCapacity(int value) {
            roomCapacity = value;
            return this;
        }

        public Builder maxRooms(int value) {
            maxRooms = value;
            return this;
        }

        public Builder maxRoomsPerMember(int value) {
            maxRoomsPerMember = value;
            return this;
        }

        public Builder maxRoomsPerAddress(int value) {
            maxRoomsPerAddress = value;
            return this;
        }

        public Builder maxRoomsPerNetwork(int value) {
            maxRoomsPerNetwork = value;
            return this;
        }

        public Builder presenceLimit(int value) {
            presenceLimit = value;
            return this;
        }

        public Builder historyOnJoin(int value) {
            historyOnJoin = value;
            return this;
        }

        public Builder maxNameLength(int value) {
            maxNameLength = value;
            return this;
        }

        public Builder floodControl(FloodControl value) {
            floodControl = value;
            return this;
        }

        /** {@code failures} wrong keys within {@code lockout} lock the address out for {@code lockout}. */
        public Builder adminLockout(int failures, Duration lockout) {
            adminMaxFailures = failures;
            adminLockout = lockout;
            return this;
        }

        public CoreConfig build() {
            return new CoreConfig(
                    roomCapacity,
                    maxRooms,
                    maxRoomsPerMember,
                    maxRoomsPerAddress,
                    maxRoomsPerNetwork,
                    presenceLimit,
                    historyOnJoin,
                    maxNameLength,
                    floodControl,
                    adminMaxFailures,
                    adminLockout);
        }
    }
}
