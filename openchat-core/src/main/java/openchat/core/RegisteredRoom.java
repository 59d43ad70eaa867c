package openchat.core;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A registered room as the administrator's list shows it ({@link Chat#registeredRooms}): its {@code name} as
 * written when it was registered, who registered it ({@code by}), when ({@code at}), the network the registration
 * counts against ({@link RoomKey#networkOf}: {@code 192.0.2.0/24}; null for none, the administrator's), and when it
 * was last used ({@code used}: its key given, or shown to join or take the room back, or its room found in use by a
 * sweep; it lapses {@link CoreConfig#REGISTRATION_LAPSE} after that). Never the key or its hash. {@code at} and
 * {@code used} are null when a store cannot read them.
 */
public record RegisteredRoom(String name, String by, Instant at, String network, Instant used) {
    /** A registration whose key was last used when it was made or given a new key ({@code at}). */
    public RegisteredRoom(String name, String by, Instant at, String network) {
        this(name, by, at, network, at);
    }

    /**
     * What {@code by} may see of {@code all}: every registration for the administrator; for anyone else, those counted
     * against its own network, none when its address is unknown.
     */
    public static List<RegisteredRoom> seenBy(Member<?> by, List<RegisteredRoom> all) {
        if (by.isAdmin()) {
            return all;
        }
        String network = RoomKey.networkOf(by);
        return network == null
                ? List.of()
                : all.stream().filter(room -> network.equals(room.network())).toList();
    }

    /** {@code rooms} in order of their names, case aside, as the administrator reads them. */
    public static List<RegisteredRoom> byName(Collection<RegisteredRoom> rooms) {
        return rooms.stream()
                .sorted(Comparator.comparing(RegisteredRoom::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }
}
