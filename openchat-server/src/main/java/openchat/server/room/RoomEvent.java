package openchat.server.room;

import java.time.OffsetDateTime;

/** What a room tells its members. Numbered events ({@link Numbered}) share the room's sequence. */
public sealed interface RoomEvent {

    OffsetDateTime at();

    /** Events that take the next number of the room's sequence. */
    sealed interface Numbered extends RoomEvent {
        String room();

        long seq();
    }

    record Joined(String room, String name, OffsetDateTime at, long seq, int members) implements Numbered {
    }

    record Message(String room, String from, OffsetDateTime at, long seq, String text) implements Numbered {
    }

    /** {@code detail}: the administrator's reason for a kick, what broke for a disconnect, or empty. */
    record Left(String room, String name, LeaveReason reason, String detail, OffsetDateTime at, long seq, int members)
            implements Numbered {
    }

    /** The server is stopping; {@code reason} may be empty. */
    record Closed(String reason, OffsetDateTime at) implements RoomEvent {
    }
}
