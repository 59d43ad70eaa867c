package openchat.core;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Every room's bans (IRC's {@code +b} lists), by room key: read on every join and on every line to a room that has
 * bans, changed by a room's owner or the administrator, kept in the {@link BanStore} as they change. They are the
 * core's, not a {@link Room}'s, so that they outlive the room emptying. A timed ban that has lapsed is dropped (from
 * the store too) the next time its room's bans are read.
 */
final class RoomBans {
    private final BanStore store;
    private final Clock clock;
    /** Each room's bans, by {@link Ban#slot}, in the order made, with their matchers; each map guarded by itself. */
    private final Map<String, Map<String, Held>> byRoom = new ConcurrentHashMap<>();
    /** Read without a lock on every join and line: whether any room has a ban (most servers have none). */
    private volatile boolean any;

    /** A ban and its matcher, made once. */
    private record Held(RoomBan ban, BiPredicate<String, InetAddress> matcher) {}

    RoomBans(BanStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        for (RoomBan ban : store.loadRoomBans()) {
            put(ban);
        }
    }

    /** The ban of room {@code roomKey} that keeps out {@code nameKey} connected from {@code origin}, if any. */
    Optional<RoomBan> matching(String roomKey, String nameKey, InetAddress origin) {
        if (!any) {
            return Optional.empty();
        }
        Map<String, Held> bans = byRoom.get(roomKey);
        if (bans == null) {
            return Optional.empty();
        }
        synchronized (bans) {
            dropLapsed(bans);
            return bans.values().stream()
                    .filter(held -> held.matcher().test(nameKey, origin))
                    .map(Held::ban)
                    .findFirst();
        }
    }

    /**
     * Adds (or replaces, with a new reason, end and address) a ban; the store keeps it first. Refuses a new one past
     * {@code max} bans in its room ({@link Refusal.Reason#TOO_MANY_ROOM_BANS}).
     */
    void add(RoomBan ban, int max) {
        Map<String, Held> bans = byRoom.computeIfAbsent(ban.room(), room -> new LinkedHashMap<>());
        synchronized (bans) {
            dropLapsed(bans);
            if (!bans.containsKey(ban.ban().slot()) && bans.size() >= max) {
                throw Refusal.limit(Refusal.Reason.TOO_MANY_ROOM_BANS, max);
            }
            store.putRoomBan(ban);
            bans.remove(ban.ban().slot()); // a ban made again is the newest, as the store keeps it
            bans.put(ban.ban().slot(), new Held(ban, ban.matcher()));
            any = true;
        }
    }

    /** Holds a ban read from the store. */
    private void put(RoomBan ban) {
        byRoom.computeIfAbsent(ban.room(), room -> new LinkedHashMap<>())
                .put(ban.ban().slot(), new Held(ban, ban.matcher()));
        any = true;
    }

    /** Lifts the ban of {@code target} (as a ban of it would be written) in room {@code roomKey}; empty if none. */
    Optional<RoomBan> remove(String roomKey, String target) {
        Map<String, Held> bans = byRoom.get(roomKey);
        if (bans == null) {
            return Optional.empty();
        }
        synchronized (bans) {
            dropLapsed(bans);
            Held held = bans.remove(Ban.slotOf(target));
            if (held == null) {
                return Optional.empty();
            }
            store.removeRoomBan(held.ban());
            return Optional.of(held.ban());
        }
    }

    /** The bans of room {@code roomKey} that hold, oldest first. */
    List<RoomBan> list(String roomKey) {
        Map<String, Held> bans = byRoom.get(roomKey);
        if (bans == null) {
            return List.of();
        }
        synchronized (bans) {
            dropLapsed(bans);
            return bans.values().stream().map(Held::ban).toList();
        }
    }

    /** Drops a room's timed bans lapsed by now, from the store too. Guarded by {@code bans}. */
    private void dropLapsed(Map<String, Held> bans) {
        Instant now = clock.instant();
        List<RoomBan> gone = new ArrayList<>();
        for (Iterator<Held> held = bans.values().iterator(); held.hasNext(); ) {
            RoomBan ban = held.next().ban();
            if (ban.ban().lapsedAt(now)) {
                held.remove();
                gone.add(ban);
            }
        }
        for (RoomBan ban : gone) {
            store.removeRoomBan(ban);
        }
    }
}
