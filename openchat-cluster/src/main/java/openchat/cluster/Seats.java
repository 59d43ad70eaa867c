package openchat.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import openchat.core.CoreConfig;
import openchat.core.LeaveReason;
import openchat.core.Names;
import openchat.core.RoomNames;

/**
 * Giving back what a node's members hold in Redis: a seat in a room (announcing the leave), a name; and all of a
 * node's at once, when it stops or is declared dead. Each call is one script, safe to repeat. The node's own
 * members' seats and names are given back through the {@link Fence} ({@link #leaveOwn}, {@link #releaseOwn}), so
 * that a give-back sent again after it met a stalled or lost link is carried out once.
 */
final class Seats {
    private static final Script LEAVE = Script.load("leave");
    private static final Script RELEASE = Script.load("release");
    private static final Script LEAVE_FENCED = Script.fenced("leave");
    private static final Script RELEASE_FENCED = Script.fenced("release");
    private static final Script UNDELIVERED = Script.load("undelivered");

    private static final String LOBBY_KEY = RoomNames.key(RoomNames.LOBBY);

    private final RedisCommands<String, String> redis;
    private final Fence fence;
    private final int eventsKept;
    private final Duration unreadWindow;

    /**
     * {@code unreadWindow}: how far back a dead node's inbox is handed back when the node recorded no read (it died
     * before its first heartbeat, or ran a version that did not record it): its messages of the last while only,
     * not every one its inbox still keeps.
     */
    Seats(RedisCommands<String, String> redis, Fence fence, int eventsKept, Duration unreadWindow) {
        this.redis = redis;
        this.fence = fence;
        this.eventsKept = eventsKept;
        this.unreadWindow = unreadWindow;
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
                leaveKeys(node, roomKey),
                leaveArgs(node, roomKey, nameKey, reason, detail, quiet, atMillis));
    }

    /**
     * {@link #leave} for a member of this node, as the operation {@code op}: run again with the same {@code op} until
     * Redis answers (a debt's retry), it is carried out once. Throws a {@code RedisException} while it is not done.
     */
    void leaveOwn(
            String op,
            String node,
            String roomKey,
            String nameKey,
            LeaveReason reason,
            String detail,
            boolean quiet,
            long atMillis) {
        fence.owed(fence.send(
                LEAVE_FENCED,
                ScriptOutputType.INTEGER,
                leaveKeys(node, roomKey),
                leaveArgs(node, roomKey, nameKey, reason, detail, quiet, atMillis),
                op,
                true,
                null));
    }

    private static String[] leaveKeys(String node, String roomKey) {
        return new String[] {
            RedisKeys.room(roomKey),
            RedisKeys.members(roomKey),
            RedisKeys.ROOMS,
            RedisKeys.events(roomKey),
            RedisKeys.seats(node)
        };
    }

    private String[] leaveArgs(
            String node,
            String roomKey,
            String nameKey,
            LeaveReason reason,
            String detail,
            boolean quiet,
            long atMillis) {
        return new String[] {
            roomKey,
            nameKey,
            reason.wireName(),
            detail,
            quiet ? "1" : "0",
            String.valueOf(atMillis),
            String.valueOf(eventsKept),
            roomKey.equals(LOBBY_KEY) ? "1" : "0",
            node,
            RedisKeys.ROOM_PREFIX,
            RedisKeys.EMPTIED_TOPICS,
            String.valueOf(CoreConfig.EMPTIED_ROOM_TOPICS),
            Objects.requireNonNullElse(reason.impliedBy(), "") // a KILL's rooms are told who made it
        };
    }

    /** Frees a name and its look, if {@code node} still holds the name. */
    void release(String node, String nameKey) {
        RELEASE.run(redis, ScriptOutputType.INTEGER, releaseKeys(node, nameKey), node, nameKey);
    }

    private static String[] releaseKeys(String node, String nameKey) {
        return new String[] {
            RedisKeys.name(nameKey), RedisKeys.names(node), RedisKeys.LOOKS, RedisKeys.LOOKS_BY_NAME, RedisKeys.PRESENCE
        };
    }

    /**
     * {@link #leave} as a disconnect and {@link #release} of the name in one script: whoever reads the leave finds the
     * name free.
     */
    void leaveAndRelease(String node, String roomKey, String nameKey, String detail, long atMillis) {
        String[] keys = Arrays.copyOf(leaveKeys(node, roomKey), 10);
        System.arraycopy(releaseKeys(node, nameKey), 0, keys, 5, 5);
        LEAVE.run(
                redis,
                ScriptOutputType.INTEGER,
                keys,
                leaveArgs(node, roomKey, nameKey, LeaveReason.DISCONNECTED, detail, false, atMillis));
    }

    /** {@link #release} for a member of this node, as the operation {@code op} (see {@link #leaveOwn}). */
    void releaseOwn(String op, String node, String nameKey) {
        fence.owed(fence.send(
                RELEASE_FENCED,
                ScriptOutputType.INTEGER,
                releaseKeys(node, nameKey),
                new String[] {node, nameKey},
                op,
                true,
                null));
    }

    /**
     * Takes every seat and the name of the member {@code nameKey} of this node, its leaves announced as disconnects:
     * for a member the store holds otherwise than the node does. Repeatable until it is answered (a debt).
     */
    void takeMember(String op, String node, String nameKey, String detail, long atMillis) {
        for (String seat : redis.smembers(RedisKeys.seats(node))) {
            int split = seat.indexOf('\n');
            if (seat.substring(split + 1).equals(nameKey)) {
                leave(node, seat.substring(0, split), nameKey, LeaveReason.DISCONNECTED, detail, false, atMillis);
            }
        }
        releaseOwn(op, node, nameKey);
    }

    /**
     * Takes every seat and name {@code node} holds; its members' leaves are announced as disconnects. Each member's
     * last leave frees its name in the same script: a member of another node who reads that the member left, and
     * connects with its name at once (a person whose node died, reconnecting), finds the name free.
     */
    void takeAll(String node, String detail, long atMillis) {
        Map<String, List<String>> roomsByMember = new LinkedHashMap<>();
        for (String seat : redis.smembers(RedisKeys.seats(node))) {
            int split = seat.indexOf('\n');
            roomsByMember
                    .computeIfAbsent(seat.substring(split + 1), member -> new ArrayList<>())
                    .add(seat.substring(0, split));
        }
        roomsByMember.forEach((nameKey, rooms) -> {
            for (String roomKey : rooms.subList(0, rooms.size() - 1)) {
                leave(node, roomKey, nameKey, LeaveReason.DISCONNECTED, detail, false, atMillis);
            }
            leaveAndRelease(node, rooms.get(rooms.size() - 1), nameKey, detail, atMillis);
        });
        for (String nameKey : redis.smembers(RedisKeys.names(node))) {
            release(node, nameKey); // a member in no room
        }
        handBackUnread(node);
        redis.del(RedisKeys.seats(node), RedisKeys.names(node), RedisKeys.ops(node));
    }

    /**
     * Empties the node's inbox, handing each private message and invitation it had not read as of its last heartbeat
     * back to the node of its sender (an entry {@code t=U}, the original's fields with {@code w} its kind and
     * {@code k} the sender's key), which tells the sender it may not have arrived. A sender gone since is told
     * nothing. After the node's own names are freed, so that none of its members counts as a sender to tell.
     */
    private void handBackUnread(String node) {
        List<Object> unread = UNDELIVERED.run(
                redis,
                ScriptOutputType.MULTI,
                new String[] {RedisKeys.inbox(node), RedisKeys.inboxRead(node)},
                String.valueOf(unreadWindow.toMillis()));
        for (Object entry : unread) {
            Map<String, String> body = new LinkedHashMap<>();
            List<?> fields = (List<?>) entry;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                body.put(String.valueOf(fields.get(i)), String.valueOf(fields.get(i + 1)));
            }
            String senderKey = Names.key(body.getOrDefault("f", ""));
            String holder = redis.get(RedisKeys.name(senderKey));
            if (holder == null || holder.indexOf('\t') < 0) {
                continue;
            }
            body.put("w", body.get("t"));
            body.put("t", "U");
            body.put("k", senderKey);
            redis.xadd(
                    RedisKeys.inbox(holder.substring(0, holder.indexOf('\t'))),
                    XAddArgs.Builder.maxlen(RedisKeys.INBOX_KEPT).approximateTrimming(),
                    body);
        }
    }
}
