package openchat.server.irc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import openchat.core.AddressKey;
import org.junit.jupiter.api.Test;

class IrcReplayMarksTest {
    private static AddressKey address(String literal) throws Exception {
        return AddressKey.of(InetAddress.getByName(literal));
    }

    @Test
    void theMarksOfAQuitAreTakenOnceByTheSameNameFromTheSameAddressInAnySpelling() throws Exception {
        IrcReplayMarks marks = new IrcReplayMarks();
        marks.quit("Kim", address("192.0.2.7"), Map.of("study", 12L));

        assertThat(marks.take("KIM", address("192.0.2.7"))).containsExactly(Map.entry("study", 12L));
        assertThat(marks.take("Kim", address("192.0.2.7"))).isEmpty();
    }

    @Test
    void anotherAddressTakingTheNameGetsNoMarksSoNobodyCanShortenAnothersReplay() throws Exception {
        IrcReplayMarks marks = new IrcReplayMarks();
        marks.quit("Kim", address("2001:db8:0:1::5"), Map.of("study", 12L));

        assertThat(marks.take("Kim", address("192.0.2.8"))).isEmpty();
        marks.quit("Kim", address("2001:db8:0:1::5"), Map.of("study", 12L));
        assertThat(marks.take("Kim", address("2001:db8:0:1::99")))
                .as("the same IPv6 /64")
                .containsExactly(Map.entry("study", 12L));
    }

    @Test
    void onlyTheLastQuitsAreRememberedTheOldestForgottenFirst() throws Exception {
        IrcReplayMarks marks = new IrcReplayMarks();
        AddressKey from = address("192.0.2.7");
        for (int i = 0; i <= IrcReplayMarks.REMEMBERED; i++) {
            marks.quit("user" + i, from, Map.of("study", (long) i));
        }

        assertThat(marks.take("user0", from)).isEmpty();
        assertThat(marks.take("user1", from)).containsExactly(Map.entry("study", 1L));
        assertThat(marks.take("user" + IrcReplayMarks.REMEMBERED, from))
                .containsExactly(Map.entry("study", (long) IrcReplayMarks.REMEMBERED));
    }
}
