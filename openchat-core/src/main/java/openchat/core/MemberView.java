package openchat.core;

/**
 * A member of a room as WHO shows it. {@code announced}: the room's other members were told it joined; false only
 * past the presence limit, until it first speaks (a protocol whose clients track members from join and leave
 * events, as IRC's do, lists only announced members: an unannounced one may leave without a word). {@code away}:
 * the member's away message, empty when it is not away.
 */
public record MemberView(String name, RoomRole role, boolean announced, String away) {

    /** A member that is not away. */
    public MemberView(String name, RoomRole role, boolean announced) {
        this(name, role, announced, "");
    }

    /** An announced member that is not away. */
    public MemberView(String name, RoomRole role) {
        this(name, role, true);
    }
}
