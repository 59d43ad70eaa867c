package openchat.server.irc;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When something happened, as the IRC adapter writes it for people: {@code 2026-12-06 17:02:23 KST}. The date and
 * time read as the terminal client's and the chat lines' stamps do ({@code [2026-12-06 17:12:14]}); the server's
 * zone follows, since an IRC reply cannot know its reader's: its short name ({@code UTC}, {@code KST}, {@code CET}),
 * or its offset ({@code +04:00}) where the zone has none. For the server's start ({@code 003}, {@code INFO}), its
 * clock ({@code TIME}), ChanServ's registrations and WHOWAS.
 */
final class IrcDates {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /** A zone's short name in the form time zone databases give it, not a language's ({@code KST}, not {@code 한국}). */
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("z", Locale.ROOT);

    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");

    private IrcDates() {}

    /** {@code at} in the server's zone. */
    static String of(Instant at) {
        return of(at, ZoneId.systemDefault());
    }

    /** {@code at} in {@code zone}, the zone written after the time. */
    static String of(Instant at, ZoneId zone) {
        ZonedDateTime there = at.atZone(zone);
        return DATE_TIME.format(there) + " " + zoneOf(there);
    }

    /**
     * The zone's short name; {@code UTC} for an offset of zero given as an offset; the offset where the zone has no
     * name of its own (the JDK then writes {@code GMT+04:00}, or the offset itself for a bare offset).
     */
    private static String zoneOf(ZonedDateTime at) {
        if (at.getZone() instanceof ZoneOffset offset) {
            return offset.getTotalSeconds() == 0 ? "UTC" : OFFSET.format(at);
        }
        String name = ZONE_NAME.format(at);
        return name.startsWith("GMT+") || name.startsWith("GMT-") ? OFFSET.format(at) : name;
    }
}
