package openchat.core;

import java.util.Locale;

/** Why a member left a room; the value of the {@code Reason} field of a LEFT event. */
public enum LeaveReason {
    /** The member left the chat (LEAVE, {@code /종료}): it leaves every room it is in. */
    LEFT,
    /** The member left this one room and stays connected (PART). */
    PARTED,
    /** The room's owner or the administrator removed the member from this room. */
    KICKED,
    /** The connection broke: reset, end of stream, heartbeat timeout, backlog over the cap, malformed bytes. */
    DISCONNECTED,
    /** The administrator banned the member's name or address: it leaves every room and its connection is closed. */
    BANNED,
    /**
     * The administrator disconnected the member (IRC's KILL) without banning it: it leaves every room and its
     * connection is closed, and it may connect again at once.
     */
    KILLED;

    /** Whether the member left the whole chat, every room at once (IRC's QUIT), not one room. */
    public boolean leavesTheChat() {
        return this == LEFT || this == DISCONNECTED || this == BANNED || this == KILLED;
    }

    /**
     * Who the rooms are told made the member leave for this reason when nothing else names it: the administrator for
     * {@link #KILLED} (only it disconnects a member), else null (the member itself, its connection; a kick names its
     * kicker itself).
     */
    public String impliedBy() {
        return this == KILLED ? Names.ADMINISTRATOR : null;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason a {@code Reason} field names, or {@link #LEFT} for a value this version does not know. */
    public static LeaveReason fromWire(String value) {
        for (LeaveReason reason : values()) {
            if (reason.wireName().equals(value)) {
                return reason;
            }
        }
        return LEFT;
    }
}
