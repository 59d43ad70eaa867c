package openchat.app;

import java.time.Duration;
import java.util.Locale;
import openchat.core.WrittenDuration;
import openchat.server.config.ServerConfig;
import picocli.CommandLine.ITypeConverter;

/**
 * {@code --history-max-age} on the command line and in the file: an age written as {@link WrittenDuration} reads one
 * ({@code 30d}, {@code 12h}, {@code 90min}, {@code 2w}, {@code 6mo}, {@code 1y}, {@code 1d12h}, or whole seconds), or
 * {@code off} for messages of any age. A month ({@code mo}) is 30 days, a year ({@code y}) 365.
 *
 * <p>The grammar of a ban's duration, but for a bare {@code m} ({@link WrittenDuration.BareM#REFUSED}): a ban's
 * {@code 30m} is minutes, as IRC operators write a K-line's, while Prosody's {@code archive_expires_after}, which this
 * option stands for, is read in months by many, and a bare {@code m} taken for minutes would delete a history meant
 * to last months. So {@code m} and {@code M} are refused here, saying to write {@code min} or {@code mo}.
 */
final class HistoryAgeOption implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        if (value.toLowerCase(Locale.ROOT).equals("off")) {
            return null;
        }
        long seconds;
        try {
            seconds = WrittenDuration.seconds(value, WrittenDuration.BareM.REFUSED);
        } catch (WrittenDuration.Unreadable unreadable) {
            throw switch (unreadable.why()) {
                case BARE_M -> new OpenchatCommand.WordedConversion("value.ageMinuteOrMonth", value);
                case TOO_LONG -> tooLong(value);
                case NOT_A_DURATION -> new OpenchatCommand.WordedConversion("value.notAge", value);
            };
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
}
