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
 * <p>A rule that a hosting block must not get round by its many addresses also counts by the wider {@link #network}:
 * an IPv4 /24, an IPv6 /48 (the block a provider gives one customer), as ircd-hybrid and charybdis give a connection
 * class a {@code number_per_cidr} beside its {@code number_per_ip}. The rooms made use it
 * ({@link CoreConfig#maxRoomsPerNetwork}).
 *
 * @param network the address with the bits past {@code prefix} zero (no scope)
 * @param prefix how many leading bits count: 32 for an IPv4 address, 64 for an IPv6 one; 24 and 48 for a network
 */
public record AddressKey(InetAddress network, int prefix) {
    /** The prefix an IPv6 address is counted by, in bits. */
    public static final int IPV6_PREFIX = 64;
    /** The prefix of the IPv4 network a wider rule counts an address by, in bits. */
    public static final int IPV4_NETWORK_PREFIX = 24;
    /** The prefix of the IPv6 network a wider rule counts an address by, in bits. */
    public static final int IPV6_NETWORK_PREFIX = 48;

    /** The key {@code address} is counted by. */
    public static AddressKey of(InetAddress address) {
        return keep(address, 32, IPV6_PREFIX);
    }

    /** The network {@code address} is counted in by a wider rule: its IPv4 /24 or its IPv6 /48. */
    public static AddressKey network(InetAddress address) {
        return keep(address, IPV4_NETWORK_PREFIX, IPV6_NETWORK_PREFIX);
    }

    private static AddressKey keep(InetAddress address, int ipv4Prefix, int ipv6Prefix) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 && ipv4Prefix == 32) {
            return new AddressKey(address, 32); // itself: a connection's key holds no copy of its address
        }
        // The JDK reads an IPv4-mapped address's sixteen bytes as the IPv4 address (an Inet4Address).
        boolean ipv4 = bytes.length == 4 || isIpv4Mapped(bytes);
        byte[] v4 = ipv4 && bytes.length == 16 ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
        int prefix = ipv4 ? ipv4Prefix : ipv6Prefix;
        byte[] kept = Arrays.copyOf(v4, prefix / 8); // every prefix here is whole bytes
        try {
            return new AddressKey(InetAddress.getByAddress(Arrays.copyOf(kept, v4.length)), prefix);
        } catch (UnknownHostException cannotBe) {
            throw new IllegalStateException(cannotBe); // four or sixteen bytes are always an address
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

    /** {@code 192.0.2.1}, {@code 192.0.2.0/24} or {@code 2001:db8:0:1:0:0:0:0/64}: for the logs and store keys. */
    @Override
    public String toString() {
        return prefix == 32 ? network.getHostAddress() : network.getHostAddress() + "/" + prefix;
    }
}
