package openchat.core;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A connected member as IRC's WHOIS shows it, wherever in a cluster it is connected: its name, its rooms (by name:
 * in the order it joined them on its own node, by their keys on another) with its role in each, its away message (empty when it is not away),
 * and the address it connected from; and when it signed on and how long it has been idle (since it last said or did
 * something the others are told of). Address, sign-on and idle time are known only on the node it is connected to
 * (null elsewhere).
 */
public record MemberInfo(
        String name, Map<String, RoomRole> rooms, String away, InetAddress origin, Instant signedOn, Duration idle) {

    /** A member connected to another node: its address, sign-on and idle time unknown here. */
    public MemberInfo(String name, Map<String, RoomRole> rooms, String away) {
        this(name, rooms, away, null, null, null);
    }

    /** Whether it is the administrator. */
    public boolean isAdmin() {
        return Names.isAdministrator(name);
    }
}
