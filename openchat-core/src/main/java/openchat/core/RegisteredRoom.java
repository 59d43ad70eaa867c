package openchat.core;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A registered room as the administrator's list shows it ({@link Chat#registeredRooms}): its {@code name} as
 * written when it was registered, who registered it ({@code by}), when ({@code at}), and the network the registration
 * counts against ({@link RoomKey#networkOf}: {@code 192.0.2.0/24}; null for none, the administrator's). Never the key
 * or its hash.
 */
public record RegisteredRoom(String name, String by, Instant at, String network) {
    /** {@code rooms} in order of their names, case aside, as the administrator reads them. */
    public static List<RegisteredRoom> byName(Collection<RegisteredRoom> rooms) {
        return rooms.stream()
                .sorted(Comparator.comparing(RegisteredRoom::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }
}
