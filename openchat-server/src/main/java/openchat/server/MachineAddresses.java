package openchat.server;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * This machine's addresses that other machines may reach it at, for the start line of a listener on every interface:
 * there the server can name only {@code localhost}, which opens the page on this machine alone, while the operator
 * needs an address to give the members (trial 10).
 */
final class MachineAddresses {
    /** At most so many: a start line, not an inventory of a host with many bridges and tunnels. */
    static final int SHOWN = 4;

    private MachineAddresses() {}

    /** The addresses of this machine's interfaces that are up and not loopback; none if they cannot be listed. */
    static List<InetAddress> ofThisMachine() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (face.isUp() && !face.isLoopback()) {
                    found.addAll(Collections.list(face.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            return List.of(); // the start line says to use this machine's address instead
        }
        return found;
    }

    /**
     * The addresses among {@code addresses} worth giving another machine, as a URL takes them ({@code 192.0.2.2},
     * {@code fd00::2}): of the families asked for, not loopback, link-local (it needs the interface named, and a
     * browser does not take one), a wildcard or multicast; IPv4 first, each once, at most {@link #SHOWN}.
     */
    static List<String> shown(List<InetAddress> addresses, boolean ipv4, boolean ipv6) {
        return addresses.stream()
                .filter(address -> address instanceof Inet4Address ? ipv4 : ipv6)
                .filter(address -> !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress()
                        && !address.isAnyLocalAddress()
                        && !address.isMulticastAddress())
                .sorted(Comparator.comparing(address -> address instanceof Inet4Address ? 0 : 1))
                .map(NetUtil::toAddressString)
                .distinct()
                .limit(SHOWN)
                .toList();
    }
}
