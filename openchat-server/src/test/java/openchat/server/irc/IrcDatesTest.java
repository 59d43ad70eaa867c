package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The dates IRC replies write for people (ChanServ's registrations, WHOWAS, the server's start and clock) read as the
 * terminal client's ({@code 2026-12-06 17:02:23}), followed by the server's zone, since no reply knows its reader's.
 */
class IrcDatesTest {
    private static final Instant AT = Instant.parse("2026-12-06T08:02:23.456Z");

    @Test
    void aDateReadsAsTheTerminalClientsWithTheZonesShortName() {
        assertThat(IrcDates.of(AT, ZoneId.of("Asia/Seoul"))).isEqualTo("2026-12-06 17:02:23 KST");
        assertThat(IrcDates.of(AT, ZoneId.of("Etc/UTC"))).isEqualTo("2026-12-06 08:02:23 UTC");
        assertThat(IrcDates.of(AT, ZoneId.of("Europe/Paris"))).isEqualTo("2026-12-06 09:02:23 CET");
    }

    @Test
    void aZoneWithoutAShortNameIsWrittenAsItsOffsetAndAnOffsetOfZeroAsUtc() {
        assertThat(IrcDates.of(AT, ZoneId.of("Europe/Astrakhan"))).isEqualTo("2026-12-06 12:02:23 +04:00");
        assertThat(IrcDates.of(AT, ZoneOffset.ofHours(9))).isEqualTo("2026-12-06 17:02:23 +09:00");
        assertThat(IrcDates.of(AT, ZoneOffset.UTC)).isEqualTo("2026-12-06 08:02:23 UTC");
    }
}
