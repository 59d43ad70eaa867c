package openchat.core;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a person writes a length of time to openchat, a ban's ({@link BanDuration}) and the history's maximum
 * age ({@code --history-max-age}) alike: whole seconds ({@code 3600}), or numbers with units, largest or not, in any
 * case: {@code y} (365 days), {@code mo} (a month of 30 days), {@code w} (7 days), {@code d}, {@code h}, {@code min}
 * (minutes), {@code s}, as in {@code 30min}, {@code 1h30min}, {@code 6mo}, {@code 1y2w}; or the Korean words for them,
 * as a Korean administrator types by habit: {@code 년}, {@code 개월} or {@code 달}, {@code 주}, {@code 일}, {@code 시간},
 * {@code 분}, {@code 초}, as in {@code 30분}, {@code 1시간30분}, {@code 6개월} (the two kinds may mix: {@code 1h30분}).
 * Korean has no word that could be minutes or months, so {@code 분} is minutes everywhere. The parts may stand apart, as
 * Korean writes them ({@code 1시간 30분}, {@code 1h 30m}): spaces between parts that each have a unit are no part of it.
 *
 * <p>A bare {@code m} is where the two differ, and the only place: in a ban it is minutes ({@link BareM#MINUTES}),
 * because IRC operators write a K-line's {@code 30m} and {@code 1h30m} by habit from InspIRCd and ergo, and a ban
 * read a minute where a month was meant is lifted early and banned again, no harm done. In the history's age it is
 * refused ({@link BareM#REFUSED}): Prosody's {@code archive_expires_after}, which that option stands for, is read in
 * months by many, and a history meant to last six months that is kept six minutes is deleted for good.
 */
public final class WrittenDuration {
    /** What a bare {@code m} means. */
    public enum BareM {
        /** Minutes, as in an InspIRCd K-line ({@code 30m}): a ban's duration. */
        MINUTES,
        /** Neither: minutes and months are written {@code min} and {@code mo} (the history's maximum age). */
        REFUSED
    }

    private static final String UNIT = "(?:mo|min|[ywdhms]|년|개월|달|주|일|시간|분|초)";
    private static final Pattern WITH_UNITS = Pattern.compile("(?:\\d{1,10}" + UNIT + ")+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PART = Pattern.compile("(\\d{1,10})(" + UNIT + ")", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECONDS = Pattern.compile("\\d{1,10}");
    /** A word meant as a duration, if not always one that can be read: digits, or digits each with a unit. */
    private static final Pattern MEANT = Pattern.compile("\\d+|(?:\\d+" + UNIT + ")+", Pattern.CASE_INSENSITIVE);

    private WrittenDuration() {}

    /** Why a text is not a duration. */
    public enum Why {
        /** Not written as one at all ({@code soon}, {@code 1.5h}, {@code 30mins}). */
        NOT_A_DURATION,
        /** Written with a bare {@code m} where that is refused ({@code 6m} as the history's age). */
        BARE_M,
        /** Too long to count in seconds. */
        TOO_LONG
    }

    /** A text that is not a duration, and {@link #why()}. */
    public static final class Unreadable extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // an enum
        private final Why why;

        Unreadable(Why why, String text) {
            super(why.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + text);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }

    /** Whether {@code text} is written with units ({@code 30min}, {@code 1h30m} where {@code m} is read), not seconds. */
    public static boolean hasUnits(String written, BareM m) {
        String text = together(written);
        if (!WITH_UNITS.matcher(text).matches()) {
            return false;
        }
        return m == BareM.MINUTES || PART.matcher(text).results().noneMatch(WrittenDuration::isBareM);
    }

    /**
     * Whether {@code text} was meant as a duration, though it may be too long to read: digits ({@code 3600}), or
     * digits each with a unit ({@code 1h30m}, {@code 10min}). What an IRC KLINE's second word is taken for.
     */
    public static boolean isMeant(String text) {
        return MEANT.matcher(together(text)).matches();
    }

    /** {@code written} without the spaces between its parts ({@code 1시간 30분}), when each part has a unit; else as is. */
    private static String together(String written) {
        String text = written.strip();
        if (text.chars().noneMatch(Character::isWhitespace)) {
            return text;
        }
        String[] parts = text.split("\\s+");
        for (String part : parts) {
            if (!WITH_UNITS.matcher(part).matches()) {
                return written;
            }
        }
        return String.join("", parts);
    }

    /**
     * The seconds {@code text} writes, {@code 0} included. Throws {@link Unreadable} for text that is not written as
     * a duration, one with a bare {@code m} that {@code m} refuses, or one too long to count.
     */
    public static long seconds(String written, BareM m) {
        String text = together(written);
        if (SECONDS.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        if (!WITH_UNITS.matcher(text).matches()) {
            throw new Unreadable(Why.NOT_A_DURATION, text);
        }
        long seconds = 0;
        Matcher part = PART.matcher(text);
        while (part.find()) {
            if (m == BareM.REFUSED && isBareM(part)) {
                throw new Unreadable(Why.BARE_M, text);
            }
            try {
                seconds = Math.addExact(
                        seconds, Math.multiplyExact(Long.parseLong(part.group(1)), unitSeconds(part.group(2))));
            } catch (ArithmeticException tooLong) {
                throw new Unreadable(Why.TOO_LONG, text);
            }
        }
        return seconds;
    }

    private static boolean isBareM(java.util.regex.MatchResult part) {
        return part.group(2).equalsIgnoreCase("m");
    }

    private static long unitSeconds(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "y", "년" -> 365L * 86_400;
            case "mo", "개월", "달" -> 30L * 86_400;
            case "w", "주" -> 7L * 86_400;
            case "d", "일" -> 86_400;
            case "h", "시간" -> 3_600;
            case "m", "min", "분" -> 60;
            default -> 1;
        };
    }
}
