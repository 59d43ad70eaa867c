package openchat.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for room names: 1 to {@link #MAX_LENGTH} code points of Unicode letters, digits, {@code -},
 * {@code _}, {@code .} and {@code +} (IRC's {@code #c++}); a room entered or created also mixes no look-alike alphabets and holds no compatibility
 * forms ({@link #checkNew}). Two names are the same room when their {@link #key keys} are equal (NFC, then case
 * folding); a room is shown as its creator first wrote it.
 */
public final class RoomNames {
    public static final int MAX_LENGTH = 32;
    /** The room that always exists; where a client goes when it names none. */
    public static final String LOBBY = "lobby";

    private RoomNames() {}

    /**
     * What is wrong with {@code name} as a room's name, or empty when nothing is. The name is read in NFC, as rooms
     * compare: a letter typed decomposed ({@code A} and a combining ring, as macOS input sends {@code Å}) is one letter.
     */
    public static Optional<TextProblem> check(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(TextProblem.of(TextProblem.Kind.EMPTY));
        }
        String nfc = isLowerAscii(name) ? name : Normalizer.normalize(name, Normalizer.Form.NFC);
        if (nfc.codePointCount(0, nfc.length()) > MAX_LENGTH) {
            return Optional.of(new TextProblem(TextProblem.Kind.TOO_LONG, MAX_LENGTH));
        }
        if (!allowedCharacters(nfc)) {
            return Optional.of(TextProblem.of(TextProblem.Kind.ROOM_CHARACTERS));
        }
        if (onlyDots(nfc)) {
            // "/rooms/.." reads as the parent of /rooms/ to anything that builds or resolves URLs from it.
            return Optional.of(TextProblem.of(TextProblem.Kind.ONLY_DOTS));
        }
        return Optional.empty();
    }

    private static boolean onlyDots(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != '.') {
                return false;
            }
        }
        return true; // check ran on every chat line: a stream here was 1.7 % of the IRC listener's core at closed-5
    }

    /**
     * What is wrong with {@code name} as the name of a room to enter or create, or empty when nothing is: {@link
     * #check}'s rules, and two more against look-alikes of another room (a {@code lobby} spelt with a Cyrillic
     * {@code о}, or in full-width {@code ｌｏｂｂｙ}, listed beside the real one): no mixing of the Latin, Greek and
     * Cyrillic alphabets, as for member names, and no compatibility forms (full- or half-width letters, ligatures),
     * which NFKC would make other letters. Not on every line ({@link #isValid} is): once in, a room is valid.
     */
    public static Optional<TextProblem> checkNew(String name) {
        Optional<TextProblem> problem = check(name);
        if (problem.isPresent() || isLowerAscii(name)) {
            return problem;
        }
        if (Names.mixesLookalikeAlphabets(name)) {
            return Optional.of(TextProblem.of(TextProblem.Kind.MIXED_ALPHABETS));
        }
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (!Normalizer.normalize(nfc, Normalizer.Form.NFKC).equals(nfc)) {
            return Optional.of(TextProblem.of(TextProblem.Kind.COMPATIBILITY_FORM));
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

    /**
     * Letters, digits, '-', '_', '.' and '+' only: a plain loop, since every chat line's room name passes here. Not '#',
     * which starts a comment in the client's file of room keys and would make {@code /입장 #dev} another room than
     * {@code dev} for someone used to IRC; not ',' or a space, which IRC's commands take as separators.
     */
    private static boolean allowedCharacters(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '.' && c != '+'
                    || c > 0x7F && Names.isInvisible(c)) {
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
