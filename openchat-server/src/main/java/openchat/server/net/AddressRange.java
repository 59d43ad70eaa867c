package openchat.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is one address). */
public final class AddressRange {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private AddressRange(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is not a CIDR range of literal addresses
     */
    public static AddressRange parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty() || !parts[0].matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("'" + text + "' is not an address range like 10.0.0.0/8 or ::1/128");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an address range like 10.0.0.0/8 or ::1/128");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (parts.length == 2) {
            try {
                prefix = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0-" + bits);
            }
        }
        return new AddressRange(address, prefix, text.strip());
    }

    public boolean contains(InetAddress candidate) {
        byte[] other = candidate.getAddress();
        if (other.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (other[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (other[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
