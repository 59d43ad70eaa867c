package openchat.core;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The wildcards a ban may be written with, as IRC operators write K-line masks: {@code *} for any run of
 * characters and {@code ?} for one. An IPv4 address whose last parts are {@code *} ({@code 203.0.113.*},
 * {@code 10.*}) is the network they leave open; anything else with a wildcard ({@code troll*}, {@code 손님??}) is
 * a mask over names, compared as names compare ({@link Names#key}: case, spelling and separators folded). Other
 * wildcards among an address's characters ({@code 203.*.113.5}, {@code 2001:db8:*}) are neither, and refused. A mask
 * over names has {@link #looks} too, which fit the names' looks.
 */
final class BanMask {
    private static final Pattern ADDRESS_GLOB = Pattern.compile("(\\d{1,3}\\.){1,3}\\*(\\.\\*){0,2}");
    /**
     * Wildcards among an address's characters in no shape {@link #network} reads, or an IRC mask's {@code !} and
     * {@code @} (its listener reads those): neither a mask over names nor a network.
     */
    private static final Pattern ADDRESS_LIKE = Pattern.compile("[0-9.*?]*\\.[0-9.*?]*|.*[:/@!].*");

    private BanMask() {}

    /** Whether {@code target} has a wildcard. */
    static boolean isMask(String target) {
        return target.indexOf('*') >= 0 || target.indexOf('?') >= 0;
    }

    /**
     * The network an IPv4 address with trailing {@code *} parts leaves open: {@code 203.0.113.*} is
     * {@code 203.0.113.0/24}. Empty for text of any other shape.
     */
    static Optional<String> network(String target) {
        if (!ADDRESS_GLOB.matcher(target).matches()) {
            return Optional.empty();
        }
        String[] parts = target.split("\\.");
        StringBuilder network = new StringBuilder();
        int known = 0;
        for (int i = 0; i < 4; i++) {
            boolean given = i < parts.length && !parts[i].equals("*");
            if (given) {
                known++;
            }
            network.append(i > 0 ? "." : "").append(given ? parts[i] : "0");
        }
        return Optional.of(network.append('/').append(known * 8).toString());
    }

    /**
     * The key of a mask over names: each run of characters between wildcards as {@link Names#key} writes it, the
     * wildcards kept. Refuses ({@link Refusal.Reason#INVALID_BAN}) a mask with nothing but wildcards, which would
     * keep everyone out.
     */
    static String nameKey(String mask) {
        if (ADDRESS_LIKE.matcher(mask).matches()) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, mask); // 203.*.113.5, 2001:db8:*: not what a mask means
        }
        boolean anyLiteral = mask.chars().anyMatch(c -> c != '*' && c != '?' && !Character.isWhitespace(c));
        if (!anyLiteral) {
            throw Refusal.of(Refusal.Reason.INVALID_BAN, mask);
        }
        return mapRuns(mask, BanMask::literalKey);
    }

    /** A run of a mask's characters as a name's key writes it: marks that only lead a name are read so at its start. */
    private static String literalKey(CharSequence literal, boolean first) {
        if (literal.length() == 0) {
            return "";
        }
        return first ? Names.key(literal.toString()) : Names.key("a" + literal).substring(1);
    }

    /**
     * A run of a mask's characters taken to its look ({@link Names#skeleton}), read where it stands as
     * {@link #literalKey} reads it. The look holds no wildcard: a name's look has its separators ({@code * ?} among
     * them) written {@code _}.
     */
    private static String literalLook(CharSequence literal, boolean first) {
        if (literal.length() == 0) {
            return "";
        }
        if (first) {
            return Names.skeleton(literal.toString());
        }
        String behind = Names.skeleton("a" + literal);
        return behind.startsWith("a") ? behind.substring(1) : Names.skeleton(literal.toString());
    }

    /**
     * The looks of a mask over names, as masks: {@code written} (the mask as the ban writes it), {@code key} (its
     * {@link #nameKey}) and the key in capitals, with each run of characters between wildcards taken to its look, the
     * wildcards kept; each once. {@code TR0LL*} and its key {@code tr0ll*} both look like {@code troll*}; {@code alice*}
     * in capitals looks like {@code allce*}, which {@code AL1CE_fan} fits.
     */
    static List<String> looks(String written, String key) {
        return Stream.of(written, key, key.toUpperCase(Locale.ROOT))
                .map(BanMask::lookOf)
                .distinct()
                .toList();
    }

    /** A mask with each run between its wildcards taken to its look. */
    private static String lookOf(String mask) {
        return mapRuns(mask, BanMask::literalLook);
    }

    /** {@code mask} with each run of characters between wildcards as {@code form} writes it ({@code true}: the first). */
    private static String mapRuns(String mask, BiFunction<CharSequence, Boolean, String> form) {
        StringBuilder out = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < mask.length(); i++) {
            char c = mask.charAt(i);
            if (c == '*' || c == '?') {
                out.append(form.apply(literal, out.length() == 0)).append(c);
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        return out.append(form.apply(literal, out.length() == 0)).toString();
    }

    /** The pattern a mask's key makes over name keys. */
    static Pattern pattern(String maskKey) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < maskKey.length(); i++) {
            char c = maskKey.charAt(i);
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
