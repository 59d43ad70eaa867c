package openchat.app;

import java.util.Optional;

/** The name a mistyped one was probably meant to be: a config key, an option, a subcommand. */
final class NearestName {

    /** Typos further than this many edits from every name get no guess: a wrong guess is worse than none. */
    private static final int MAX_EDITS = 2;

    private NearestName() {}

    /** The name in {@code names} fewest edits from {@code typed}, if it is within {@link #MAX_EDITS}. */
    static Optional<String> in(String typed, Iterable<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names) {
            int distance = candidate.equals(typed) ? 0 : editDistance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= MAX_EDITS ? Optional.ofNullable(best) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
