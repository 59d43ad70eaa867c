package openchat.server.irc;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import openchat.core.PresenceListener;

/**
 * Every IRC session's MONITOR list, indexed by the names watched ({@link openchat.core.Names#key}): the core's
 * {@link PresenceListener}, so that a name coming or going finds its watchers with one lookup, never a scan of the
 * sessions. One per listener, shared by its sessions (TCP, TLS and WebSocket alike). Any thread.
 */
final class IrcMonitors implements PresenceListener {
    private final ConcurrentHashMap<String, Set<IrcMonitor>> watchers = new ConcurrentHashMap<>();

    /** {@code monitor} watches the name of {@code key}. */
    void watch(String key, IrcMonitor monitor) {
        watchers.compute(key, (k, set) -> {
            Set<IrcMonitor> watching = set != null ? set : ConcurrentHashMap.newKeySet();
            watching.add(monitor);
            return watching;
        });
    }

    /** {@code monitor} no longer watches the name of {@code key}; the name's entry goes with its last watcher. */
    void unwatch(String key, IrcMonitor monitor) {
        watchers.computeIfPresent(key, (k, set) -> {
            set.remove(monitor);
            return set.isEmpty() ? null : set;
        });
    }

    /** How many names are watched by some session (for tests: a closed session's list is gone). */
    int watchedNames() {
        return watchers.size();
    }

    @Override
    public void online(String name, String key) {
        tell(name, key, true);
    }

    @Override
    public void offline(String name, String key) {
        tell(name, key, false);
    }

    private void tell(String name, String key, boolean online) {
        Set<IrcMonitor> watching = watchers.get(key);
        if (watching != null) {
            for (IrcMonitor monitor : watching) {
                monitor.tell(name, key, online);
            }
        }
    }
}
