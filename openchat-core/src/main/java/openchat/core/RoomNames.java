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

    /** What is wrong with {@code name} as a room's name, or empty when nothing is. */
    public static Optional<TextProblem> check(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(TextProblem.of(TextProblem.Kind.EMPTY));
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return Optional.of(new TextProblem(TextProblem.Kind.TOO_LONG, MAX_LENGTH));
        }
        if (!allowedCharacters(name)) {
            return Optional.of(TextProblem.of(TextProblem.Kind.ROOM_CHARACTERS));
        }
        return Optional.empty();
    }

    private static boolean isLowerAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 0x80 || c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    /** Letters, digits, '-', '_' and '.' only: a plain loop, since every chat line's room name passes here. */
    private static boolean allowedCharacters(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.' || c > 0x7F && Names.isInvisible(c)) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    public static boolean isValid(String name) {
        return check(name).isEmpty();
    }

    /** The identity of a room name: NFC, case folded, NFC. */
    public static String key(String name) {
        if (isLowerAscii(name)) {
            return name; // its own key, as the general path would find: the common case, on every chat line
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        return Normalizer.normalize(nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
