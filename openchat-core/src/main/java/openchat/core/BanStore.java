package openchat.core;

import java.util.List;

/**
 * Where the bans are kept across restarts: the port the core owns and the server implements (in the history
 * database). Called on the administrator's thread; a ban is rare, so a store may write at once.
 */
public interface BanStore {
    /** Keeps nothing: bans last until the server stops. */
    BanStore IN_MEMORY = new BanStore() {
        @Override
        public List<Ban> load() {
            return List.of();
        }

        @Override
        public void put(Ban ban) {}

        @Override
        public void remove(Ban ban) {}
    };

    /** Every ban kept, in the order they were made. */
    List<Ban> load();

    /** Keeps a ban, replacing one with the same kind and key. */
    void put(Ban ban);

    /** Forgets a ban. */
    void remove(Ban ban);
}
