package openchat.cluster;

import openchat.core.AddressKey;

/**
 * Every Redis key cluster mode uses, in one place (docs/CLUSTER.md lists them). Room and name keys are the core's
 * keys ({@code RoomNames.key}, {@code Names.key}); a node is its node id.
 */
final class RedisKeys {
    /** A random value set by the first node: when it changes or vanishes, the store lost its data. */
    static final String EPOCH = "oc:epoch";
    /** The nodes that joined and were not yet declared dead. */
    static final String NODES = "oc:nodes";
    /** The rooms that exist now (lobby always). */
    static final String ROOMS = "oc:rooms";
    /** Cluster-wide orders and news: the administrator's stop, bans made and lifted. */
    static final String CLUSTER = "oc:cluster";
    /**
     * Names taken and freed, on any node ({@code t} {@code on} or {@code off}, {@code n} the name), the last ~1,000:
     * what every node tells its IRC clients' MONITOR lists (presence.lua).
     */
    static final String PRESENCE = "oc:presence";
    /** The bans every node keeps: kind and key ({@code name:troll}, {@code address:10.0.0.0/8}) to the ban. */
    static final String BANS = "oc:bans";

    /**
     * Every room's bans, a sorted set of {@code ROOMKEY\nSLOT} by when each was made (epoch ms): for the cap on all
     * rooms' bans ({@code CoreConfig.MAX_ROOM_BANS_IN_ALL}), which pushes out the oldest ban of a room that no longer
     * exists.
     */
    static final String ROOM_BANS = "oc:room-bans";

    /**
     * Who holds each look ({@code Names.skeleton}): look to the key of the name holding it, claimed and freed with the
     * name (looks.lua), so that no two members' names look alike on any node.
     */
    static final String LOOKS = "oc:looks";

    /** The look of each name held: name key to look, for whatever frees a name to free its look (looks.lua). */
    static final String LOOKS_BY_NAME = "oc:looks-by-name";

    /**
     * The registered rooms' keys ({@code Chat.registerRoom}): room key to {@code HASH\tBY\tAT}, the key's hash
     * ({@code RoomKey.hash}), who registered the room and when (epoch ms). Kept apart from the rooms' hashes, so that a
     * registration outlives the room's emptying; its length is what {@code CoreConfig.MAX_REGISTERED_ROOMS} caps.
     */
    static final String ROOM_KEYS = "oc:room-keys";

    /**
     * When each registered room's key last opened it (a join or a claim with it): room key to epoch ms, absent for not
     * since it was given; read with {@link #ROOM_KEYS} for a registration's lapse ({@code CoreConfig.REGISTRATION_LAPSE},
     * room-lapse.lua). Apart from it, so that the registration scripts' values stay as they are.
     */
    static final String ROOM_KEYS_USED = "oc:room-keys-used";

    static final String ROOM_PREFIX = "oc:room:";
    static final String NODE_PREFIX = "oc:node:";
    static final String NAME_PREFIX = "oc:name:";
    static final String EVENTS_SUFFIX = ":events";

    private RedisKeys() {}

    /**
     * The rooms that emptied whose topics are kept, by when they emptied (a sorted set): past the last {@code
     * CoreConfig.EMPTIED_ROOM_TOPICS}, the topic of the one that emptied longest ago is deleted from its hash.
     */
    static final String EMPTIED_TOPICS = "oc:emptied-topics";

    static final String MADE_PREFIX = "oc:made:";

    /**
     * The rooms that exist made from one address or one network ({@link AddressKey}: {@code
     * oc:made:192.0.2.7}, {@code oc:made:192.0.2.0/24}, {@code oc:made:2001:db8:0:0:0:0:0:0/48}), for the caps on rooms
     * made; a room's hash names the two it is in ({@code madeFrom}, {@code madeIn}).
     */
    static String made(AddressKey from) {
        return MADE_PREFIX + from;
    }

    /**
     * A room's hash: name, owner, ownerName, ownerKeyed (1 while its owner holds the room's key), topic, seq, joins,
     * its member limit (absent: the server's capacity), and the sets of rooms made it counts in.
     */
    static String room(String roomKey) {
        return ROOM_PREFIX + roomKey;
    }

    /** A room's members on every node: name key to node, join order, role, announced, name. */
    static String members(String roomKey) {
        return ROOM_PREFIX + roomKey + ":members";
    }

    /** A room's events stream, entry ids {@code seq-0}: what every node delivers. */
    static String events(String roomKey) {
        return ROOM_PREFIX + roomKey + EVENTS_SUFFIX;
    }

    /**
     * A room's bans (room-banned.lua): a ban's slot to {@code EXPIRES\tADDRESS\tBAN}. Kept when the room empties, as a
     * single server keeps them.
     */
    static String roomBans(String roomKey) {
        return ROOM_PREFIX + roomKey + ":bans";
    }

    /** The address key each member of a room joined from, by name key, while it is in (join.lua). */
    static String addresses(String roomKey) {
        return ROOM_PREFIX + roomKey + ":from";
    }

    /** A room's history stream (chat lines only), entry ids {@code seq-0}. */
    static String history(String roomKey) {
        return ROOM_PREFIX + roomKey + ":history";
    }

    /** The room key of an events stream's key. */
    static String roomOfEvents(String eventsKey) {
        return eventsKey.substring(ROOM_PREFIX.length(), eventsKey.length() - EVENTS_SUFFIX.length());
    }

    /** Who holds a name: node, tab, the name as written. */
    static String name(String nameKey) {
        return NAME_PREFIX + nameKey;
    }

    /** Set while the node is alive (a TTL its heartbeat renews). */
    static String alive(String node) {
        return NODE_PREFIX + node + ":alive";
    }

    /** The node's members' seats: room key, newline, name key. */
    static String seats(String node) {
        return NODE_PREFIX + node + ":seats";
    }

    /** The names the node's members hold. */
    static String names(String node) {
        return NODE_PREFIX + node + ":names";
    }

    /**
     * The answers of the node's writes by operation id, kept until the node knows no copy of a write can still
     * arrive ({@link Fence}).
     */
    static String ops(String node) {
        return NODE_PREFIX + node + ":ops";
    }

    /** The entries a node's inbox keeps, about: the scripts that write to inboxes trim them so (InboxLengthTest). */
    static final int INBOX_KEPT = 10_000;

    /** Private messages (and wake-ups) for the node. */
    static String inbox(String node) {
        return NODE_PREFIX + node + ":inbox";
    }

    /**
     * The id of the last inbox entry the node has read, as of its last heartbeat: what is after it when the node dies
     * may not have reached its members, and is handed back to the senders ({@link Seats#takeAll}).
     */
    static String inboxRead(String node) {
        return NODE_PREFIX + node + ":read";
    }
}
