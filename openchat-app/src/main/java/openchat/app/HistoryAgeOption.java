package openchat.app;

import java.time.Duration;
import java.util.Locale;
import openchat.core.BanDuration;
import picocli.CommandLine.ITypeConverter;

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
                    .orElseThrow(() -> new OpenchatCommand.WordedConversion("value.noAge", value));
        } catch (IllegalArgumentException e) {
            throw BanDuration.hasUnits(value)
                            || !value.isEmpty() && value.chars().allMatch(Character::isDigit)
                    ? new OpenchatCommand.WordedConversion(
                            "value.ageTooLong", value, BanDuration.text(BanDuration.LONGEST))
                    : new OpenchatCommand.WordedConversion("value.notAge", value);
        }
    }
}
