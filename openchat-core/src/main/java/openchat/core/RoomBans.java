package openchat.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Every room's bans (IRC's {@code +b} lists), by room key: read on every join and on every line to a room that has
 * bans, changed by a room's owner or the administrator, kept in the {@link BanStore} as they change. They are the
 * core's, not a {@link Room}'s, so that they outlive the room emptying. A timed ban that has lapsed is dropped (from
 * the store too) the next time its room's bans are read.
 *
 * <p>Bounded twice: {@link CoreConfig#MAX_ROOM_BANS} per room, and {@link CoreConfig#MAX_ROOM_BANS_IN_ALL} on the
 * server, since rooms come and go and their bans stay: past it, a new ban pushes out the oldest ban of a room that is
 * empty and gone, and is refused when every ban left is a live room's.
 */
final class RoomBans {
    private final BanStore store;
    private final Clock clock;
    private final int maxInAll;
    /** Whether a room (by key) exists now: the bans of one that does not may be pushed out past {@link #maxInAll}. */
    private final Predicate<String> live;
    /**
     * Each room's bans, by {@link Ban#slot}, in the order made, with their matchers; a room without bans has no entry.
     * The inner maps are guarded by this; the outer one is read without the lock, for the rooms that have none.
     */
    private final Map<String, Map<String, Held>> byRoom = new ConcurrentHashMap<>();
    /** How many bans all rooms hold; guarded by this. */
    private int total;

    /** A ban and its matcher, made once. */
    private record Held(RoomBan ban, Predicate<Ban.Who> matcher) {}

    RoomBans(BanStore store, Clock clock, int maxInAll, Predicate<String> live) {
        this.store = store;
        this.clock = clock;
        this.maxInAll = maxInAll;
        this.live = live;
        synchronized (this) {
            for (RoomBan ban : store.loadRoomBans()) {
                hold(ban);
            }
        }
    }

    /** The ban of room {@code roomKey} that keeps out {@code who} (by its name, its looks or its address), if any. */
    Optional<RoomBan> matching(String roomKey, Ban.Who who) {
        if (!byRoom.containsKey(roomKey)) {
            return Optional.empty(); // most rooms: no lock taken
        }
        synchronized (this) {
            return held(roomKey).stream()
                    .filter(held -> held.matcher().test(who))
                    .map(Held::ban)
                    .findFirst();
        }
    }

    /**
     * Adds (or replaces, with a new reason, end and address) a ban; the store keeps it first. Refuses a new one past
     * {@code max} bans in its room, or past {@link #maxInAll} when no emptied room's ban can make way
     * ({@link Refusal.Reason#TOO_MANY_ROOM_BANS}).
     */
    synchronized void add(RoomBan ban, int max) {
        List<Held> room = held(ban.room());
        boolean renewed = room.stream()
                .anyMatch(held -> held.ban().ban().slot().equals(ban.ban().slot()));
        if (!renewed && room.size() >= max) {
            throw Refusal.limit(Refusal.Reason.TOO_MANY_ROOM_BANS, max);
        }
        if (!renewed && total >= maxInAll && !pushOutOne()) {
            throw Refusal.limit(Refusal.Reason.TOO_MANY_ROOM_BANS, maxInAll);
        }
        store.putRoomBan(ban);
        if (renewed) {
            forget(ban.room(), ban.ban().slot()); // a ban made again is the newest, as the store keeps it
        }
        hold(ban);
    }

    /** Lifts the ban of {@code target} (as a ban of it would be written) in room {@code roomKey}; empty if none. */
    synchronized Optional<RoomBan> remove(String roomKey, String target) {
        held(roomKey); // drops what lapsed
        Optional<RoomBan> lifted = forget(roomKey, Ban.slotOf(target));
        lifted.ifPresent(store::removeRoomBan);
        return lifted;
    }

    /** The bans of room {@code roomKey} that hold, oldest first. */
    synchronized List<RoomBan> list(String roomKey) {
        return held(roomKey).stream().map(Held::ban).toList();
    }

    /** A room's bans that hold, the lapsed ones dropped (from the store too). Guarded by this. */
    private List<Held> held(String roomKey) {
        Map<String, Held> bans = byRoom.get(roomKey);
        if (bans == null) {
            return List.of();
        }
        Instant now = clock.instant();
        for (Iterator<Held> each = bans.values().iterator(); each.hasNext(); ) {
            RoomBan ban = each.next().ban();
            if (ban.ban().lapsedAt(now)) {
                each.remove();
                total--;
                store.removeRoomBan(ban);
            }
        }
        if (bans.isEmpty()) {
            byRoom.remove(roomKey);
            return List.of();
        }
        return new ArrayList<>(bans.values());
    }

    /** Holds a ban. Guarded by this. */
    private void hold(RoomBan ban) {
        byRoom.computeIfAbsent(ban.room(), room -> new LinkedHashMap<>())
                .put(ban.ban().slot(), new Held(ban, ban.matcher()));
        total++;
    }

    /** Forgets the ban in {@code slot} of a room, if held. Guarded by this. */
    private Optional<RoomBan> forget(String roomKey, String slot) {
        Map<String, Held> bans = byRoom.get(roomKey);
        Held held = bans == null ? null : bans.remove(slot);
        if (held == null) {
            return Optional.empty();
        }
        total--;
        if (bans.isEmpty()) {
            byRoom.remove(roomKey);
        }
        return Optional.of(held.ban());
    }

    /**
     * Makes way for a ban past {@link #maxInAll}: the oldest ban of a room that is empty and gone is forgotten (from the
     * store too). False when every room holding bans is live. Guarded by this.
     */
    private boolean pushOutOne() {
        RoomBan oldest = null;
        for (Map.Entry<String, Map<String, Held>> room : byRoom.entrySet()) {
            if (live.test(room.getKey())) {
                continue;
            }
            for (Held held : room.getValue().values()) {
                if (oldest == null
                        || held.ban().ban().at().isBefore(oldest.ban().at())) {
                    oldest = held.ban();
                }
            }
        }
        if (oldest == null) {
            return false;
        }
        forget(oldest.room(), oldest.ban().slot());
        store.removeRoomBan(oldest);
        return true;
    }
}
