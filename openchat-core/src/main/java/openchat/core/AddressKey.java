package openchat.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What every per-address rule counts by, as ergo does by default: an IPv4 address is itself; an IPv6 address is its
 * /64, the network every home line and server is given whole, so that its 2^64 addresses count as one; an IPv4-mapped
 * IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4 address. The chat seats and web places per address
 * ({@code ConnectionLimiter}), the rooms made from one address ({@link CoreConfig#maxRoomsPerAddress}) and the
 * administrator's lockout ({@link AdminAttempts}) use it; bans take their own networks ({@link AddressRange}).
 *
 * @param network the address, or for IPv6 its /64 with the rest zero (no scope)
 */
public record AddressKey(InetAddress network) {
    /** The prefix an IPv6 address is counted by, in bits. */
    public static final int IPV6_PREFIX = 64;

    /** The key {@code address} is counted by. */
    public static AddressKey of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return new AddressKey(address);
        }
        // The JDK reads an IPv4-mapped address's sixteen bytes as the IPv4 address (an Inet4Address).
        byte[] kept = isIpv4Mapped(bytes) ? bytes : Arrays.copyOf(bytes, IPV6_PREFIX / 8);
        try {
            return new AddressKey(InetAddress.getByAddress(Arrays.copyOf(kept, 16)));
        } catch (UnknownHostException cannotBe) {
            throw new IllegalStateException(cannotBe); // sixteen bytes are always an address
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** {@code 192.0.2.1}, or {@code 2001:db8:0:1:0:0:0:0/64}: for the logs. */
    @Override
    public String toString() {
        return network.getAddress().length == 4
                ? network.getHostAddress()
                : network.getHostAddress() + "/" + IPV6_PREFIX;
    }
}
