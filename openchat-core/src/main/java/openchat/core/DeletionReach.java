package openchat.core;

import java.time.Duration;
import java.util.Optional;

/**
 * How far back a deletion by name reaches, as a person writes it after the name ({@code 30m}, {@code 2h}, {@code 1d},
 * {@code 1시간 30분}): read alike by the terminal's {@code /삭제} and IRC's {@code ChanServ DELETE} (trial 14: {@code 30}
 * meant 30 seconds on one and was refused on the other, and {@code -5m} became the room's reason). A word meant as one
 * ({@link #isMeant}) must have units, no sign, be more than nothing and at most {@link BanDuration#LONGEST}.
 */
public final class DeletionReach {
    /** What is wrong with a written reach, or {@link #NONE}. */
    public enum Problem {
        NONE,
        /** No units, or a sign: {@code 30}, {@code -5m}. */
        NO_UNITS,
        /** Longer than {@link BanDuration#LONGEST}. */
        TOO_LONG,
        /** Nothing: {@code 0m}. */
        ZERO
    }

    /** A reach read: {@code within} when {@code problem} is {@link Problem#NONE}, else null. */
    public record Read(Duration within, Problem problem) {}

    private DeletionReach() {}

    /**
     * Whether {@code word}, the first after the name, was meant as the reach: it begins with a digit, or a sign before
     * one ({@code 30m}; and {@code 30}, {@code -5m}, {@code 3번째}, refused rather than read as a reason).
     */
    public static boolean isMeant(String word) {
        int digitAt = word.startsWith("-") || word.startsWith("+") ? 1 : 0;
        return word.length() > digitAt && Character.isDigit(word.charAt(digitAt));
    }

    /** {@code written} (one word, or the parts of one written apart) read as a reach. */
    public static Read read(String written) {
        if (written.isEmpty() || !Character.isDigit(written.charAt(0)) || !BanDuration.hasUnits(written)) {
            return new Read(null, Problem.NO_UNITS);
        }
        Optional<Duration> within;
        try {
            within = BanDuration.parse(written);
        } catch (IllegalArgumentException | ArithmeticException tooLong) {
            return new Read(null, Problem.TOO_LONG);
        }
        return within.map(duration -> new Read(duration, Problem.NONE)).orElseGet(() -> new Read(null, Problem.ZERO));
    }
}
