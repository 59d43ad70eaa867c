package openchat.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for member names, shared by server and client.
 *
 * <p>A name is 1 to {@code maxLength} code points, holds no control or format characters and has no
 * leading or trailing white space. Two names are the same when their {@link #key keys} are equal: NFC
 * normalisation then case folding. Every spelling of the administrator's name ({@code 채팅관리자},
 * {@code 채팅 관리자}, any spacing or width) maps to one key and is reserved for the key holder.
 */
public final class Names {
    /** The administrator's name, as the original chat spelled it. */
    public static final String ADMINISTRATOR = "채팅관리자";

    public static final int DEFAULT_MAX_LENGTH = 32;

    /** Compiled once: every CONNECT checks its name against the administrator's. */
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    private static final String ADMINISTRATOR_KEY = fold(ADMINISTRATOR);

    private Names() {}

    /** What is wrong with {@code name} as a member's name, or empty when nothing is. */
    public static Optional<TextProblem> check(String name, int maxLength) {
        if (name == null || name.isEmpty()) {
            return Optional.of(TextProblem.of(TextProblem.Kind.EMPTY));
        }
        int length = name.codePointCount(0, name.length());
        if (length > maxLength) {
            return Optional.of(new TextProblem(TextProblem.Kind.TOO_LONG, maxLength));
        }
        if (!name.strip().equals(name)) {
            return Optional.of(TextProblem.of(TextProblem.Kind.EDGE_SPACE));
        }
        boolean invalid = name.codePoints().anyMatch(c -> {
            int type = Character.getType(c);
            return type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.UNASSIGNED
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE;
        });
        if (invalid) {
            return Optional.of(TextProblem.of(TextProblem.Kind.BAD_CHARACTER));
        }
        return Optional.empty();
    }

    public static boolean isValid(String name, int maxLength) {
        return check(name, maxLength).isEmpty();
    }

    /**
     * The identity of a name: NFC, then full case folding (approximated as upper- then lower-casing, which
     * folds ß to ss and final sigma), then NFC again. Administrator spellings all map to one key.
     */
    public static String key(String name) {
        String folded = fold(name);
        return isAdministratorKey(folded) ? ADMINISTRATOR_KEY : folded;
    }

    /** True for every spelling of the administrator's name: compatibility forms, any white space inside. */
    public static boolean isAdministrator(String name) {
        return isAdministratorKey(fold(name));
    }

    private static boolean isAdministratorKey(String folded) {
        String compact = WHITE_SPACE
                .matcher(Normalizer.normalize(folded, Normalizer.Form.NFKC))
                .replaceAll("");
        return compact.equals(ADMINISTRATOR_KEY);
    }

    private static String fold(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        String folded = nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }
}
