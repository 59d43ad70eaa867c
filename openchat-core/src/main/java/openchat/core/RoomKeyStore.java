package openchat.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a single server keeps the registered rooms' keys ({@link Chat#registerRoom}), by room key: the hash of each
 * ({@link RoomKey#hash}), never the key. A registration outlives its room's emptying, and, in a store that writes
 * them down (SQLite, in the server), the server's restart. The core owns this port; a cluster keeps its rooms' keys in
 * the cluster's store instead ({@link ClusterLink}). Calls come from any thread: an implementation is thread-safe.
 */
public interface RoomKeyStore {
    /** The hash of the room's key, or null when the room is not registered (or the store cannot read it). */
    String hashOf(String roomKey);

    /**
     * Keeps {@code hash} as the key of the room {@code roomKey} (written {@code roomName}), replacing one kept, as
     * {@code by} registered it at {@code at} from {@code network} ({@link AddressKey#network} as text; null for the
     * administrator, or an address unknown, which count against no network). A store that cannot write it down says so
     * in its log: the registration then holds until the server stops.
     */
    void keep(String roomKey, String roomName, String hash, String by, String network, Instant at);

    /** Forgets the room's key; false when none was kept. */
    boolean drop(String roomKey);

    /**
     * Notes that the room's registration was used at {@code at} ({@link RegisteredRoom#used}): its key opened the room,
     * or someone was in it; nothing when the room is not registered. A store that cannot write it down says so in its
     * log.
     */
    void used(String roomKey, Instant at);

    /**
     * Drops every registration last used before {@code before} (its key given or shown, its room in use: {@link
     * #used}) whose room {@code inUse} does not name (by room key): the registrations that lapsed ({@link
     * CoreConfig#REGISTRATION_LAPSE}). Returns them, as {@link #registrations} lists them.
     */
    List<RegisteredRoom> lapse(Instant before, Predicate<String> inUse);

    /** How many rooms are registered. */
    int count();

    /** How many rooms but {@code roomKey} are registered from {@code network} ({@link #keep}). */
    int countFrom(String network, String roomKey);

    /** Every registered room, with who registered it and when, by name. */
    List<RegisteredRoom> registrations();

    /** A store in memory: registrations last while the server runs (a server without a data directory). */
    static RoomKeyStore inMemory() {
        return new RoomKeyStore() {
            private final Map<String, String> hashes = new HashMap<>();
            private final Map<String, RegisteredRoom> rooms = new HashMap<>();

            @Override
            public synchronized String hashOf(String roomKey) {
                return hashes.get(roomKey);
            }

            @Override
            public synchronized void keep(
                    String roomKey, String roomName, String hash, String by, String network, Instant at) {
                hashes.put(roomKey, hash);
                rooms.put(roomKey, new RegisteredRoom(roomName, by, at, network));
            }

            @Override
            public synchronized boolean drop(String roomKey) {
                rooms.remove(roomKey);
                return hashes.remove(roomKey) != null;
            }

            @Override
            public synchronized void used(String roomKey, Instant at) {
                rooms.computeIfPresent(
                        roomKey,
                        (key, kept) -> new RegisteredRoom(kept.name(), kept.by(), kept.at(), kept.network(), at));
            }

            @Override
            public synchronized List<RegisteredRoom> lapse(Instant before, Predicate<String> inUse) {
                List<RegisteredRoom> lapsed = new ArrayList<>();
                for (Iterator<Map.Entry<String, RegisteredRoom>> kept =
                                rooms.entrySet().iterator();
                        kept.hasNext(); ) {
                    Map.Entry<String, RegisteredRoom> room = kept.next();
                    if (room.getValue().used().isBefore(before) && !inUse.test(room.getKey())) {
                        kept.remove();
                        hashes.remove(room.getKey());
                        lapsed.add(room.getValue());
                    }
                }
                return RegisteredRoom.byName(lapsed);
            }

            @Override
            public synchronized int count() {
                return hashes.size();
            }

            @Override
            public synchronized int countFrom(String network, String roomKey) {
                return (int) rooms.entrySet().stream()
                        .filter(kept -> network.equals(kept.getValue().network())
                                && !kept.getKey().equals(roomKey))
                        .count();
            }

            @Override
            public synchronized List<RegisteredRoom> registrations() {
                return RegisteredRoom.byName(rooms.values());
            }
        };
    }
}
