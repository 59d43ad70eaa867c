package openchat.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A registered room's key ({@link Chat#registerRoom}): what proves its owner when it comes back, whatever name it
 * has then. A key is 128 random bits written as 26 letters and digits (RFC 4648 base32 in lower case, without
 * padding), easy to copy and to type into IRC's {@code JOIN #room key}; the server keeps only its SHA-256, so that
 * its database (or Redis) gives away no key. A key of that many random bits cannot be guessed, so wrong keys are not
 * counted, as the administrator's (which its operator may choose) are.
 */
public final class RoomKey {
    /** How many letters a key has. */
    public static final int LENGTH = 26;

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomKey() {}

    /** A new key. */
    public static String generate() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        StringBuilder key = new StringBuilder(LENGTH);
        int buffer = 0;
        int held = 0;
        for (byte b : bits) {
            buffer = buffer << 8 | (b & 0xff);
            held += 8;
            while (held >= 5) {
                key.append(ALPHABET[buffer >>> (held - 5) & 31]);
                held -= 5;
            }
        }
        if (held > 0) {
            key.append(ALPHABET[buffer << (5 - held) & 31]);
        }
        return key.toString();
    }

    /**
     * What the server keeps of {@code key}: its SHA-256 in hex, of the key stripped and in lower case (a key typed in
     * capitals, or pasted with a space, is the same key).
     */
    public static String hash(String key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha256.digest(key.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Whether {@code key} is the one {@code hash} was made of; false for a null or blank key, or no hash. */
    public static boolean opens(String key, String hash) {
        if (key == null || key.isBlank() || hash == null) {
            return false;
        }
        return MessageDigest.isEqual(
                hash(key).getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The network a registration by {@code by} counts against ({@link CoreConfig#MAX_REGISTERED_ROOMS_PER_NETWORK}): its
     * address's {@link AddressKey#network}, as text; null for the administrator, and for a member whose address is not
     * known.
     */
    public static String networkOf(Member<?> by) {
        return by.isAdmin() || by.origin() == null
                ? null
                : AddressKey.network(by.origin()).toString();
    }
}
