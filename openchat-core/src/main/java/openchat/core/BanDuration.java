package openchat.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.BiFunction;

/**
 * How long a ban lasts, written as IRC operators write a K-line's: {@code 30m}, {@code 1h30m}, {@code 7d},
 * {@code 1y2w3d4h5m6s} (a year is 365 days, a week 7), or whole seconds ({@code 3600}); and as the history's maximum
 * age is written, {@code 30min} and {@code 6mo} (a month of 30 days). {@code 0} is a permanent ban. At most
 * {@link #LONGEST}. Read by {@link WrittenDuration}, where {@code m} is minutes ({@link WrittenDuration.BareM#MINUTES}).
 */
public final class BanDuration {
    /** The longest a timed ban may last: ten years of 365 days. Longer is asked for with a permanent ban. */
    public static final Duration LONGEST = Duration.ofDays(3650);

    private BanDuration() {}

    /** Whether {@code text} is written with units ({@code 30m}, {@code 1h30m}, {@code 10min}), not as bare seconds. */
    public static boolean hasUnits(String text) {
        return WrittenDuration.hasUnits(text, WrittenDuration.BareM.MINUTES);
    }

    /**
     * Whether {@code text} was meant as a ban's duration, though it may not be one that is allowed: digits, or digits
     * each with a unit ({@code 99999999999m} is meant as one, and refused as too long).
     */
    public static boolean isMeant(String text) {
        return WrittenDuration.isMeant(text);
    }

    /**
     * The duration {@code text} writes: empty for {@code 0} (permanent). Throws {@link IllegalArgumentException}
     * for text that is not a duration, or one over {@link #LONGEST}.
     */
    public static Optional<Duration> parse(String text) {
        long seconds = WrittenDuration.seconds(text, WrittenDuration.BareM.MINUTES);
        if (seconds > LONGEST.toSeconds()) {
            throw new IllegalArgumentException("longer than " + text(LONGEST) + ": " + text);
        }
        return seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /** Whether a ban may last {@code lasting}: from one second to {@link #LONGEST}. */
    public static boolean isAllowed(Duration lasting) {
        return !lasting.isNegative() && !lasting.isZero() && lasting.compareTo(LONGEST) <= 0;
    }

    /**
     * {@code lasting} as it is written to {@link #parse}, largest units first and none that is zero: {@code 1h30m},
     * {@code 7d}, {@code 45s}. Shown as is in every language, as IRC servers show a K-line's duration.
     */
    public static String text(Duration lasting) {
        long seconds = Math.max(0, lasting.toSeconds());
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long days = seconds / 86_400;
        for (long[] part :
                new long[][] {{days, 'd'}, {seconds / 3_600 % 24, 'h'}, {seconds / 60 % 60, 'm'}, {seconds % 60, 's'}
                }) {
            if (part[0] > 0) {
                text.append(part[0]).append((char) part[1]);
            }
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * {@code lasting} in a reader's words, for a person rather than an operator's command line: its days, hours,
     * minutes and seconds that are not zero, largest first, each as {@code word} says a count of that unit ({@code 'd'},
     * {@code 'h'}, {@code 'm'} or {@code 's'}), joined by spaces: {@code 1시간 30분}, {@code 1 h 30 min}.
     */
    public static String words(Duration lasting, BiFunction<Character, Long, String> word) {
        long seconds = Math.max(0, lasting.toSeconds());
        if (seconds == 0) {
            return word.apply('s', 0L);
        }
        StringJoiner words = new StringJoiner(" ");
        long[] counts = {seconds / 86_400, seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60};
        char[] units = {'d', 'h', 'm', 's'};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                words.add(word.apply(units[i], counts[i]));
            }
        }
        return words.toString();
    }
}
