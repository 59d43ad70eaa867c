package openchat.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One ban: no one with the name, or from the address, may connect. {@code target} is a name as the administrator
 * wrote it, or an address or network as {@link #parseAddress} reads it ({@code 203.0.113.7},
 * {@code 203.0.113.0/24}, {@code 2001:db8::/32}); {@code key} is what it is looked up by ({@link Names#key} for a
 * name, the address text for an address). {@code reason} may be empty.
 */
public record Ban(String target, Kind kind, String key, String by, OffsetDateTime at, String reason) {

    /** What a ban names. */
    public enum Kind {
        NAME,
        ADDRESS;

        public String wireName() {
            return this == NAME ? "name" : "address";
        }

        public static Kind fromWire(String value) {
            return value.equals("address") ? ADDRESS : NAME;
        }
    }

    /** What looks like an address rather than a name: IPv4's four numbers, or hexadecimal with colons. */
    private static final Pattern ADDRESS_LIKE =
            Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f]*:[0-9A-Fa-f:.]*)(/\\d{1,3})?");

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** A ban of {@code target}: an address or network when it looks like one, else a name. */
    static Ban of(String target, String by, OffsetDateTime at, String reason) {
        Optional<Network> network = parseAddress(target);
        if (network.isPresent()) {
            String text = network.get().toString();
            return new Ban(text, Kind.ADDRESS, text, by, at, reason);
        }
        return new Ban(target, Kind.NAME, Names.key(target), by, at, reason);
    }

    /**
     * A reason as a ban keeps it: one line of at most {@link Chat#MAX_TOPIC_LENGTH} code points, line breaks and
     * other control characters as spaces (it is shown in lists and in one line of IRC).
     */
    static String oneLine(String reason) {
        StringBuilder line = new StringBuilder();
        reason.strip().codePoints().limit(Chat.MAX_TOPIC_LENGTH).forEach(c -> {
            line.appendCodePoint(Character.getType(c) == Character.CONTROL ? ' ' : c);
        });
        return line.toString();
    }

    /** The key a target is looked up by, as {@link #of} would make it (for lifting a ban). */
    static String keyOf(String target) {
        return parseAddress(target).map(Network::toString).orElseGet(() -> Names.key(target));
    }

    /**
     * The address or network {@code text} writes, when it looks like one ({@code 203.0.113.7}, {@code ::1},
     * {@code 10.0.0.0/8}). Refuses ({@link Refusal.Reason#INVALID_BAN}) what looks like an address but is not one
     * ({@code 300.1.2.3}, a prefix longer than the address). Never asks DNS: only literals are read.
     */
    static Optional<Network> parseAddress(String text) {
        if (!ADDRESS_LIKE.matcher(text).matches()) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(host);
        if (bytes == null) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, text);
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            prefix = Integer.parseInt(text.substring(slash + 1));
            if (prefix > bits) {
                throw Refusal.of(Refusal.Reason.INVALID_BAN, text);
            }
        }
        return Optional.of(new Network(bytes, prefix));
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
            // With a colon the JDK reads an IPv6 literal and never looks the text up.
            return InetAddress.getByName("[" + host + "]").getAddress();
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    /** Whether this ban keeps out a member named by {@code nameKey} connecting from {@code origin}. */
    boolean matches(String nameKey, InetAddress origin) {
        if (kind == Kind.NAME) {
            return key.equals(nameKey);
        }
        return origin != null && parseAddress(key).orElseThrow().contains(origin);
    }

    /** An address and the number of leading bits that must match; all of them for a single address. */
    record Network(byte[] bytes, int prefix) {
        boolean contains(InetAddress address) {
            byte[] other = address.getAddress();
            if (other.length != bytes.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (other[i] != bytes[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (other[whole] & mask) == (bytes[whole] & mask);
        }

        /** The network's canonical text: the address with its host bits cleared, and the prefix unless whole. */
        @Override
        public String toString() {
            byte[] masked = bytes.clone();
            for (int i = 0; i < masked.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                masked[i] = (byte) (masked[i] & (0xff << (8 - keep)) & 0xff);
            }
            String address;
            try {
                address = InetAddress.getByAddress(masked).getHostAddress();
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
            return prefix == masked.length * 8 ? address : address + "/" + prefix;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Network n && n.toString().equals(toString());
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }
    }
}
