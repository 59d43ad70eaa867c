package openchat.core;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Told of what happens in the core, in each room's order, under that room's lock: the server console.
 * Implementations must be quick and must not call back into the core.
 */
public interface CoreListener {

    /** {@code member} connected and joined its first room. */
    default void connected(Member<?> member, String room) {}

    /** {@code member} joined another room. */
    default void joined(Member<?> member, String room) {}

    default void posted(ChatEvent.Message message) {}

    /** {@code member} left {@code room} but stays connected. */
    default void parted(Member<?> member, String room) {}

    /** {@code member} left the chat; {@code quiet}: without an announcement. */
    default void left(Member<?> member, LeaveReason reason, String detail, boolean quiet) {}

    /**
     * The member named {@code name} was kicked from {@code room} by the member named {@code by}: told where the kicked
     * member is connected, and on a cluster also on the node of the one who kicked it (each node's console shows what
     * its own members did and had done to them).
     */
    default void kicked(String name, String room, String by, String detail) {}

    /**
     * On a cluster, the administrator ({@code by}), connected here, disconnected the member named {@code name},
     * connected to another node (whose console tells it through {@link #left}, {@link LeaveReason#KILLED}), with
     * {@code detail} (may be empty). Each node's console shows what its own members did and had done to them.
     */
    default void killed(String name, String by, String detail) {}

    default void topic(ChatEvent.Topic topic) {}

    /**
     * {@code room}'s ownership passed to the member named {@code name}: its owner left ({@code previous} null), or the
     * member showed the room's key and took the room from {@code previous}, who stays.
     */
    default void owner(String room, String name, String previous) {}

    /**
     * A room was registered, given a new key, or its registration dropped: the console's {@code [REGISTER]} line. Never
     * the key.
     */
    default void roomRegistration(ChatEvent.RoomRegistration registration) {}

    /**
     * {@code member} showed a key that does not open {@code room} (on joining or once in): a line on the console, so
     * that the administrator sees who tries keys. Never the key shown.
     */
    default void wrongRoomKey(String room, Member<?> member) {}

    /**
     * {@code member} could not register {@code room}: members from {@code network} registered their most rooms
     * ({@link CoreConfig#MAX_REGISTERED_ROOMS_PER_NETWORK}, {@code most}). A line on the console, since the member is told
     * to ask the administrator, who then sees which network is full.
     */
    default void registrationsFull(String room, Member<?> member, String network, int most) {}

    /**
     * A registration lapsed ({@link Chat#lapseRegistrations}): no one used its key for {@link
     * CoreConfig#REGISTRATION_LAPSE}, and its room was empty. A line on the console, the administrator's record of it.
     */
    default void registrationLapsed(RegisteredRoom lapsed) {}

    /** {@code member}, connected here, is now called {@code renamed.to()}. */
    default void renamed(Member<?> member, ChatEvent.Renamed renamed) {}

    /** The administrator banned a name or address; {@code disconnected}: the members it put out. */
    default void banned(Ban ban, List<String> disconnected) {}

    /**
     * A connection from {@code origin} asked for the administrator's name and was refused; {@code lockedOutFor}: how
     * long that address is now refused further attempts, when this wrong key was the last one allowed (else zero).
     * Attempts while the address is locked out are not told: a guesser's flood would fill the log.
     */
    default void administratorRefused(InetAddress origin, AdminRefusal refusal, Duration lockedOutFor) {}

    /**
     * The administrator's announcement reached this server's members ({@code told} of them; on a cluster, this node's):
     * told on every node.
     */
    default void announced(ChatEvent.Notice announcement, int told) {}

    /** The administrator lifted a ban ({@code by} its name), or a timed ban lapsed ({@code by} null). */
    default void unbanned(Ban ban, String by) {}

    /** A room's ban was set or lifted ({@code change}); {@code ban}: the ban as kept. */
    default void roomBanChanged(ChatEvent.RoomBanChange change, RoomBan ban) {}

    /** A room's member limit was set or given back the server's (the console's {@code [LIMIT]} line). */
    default void roomLimit(ChatEvent.RoomLimit limit) {}

    /** Messages were deleted from a room's history ({@link Chat#delete}). */
    default void deleted(ChatEvent.Deleted deleted) {}

    CoreListener NONE = new CoreListener() {};
}
