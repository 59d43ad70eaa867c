package openchat.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for room names: 1 to {@link #MAX_LENGTH} code points of Unicode letters, digits, {@code -},
 * {@code _} and {@code .}. Two names are the same room when their {@link #key keys} are equal (NFC, then case
 * folding, as for member names); a room is shown as its creator first wrote it.
 */
public final class RoomNames {
    public static final int MAX_LENGTH = 32;
    /** The room that always exists; where a client goes when it names none. */
    public static final String LOBBY = "lobby";

    private RoomNames() {}

    /** Why {@code name} is not a valid room name, or empty when it is. English, for logs and answers. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("room name is empty");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of("room name is longer than " + MAX_LENGTH + " characters");
        }
        boolean invalid =
                name.codePoints().anyMatch(c -> !Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.');
        if (invalid) {
            return Optional.of("a room name holds only letters, digits, '-', '_' and '.'");
        }
        return Optional.empty();
    }

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** The identity of a room name: NFC, case folded, NFC. */
    public static String key(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        return Normalizer.normalize(nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
