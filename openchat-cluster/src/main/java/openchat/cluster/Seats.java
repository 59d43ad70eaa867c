package openchat.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import openchat.core.LeaveReason;
import openchat.core.RoomNames;

/**
 * Giving back what a node's members hold in Redis: a seat in a room (announcing the leave), a name; and all of a
 * node's at once, when it stops or is declared dead. Each call is one script, safe to repeat.
 */
final class Seats {
    private static final Script LEAVE = Script.load("leave");
    private static final Script RELEASE = Script.load("release");
    private static final String LOBBY_KEY = RoomNames.key(RoomNames.LOBBY);

    private final RedisCommands<String, String> redis;
    private final int eventsKept;

    Seats(RedisCommands<String, String> redis, int eventsKept) {
        this.redis = redis;
        this.eventsKept = eventsKept;
    }

    /** Takes {@code node}'s member's seat in the room, if it still holds it; announces the leave unless quiet. */
    void leave(
            String node,
            String roomKey,
            String nameKey,
            LeaveReason reason,
            String detail,
            boolean quiet,
            long atMillis) {
        LEAVE.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {
                    RedisKeys.room(roomKey),
                    RedisKeys.members(roomKey),
                    RedisKeys.ROOMS,
                    RedisKeys.events(roomKey),
                    RedisKeys.seats(node)
                },
                roomKey,
                nameKey,
                reason.wireName(),
                detail,
                quiet ? "1" : "0",
                String.valueOf(atMillis),
                String.valueOf(eventsKept),
                roomKey.equals(LOBBY_KEY) ? "1" : "0",
                node);
    }

    /** Frees a name, if {@code node} still holds it. */
    void release(String node, String nameKey) {
        RELEASE.run(
                redis,
                ScriptOutputType.INTEGER,
                new String[] {RedisKeys.name(nameKey), RedisKeys.names(node)},
                node,
                nameKey);
    }

    /** Takes every seat and name {@code node} holds; its members' leaves are announced as disconnects. */
    void takeAll(String node, String detail, long atMillis) {
        for (String seat : redis.smembers(RedisKeys.seats(node))) {
            int split = seat.indexOf('\n');
            leave(
                    node,
                    seat.substring(0, split),
                    seat.substring(split + 1),
                    LeaveReason.DISCONNECTED,
                    detail,
                    false,
                    atMillis);
        }
        for (String nameKey : redis.smembers(RedisKeys.names(node))) {
            release(node, nameKey);
        }
        redis.del(RedisKeys.seats(node), RedisKeys.names(node), RedisKeys.inbox(node));
    }
}
