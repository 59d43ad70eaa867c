package openchat.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's bans, read on every connect and rename, changed by the administrator: by kind and key, kept in
 * {@link BanStore} as they change.
 */
final class Bans {
    private final BanStore store;
    /** Guarded by this; in the order made. */
    private final Map<String, Ban> byKey = new java.util.LinkedHashMap<>();
    /** Read without a lock on every connect: whether any address ban exists (most servers have none). */
    private volatile boolean any;

    Bans(BanStore store) {
        this.store = store;
        for (Ban ban : store.load()) {
            byKey.put(slot(ban), ban);
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
                    .filter(ban -> ban.matches(nameKey, origin))
                    .findFirst();
        }
    }

    /** Adds (or replaces, with a new reason) a ban; the store keeps it first. */
    synchronized void add(Ban ban) {
        store.put(ban);
        byKey.remove(slot(ban)); // a ban made again is the newest, as the store keeps it
        byKey.put(slot(ban), ban);
        any = true;
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
        any = !byKey.isEmpty();
        return Optional.of(ban);
    }

    synchronized List<Ban> list() {
        return new ArrayList<>(byKey.values());
    }
}
