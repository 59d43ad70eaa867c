package openchat.app;

import java.time.Duration;
import java.util.Locale;
import openchat.core.BanDuration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --history-max-age} on the command line: a duration as timed bans take it ({@code 30d}, {@code 12h},
 * {@code 2w}, {@code 1d12h}, or whole seconds), or {@code off} for messages of any age.
 */
final class HistoryAgeOption implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        if (value.toLowerCase(Locale.ROOT).equals("off")) {
            return null;
        }
        try {
            return BanDuration.parse(value)
                    .orElseThrow(() -> new TypeConversionException(
                            "'" + value + "' is no age: write off to keep" + " messages of any age"));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(
                    BanDuration.hasUnits(value)
                                    || !value.isEmpty() && value.chars().allMatch(Character::isDigit)
                            ? "'" + value + "' is longer than " + BanDuration.text(BanDuration.LONGEST) + " (ten years)"
                            : "'" + value + "' is not an age (30d, 12h, 2w, 1d12h, seconds) or off");
        }
    }
}
