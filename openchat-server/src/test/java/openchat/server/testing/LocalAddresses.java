package openchat.server.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import org.junit.jupiter.api.Assumptions;

/** This machine's addresses, for a test about listening beyond loopback. */
public final class LocalAddresses {
    private LocalAddresses() {}

    /** An IPv4 address of this machine that is not loopback; the test is skipped on a machine without one. */
    public static InetAddress nonLoopbackAddress() throws SocketException {
        InetAddress found = NetworkInterface.networkInterfaces()
                .filter(LocalAddresses::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(found != null, "an address other than loopback");
        return found;
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
