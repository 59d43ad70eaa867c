package openchat.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The server's bans, read on every connect and rename, changed by the administrator: by kind and key, kept in
 * {@link BanStore} as they change.
 */
final class Bans {
    private final BanStore store;
    /** Guarded by this; in the order made. */
    private final Map<String, Ban> byKey = new java.util.LinkedHashMap<>();
    /** Each ban's {@link Ban#matcher}, made once; guarded by this. */
    private final Map<Ban, BiPredicate<String, InetAddress>> matchers = new java.util.HashMap<>();
    /** Read without a lock on every connect: whether any address ban exists (most servers have none). */
    private volatile boolean any;

    Bans(BanStore store) {
        this.store = store;
        for (Ban ban : store.load()) {
            put(ban);
        }
        any = !byKey.isEmpty();
    }

    private static String slot(Ban ban) {
        return ban.kind().wireName() + ":" + ban.key();
    }

    /** The ban that keeps out {@code nameKey} from {@code origin}, if any. */
    Optional<Ban> matching(String nameKey, InetAddress origin) {
        if (!any) {
            return Optional.empty();
        }
        synchronized (this) {
            return byKey.values().stream()
                    .filter(ban -> matchers.get(ban).test(nameKey, origin))
                    .findFirst();
        }
    }

    /** Adds (or replaces, with a new reason) a ban; the store keeps it first. */
    synchronized void add(Ban ban) {
        store.put(ban);
        put(ban);
        any = true;
    }

    private void put(Ban ban) {
        Ban replaced = byKey.remove(slot(ban)); // a ban made again is the newest, as the store keeps it
        if (replaced != null) {
            matchers.remove(replaced);
        }
        byKey.put(slot(ban), ban);
        matchers.put(ban, ban.matcher());
    }

    /** Lifts the ban of {@code target}; empty when there was none. */
    synchronized Optional<Ban> remove(String target) {
        String key = Ban.keyOf(target);
        Ban ban = byKey.get(Ban.Kind.ADDRESS.wireName() + ":" + key);
        if (ban == null) {
            ban = byKey.get(Ban.Kind.NAME.wireName() + ":" + Names.key(target));
        }
        if (ban == null) {
            return Optional.empty();
        }
        store.remove(ban);
        byKey.remove(slot(ban));
        matchers.remove(ban);
        any = !byKey.isEmpty();
        return Optional.of(ban);
    }

    synchronized List<Ban> list() {
        return new ArrayList<>(byKey.values());
    }
}
