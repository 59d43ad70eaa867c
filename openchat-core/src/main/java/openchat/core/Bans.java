package openchat.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The server's bans, read on every connect and rename, changed by the administrator: by kind and key, kept in
 * {@link BanStore} as they change. A timed ban that has lapsed is dropped (from the store too) the next time the
 * bans are read, and {@code lapsed} is told of it then.
 */
final class Bans {
    private final BanStore store;
    private final Clock clock;
    private final Consumer<Ban> lapsed;
    /** Guarded by this; in the order made. */
    private final Map<String, Ban> byKey = new LinkedHashMap<>();
    /**
     * The bans the store keeps in another text than they are held in here ({@link Ban#canonical}: an IPv6 address
     * stored in its long form), by slot: the store is told of a ban as it keeps it. Guarded by this.
     */
    private final Map<String, Ban> storedAs = new HashMap<>();
    /**
     * Each ban's {@link Ban#matcher}, made once (a name ban's looks with it: computed as a ban is loaded or made, never
     * stored); guarded by this.
     */
    private final Map<Ban, Predicate<Ban.Who>> matchers = new HashMap<>();
    /** When the first timed ban lapses (epoch milliseconds), {@code Long.MAX_VALUE} if none; guarded by this. */
    private long nextLapse = Long.MAX_VALUE;
    /** Read without a lock on every connect: whether any ban exists (most servers have none). */
    private volatile boolean any;

    Bans(BanStore store, Clock clock, Consumer<Ban> lapsed) {
        this.store = store;
        this.clock = clock;
        this.lapsed = lapsed;
        try {
            reload();
        } catch (RuntimeException unreadable) {
            // A cluster's store out of reach as the node starts: no bans until they are read again (reload).
        }
    }

    /**
     * Reads the bans from the store anew (a cluster node, when its store is back in reach). When the store cannot
     * be read, the bans held stay, and the store's refusal is thrown.
     */
    synchronized void reload() {
        List<Ban> loaded = store.load();
        byKey.clear();
        storedAs.clear();
        matchers.clear();
        nextLapse = Long.MAX_VALUE;
        for (Ban ban : loaded) {
            put(ban);
        }
        any = !byKey.isEmpty();
    }

    /** The ban that keeps out {@code who} (by its name, its looks or its address), if any. */
    Optional<Ban> matching(Ban.Who who) {
        if (!any) {
            return Optional.empty();
        }
        List<Ban> gone;
        Optional<Ban> found;
        synchronized (this) {
            gone = dropLapsed();
            found = byKey.values().stream()
                    .filter(ban -> matchers.get(ban).test(who))
                    .findFirst();
        }
        gone.forEach(lapsed);
        return found;
    }

    /** Adds (or replaces, with a new reason and end) a ban; the store keeps it first. */
    void add(Ban ban) {
        List<Ban> gone;
        synchronized (this) {
            Ban stored = storedAs.get(ban.slot());
            if (stored != null) {
                store.remove(stored); // the store keys it by its text: the old text would outlive the new ban
            }
            store.put(ban);
            put(ban);
            any = true;
            gone = dropLapsed();
        }
        gone.forEach(lapsed);
    }

    /** Holds a ban as {@link Ban#canonical} writes it, noting the text the store keeps it in. Guarded by this. */
    private void put(Ban given) {
        Ban ban = given.canonical();
        if (!ban.equals(given)) {
            storedAs.put(ban.slot(), given);
        } else {
            storedAs.remove(ban.slot());
        }
        Ban replaced = byKey.remove(ban.slot()); // a ban made again is the newest, as the store keeps it
        if (replaced != null) {
            matchers.remove(replaced);
        }
        byKey.put(ban.slot(), ban);
        matchers.put(ban, ban.matcher());
        if (ban.expires() != null) {
            nextLapse = Math.min(nextLapse, ban.expires().toInstant().toEpochMilli());
        }
    }

    /**
     * Takes in a ban the store already keeps (a cluster's other node made it): true when it is new or changed here.
     */
    boolean known(Ban ban) {
        List<Ban> gone;
        boolean changed;
        synchronized (this) {
            Ban held = ban.canonical();
            changed = !held.equals(byKey.get(held.slot()));
            if (changed) {
                put(ban);
                any = true;
            }
            gone = dropLapsed();
        }
        gone.forEach(lapsed);
        return changed;
    }

    /** Forgets a ban the store no longer keeps (a cluster's other node lifted it): true when it was held here. */
    synchronized boolean forgotten(Ban ban) {
        String slot = ban.canonical().slot();
        Ban held = byKey.remove(slot);
        if (held == null) {
            return false;
        }
        storedAs.remove(slot);
        matchers.remove(held);
        any = !byKey.isEmpty();
        return true;
    }

    /** Drops the timed bans lapsed by now, from the store too; the ones dropped. Guarded by this. */
    private List<Ban> dropLapsed() {
        Instant now = clock.instant();
        if (now.toEpochMilli() < nextLapse) {
            return List.of();
        }
        List<Ban> gone = new ArrayList<>();
        nextLapse = Long.MAX_VALUE;
        for (Iterator<Ban> bans = byKey.values().iterator(); bans.hasNext(); ) {
            Ban ban = bans.next();
            if (ban.lapsedAt(now)) {
                try {
                    store.remove(storedAs.getOrDefault(ban.slot(), ban));
                } catch (RuntimeException unreachable) {
                    // A cluster's store out of reach: the ban lapses here all the same; the store keeps it until
                    // the next node to read the bans drops it, and a node that loads it drops it at once.
                }
                bans.remove();
                storedAs.remove(ban.slot());
                matchers.remove(ban);
                gone.add(ban);
            } else if (ban.expires() != null) {
                nextLapse = Math.min(nextLapse, ban.expires().toInstant().toEpochMilli());
            }
        }
        any = !byKey.isEmpty();
        return gone;
    }

    /** Lifts the ban of {@code target}; empty when there was none (or it had lapsed). */
    Optional<Ban> remove(String target) {
        List<Ban> gone;
        Ban ban;
        synchronized (this) {
            gone = dropLapsed();
            ban = byKey.get(Ban.slotOf(target));
            if (ban != null) {
                store.remove(storedAs.getOrDefault(ban.slot(), ban));
                storedAs.remove(ban.slot());
                byKey.remove(ban.slot());
                matchers.remove(ban);
                any = !byKey.isEmpty();
            }
        }
        gone.forEach(lapsed);
        return Optional.ofNullable(ban);
    }

    /** The bans that hold, oldest first. */
    List<Ban> list() {
        List<Ban> gone;
        List<Ban> holding;
        synchronized (this) {
            gone = dropLapsed();
            holding = new ArrayList<>(byKey.values());
        }
        gone.forEach(lapsed);
        return holding;
    }
}
