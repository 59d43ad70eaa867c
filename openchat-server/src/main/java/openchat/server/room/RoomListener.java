package openchat.server.room;

/**
 * Told of everything that happens in a room, in order, under the room's lock (the server console).
 * Implementations must be quick and must not call back into the room.
 */
public interface RoomListener {

    void joined(Member<?> member);

    void posted(RoomEvent.Message message);

    /** {@code quiet}: the member left without an announcement. */
    void left(Member<?> member, LeaveReason reason, String detail, boolean quiet);

    void kicked(Member<?> member, Member<?> by, String detail);

    RoomListener NONE = new RoomListener() {
        @Override
        public void joined(Member<?> member) {
        }

        @Override
        public void posted(RoomEvent.Message message) {
        }

        @Override
        public void left(Member<?> member, LeaveReason reason, String detail, boolean quiet) {
        }

        @Override
        public void kicked(Member<?> member, Member<?> by, String detail) {
        }
    };
}
