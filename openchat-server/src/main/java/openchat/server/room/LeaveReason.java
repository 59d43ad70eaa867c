package openchat.server.room;

/** Why a member left the room; the value of the {@code Reason} field of a LEFT event. */
public enum LeaveReason {
    /** The member asked to leave. */
    LEFT,
    /** The administrator removed the member. */
    KICKED,
    /** The connection broke: reset, end of stream, heartbeat timeout, backlog over the cap, malformed bytes. */
    DISCONNECTED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
