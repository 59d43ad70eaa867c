package openchat.core;

import java.net.InetAddress;
import java.util.Map;

/**
 * A connected member as IRC's WHOIS shows it, wherever in a cluster it is connected: its name, its rooms (by name:
 * in the order it joined them on its own node, by their keys on another) with its role in each, its away message (empty when it is not away),
 * and the address it connected from, known only on the node it is connected to (null elsewhere).
 */
public record MemberInfo(String name, Map<String, RoomRole> rooms, String away, InetAddress origin) {

    /** Whether it is the administrator. */
    public boolean isAdmin() {
        return Names.isAdministrator(name);
    }
}
