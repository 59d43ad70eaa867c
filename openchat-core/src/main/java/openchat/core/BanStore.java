package openchat.core;

import java.util.List;

/**
 * Where the bans are kept across restarts: the port the core owns and the server implements (in the history
 * database). Called on the administrator's thread; a ban is rare, so a store may write at once. It keeps the rooms'
 * bans too ({@link RoomBan}), set by their owners: a store that does not leaves the defaults, and a room's bans then
 * hold until the server stops. (A cluster node keeps its rooms' bans through its {@link ClusterLink}, not here.)
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

    /** Every room's bans kept, in the order they were made. */
    default List<RoomBan> loadRoomBans() {
        return List.of();
    }

    /** Keeps a room's ban, replacing one of the same room, kind and key. */
    default void putRoomBan(RoomBan ban) {}

    /** Forgets a room's ban. */
    default void removeRoomBan(RoomBan ban) {}
}
