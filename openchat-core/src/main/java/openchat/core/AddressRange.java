package openchat.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is one address):
 * the server's metrics allow-list and the administrator's address bans. Only literals are read, never looked up.
 */
public final class AddressRange {
    /** IPv4's four numbers, or hexadecimal with at least one colon (IPv6), each with an optional prefix length. */
    private static final Pattern LOOKS_LIKE_ONE =
            Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)(/\\d{1,3})?");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] network;
    private final int prefixLength;

    private AddressRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Whether {@code text} is written as an address or range (it may still be a bad one: {@code 300.1.2.3}). */
    public static boolean looksLikeOne(String text) {
        return LOOKS_LIKE_ONE.matcher(text).matches();
    }

    /**
     * Reads {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is not a CIDR range of literal addresses
     */
    public static AddressRange parse(String text) {
        String stripped = text.strip();
        if (!looksLikeOne(stripped)) {
            throw notARange(text);
        }
        int slash = stripped.indexOf('/');
        byte[] address = literal(slash < 0 ? stripped : stripped.substring(0, slash));
        if (address == null) {
            throw notARange(text);
        }
        int bits = address.length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(stripped.substring(slash + 1));
        if (prefix > bits) {
            throw new ConfigProblem(
                    "'" + text + "': the prefix length must be 0-" + bits, "refusal.rangePrefix", text, bits);
        }
        return new AddressRange(address, prefix);
    }

    private static IllegalArgumentException notARange(String text) {
        return new ConfigProblem(
                "'" + text + "' is not an address range like 10.0.0.0/8 or ::1/128", "refusal.notARange", text);
    }

    private static byte[] literal(String host) {
        if (IPV4.matcher(host).matches()) {
            String[] parts = host.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int value = Integer.parseInt(parts[i]);
                if (value > 255) {
                    return null;
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (host.indexOf(':') < 0) {
            return null;
        }
        try {
            // In brackets the JDK reads only an IPv6 literal, and never looks the text up.
            return InetAddress.getByName("[" + host + "]").getAddress();
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    /** Whether it is a range of IPv4 addresses (else IPv6). */
    public boolean isIpv4() {
        return network.length == 4;
    }

    /** How many leading bits of an address it fixes: 32 (IPv4) or 128 (IPv6) for one address. */
    public int prefixLength() {
        return prefixLength;
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

    /**
     * The range's canonical text: the address with its host bits cleared, and the prefix length unless whole. An
     * IPv6 address is written as RFC 5952 has it ({@code 2001:db8::1}), so that one address is always one text
     * however it was typed ({@code 2001:DB8:0::1}); the JDK's text writes every group ({@code 2001:db8:0:0:0:0:0:1}).
     */
    @Override
    public String toString() {
        byte[] masked = network.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - keep)) & 0xff);
        }
        String address = masked.length == 4 ? ipv4(masked) : ipv6(masked);
        return prefixLength == masked.length * 8 ? address : address + "/" + prefixLength;
    }

    private static String ipv4(byte[] address) {
        return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
    }

    /**
     * RFC 5952, section 4: lower-case hexadecimal groups without leading zeros, and the longest run of two or more
     * zero groups (the first, when runs tie) written {@code ::}.
     */
    private static String ipv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | address[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1; // a single zero group is written 0, never ::
        for (int i = 0; i < 8; ) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += Math.max(length, 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }
}
