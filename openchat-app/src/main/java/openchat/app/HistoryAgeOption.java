package openchat.app;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import openchat.server.config.ServerConfig;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --history-max-age} on the command line and in the file: an age in units no one reads two ways ({@code 30d},
 * {@code 12h}, {@code 90min}, {@code 2w}, {@code 6mo}, {@code 1y}, {@code 1d12h}, or whole seconds), or {@code off}
 * for messages of any age. A month ({@code mo}) is 30 days, a year ({@code y}) 365.
 *
 * <p>Not the syntax of a ban's duration ({@code 30m}, as IRC operators write a K-line's): Prosody's
 * {@code archive_expires_after}, which this option stands for, is read in months by many, and a bare {@code m} taken
 * for minutes would delete a history meant to last months. So {@code m} and {@code M} are refused, saying to write
 * {@code min} or {@code mo}.
 */
final class HistoryAgeOption implements ITypeConverter<Duration> {
    private static final Pattern AGE = Pattern.compile("(\\d{1,10}(s|min|h|d|w|mo|y))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(s|min|h|d|w|mo|y)");
    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");
    /** Numbers with letters after them, whatever the letters: where a bare {@code m} is looked for. */
    private static final Pattern LETTERED = Pattern.compile("(\\d+[A-Za-z]+)+");

    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]+");

    @Override
    public Duration convert(String value) {
        if (value.toLowerCase(Locale.ROOT).equals("off")) {
            return null;
        }
        long seconds;
        if (SECONDS.matcher(value).matches()) {
            seconds = Long.parseLong(value);
        } else if (AGE.matcher(value).matches()) {
            seconds = 0;
            Matcher part = PART.matcher(value);
            try {
                while (part.find()) {
                    seconds = Math.addExact(
                            seconds, Math.multiplyExact(Long.parseLong(part.group(1)), unitSeconds(part.group(2))));
                }
            } catch (ArithmeticException e) {
                throw tooLong(value);
            }
        } else if (LETTERED.matcher(value).matches()
                && LETTERS.matcher(value).results().anyMatch(unit -> unit.group()
                        .equalsIgnoreCase("m"))) {
            throw new OpenchatCommand.WordedConversion("value.ageMinuteOrMonth", value);
        } else {
            throw new OpenchatCommand.WordedConversion("value.notAge", value);
        }
        if (seconds == 0) {
            throw new OpenchatCommand.WordedConversion("value.noAge", value);
        }
        if (seconds > ServerConfig.LONGEST_AGE.toSeconds()) {
            throw tooLong(value);
        }
        return Duration.ofSeconds(seconds);
    }

    private static OpenchatCommand.WordedConversion tooLong(String value) {
        return new OpenchatCommand.WordedConversion(
                "value.ageTooLong", value, ServerConfig.LONGEST_AGE.toDays() / 365 + "y");
    }

    private static long unitSeconds(String unit) {
        return switch (unit) {
            case "y" -> 365L * 86_400;
            case "mo" -> 30L * 86_400;
            case "w" -> 7L * 86_400;
            case "d" -> 86_400;
            case "h" -> 3_600;
            case "min" -> 60;
            default -> 1;
        };
    }
}
