package openchat.core;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a ban lasts, written as IRC operators write a K-line's: {@code 30m}, {@code 1h30m}, {@code 7d},
 * {@code 1y2w3d4h5m6s} (a year is 365 days, a week 7), or whole seconds ({@code 3600}). {@code 0} is a permanent
 * ban. At most {@link #LONGEST}.
 */
public final class BanDuration {
    /** The longest a timed ban may last: ten years of 365 days. Longer is asked for with a permanent ban. */
    public static final Duration LONGEST = Duration.ofDays(3650);

    private static final Pattern WITH_UNITS = Pattern.compile("(\\d{1,10}[ywdhms])+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PART = Pattern.compile("(\\d+)([ywdhms])", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");

    private BanDuration() {}

    /** Whether {@code text} is written with units ({@code 30m}, {@code 1h30m}), not as bare seconds. */
    public static boolean hasUnits(String text) {
        return WITH_UNITS.matcher(text).matches();
    }

    /**
     * The duration {@code text} writes: empty for {@code 0} (permanent). Throws {@link IllegalArgumentException}
     * for text that is not a duration, or one over {@link #LONGEST}.
     */
    public static Optional<Duration> parse(String text) {
        long seconds;
        if (SECONDS.matcher(text).matches()) {
            seconds = Long.parseLong(text);
        } else if (hasUnits(text)) {
            seconds = 0;
            Matcher part = PART.matcher(text);
            while (part.find()) {
                seconds = Math.addExact(
                        seconds,
                        Math.multiplyExact(
                                Long.parseLong(part.group(1)),
                                unitSeconds(part.group(2).charAt(0))));
            }
        } else {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        if (seconds > LONGEST.toSeconds()) {
            throw new IllegalArgumentException("longer than " + text(LONGEST) + ": " + text);
        }
        return seconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /** Whether a ban may last {@code lasting}: from one second to {@link #LONGEST}. */
    public static boolean isAllowed(Duration lasting) {
        return !lasting.isNegative() && !lasting.isZero() && lasting.compareTo(LONGEST) <= 0;
    }

    private static long unitSeconds(char unit) {
        return switch (Character.toLowerCase(unit)) {
            case 'y' -> 365L * 86_400;
            case 'w' -> 7L * 86_400;
            case 'd' -> 86_400;
            case 'h' -> 3_600;
            case 'm' -> 60;
            default -> 1;
        };
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
}
